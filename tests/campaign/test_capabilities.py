"""Capabilities come from the connector: what each account's platform allows, kept on the
account row and used by validation and the TUI's counters instead of platform defaults."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from campaign.config import AccountSettings, Settings
from campaign.daemon.runner import Daemon
from campaign.db import Database, make_engine, upgrade
from campaign.errors import UserError
from campaign.models import Campaign
from campaign.services import accounts, campaigns, capabilities, posts
from campaign.tui.app import make_app
from sandbox.mastodon_server import MastodonSandbox

TOKEN = "capabilities-token"


@pytest.fixture
def instance() -> Iterator[MastodonSandbox]:
    with MastodonSandbox(max_characters=1000, handles={TOKEN: "todo_dortmund"}) as server:
        yield server  # type: ignore[misc]


@pytest.fixture
def database(tmp_path: Path) -> Database:
    engine = make_engine(f"sqlite:///{tmp_path / 'caps.sqlite3'}")
    upgrade(engine)
    return Database(engine)


@pytest.fixture
def settings(
    instance: MastodonSandbox, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Settings:
    monkeypatch.setenv("LT_CAPS_MASTODON", TOKEN)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    account = AccountSettings(
        name="mastodon-todo",
        platform="mastodon",
        handle="todo_dortmund",
        server_url=instance.url,
        secret_env="LT_CAPS_MASTODON",
    )
    return Settings(accounts=[account])


def _draft(text: str) -> posts.PostDraft:
    return posts.PostDraft(
        key="lang",
        text=text,
        scheduled_at=datetime.now(UTC) + timedelta(days=1),
        accounts=["mastodon-todo"],
    )


def test_the_daemon_keeps_each_accounts_limits_and_validation_uses_them(
    database: Database, settings: Settings
) -> None:
    with database.session() as session:
        accounts.sync_from_config(session, settings)
        session.add(Campaign(slug="todo", name="to:do"))
        unknown = capabilities.character_limits(session, settings)
        with pytest.raises(UserError, match="500"):  # the platform's default before
            posts.add_post(session, campaigns.by_slug(session, "todo"), _draft("a" * 700), unknown)

    daemon = Daemon(database, settings, classifier_loader=lambda: None)  # type: ignore[arg-type]
    daemon.start().shutdown(wait=True)
    daemon.stopped()

    with database.session() as session:
        known = capabilities.of(accounts.by_name(session, "mastodon-todo"))
        assert known is not None and known.max_characters == 1000 and known.polls
        assert known.max_media == 4 and known.max_poll_options >= 2
        limits = capabilities.character_limits(session, settings)
        assert limits == {"mastodon-todo": 1000}
        post = posts.add_post(
            session, campaigns.by_slug(session, "todo"), _draft("a" * 700), limits
        )
        assert post.id is not None
    assert daemon.limits == {"mastodon-todo": 1000}
    app = make_app(database, settings, clock=lambda: datetime.now(UTC))
    assert app.limits() == {"mastodon-todo": 1000}  # the compose screen's counters


def test_config_override_still_wins(database: Database, settings: Settings) -> None:
    settings.accounts[0].max_characters = 640
    with database.session() as session:
        accounts.sync_from_config(session, settings)
    daemon = Daemon(database, settings, classifier_loader=lambda: None)  # type: ignore[arg-type]
    daemon.start().shutdown(wait=True)
    daemon.stopped()
    with database.session() as session:
        assert capabilities.character_limits(session, settings) == {"mastodon-todo": 640}
