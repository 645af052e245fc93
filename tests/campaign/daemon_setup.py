"""The database a daemon test starts from: migrated, accounts synced, campaign "todo"."""

from __future__ import annotations

from campaign.config import AccountSettings, Settings
from campaign.db import Database, make_engine, upgrade
from campaign.models import Campaign
from campaign.services import accounts


def x_account(server_url: str, secret_env: str) -> AccountSettings:
    """The sandbox's X account with a fixed token from `secret_env`."""
    return AccountSettings(
        name="x-todo",
        platform="x",
        handle="todo_dortmund",
        server_url=server_url,
        secret_env=secret_env,
    )


def campaign_database(database_url: str, settings: Settings) -> Database:
    """A migrated database with the settings' accounts and an empty campaign "todo"."""
    engine = make_engine(database_url)
    upgrade(engine)
    database = Database(engine)
    with database.session() as session:
        accounts.sync_from_config(session, settings)
        session.add(Campaign(slug="todo", name="to:do"))
    return database
