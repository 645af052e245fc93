"""Helpers for the X-lane daemon fixture (tests/campaign/conftest.py) and its kin."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from campaign.config import Settings
from campaign.daemon.runner import Daemon
from campaign.models import Delivery
from campaign.services import campaigns, posts
from tests.campaign.daemon_setup import campaign_database
from tests.clock import ManualClock

START = datetime.now(UTC).replace(microsecond=0)
"""Near the real time: connectors stamp publication times from the real clock."""


def queue(daemon: Daemon, key: str, at: datetime, text: str | None = None) -> int:
    """An approved post on the X account; returns its delivery's id."""
    with daemon.database.session() as session:
        draft = posts.PostDraft(
            key=key,
            text=text or f"Beitrag {key} zur to:do-Woche",
            scheduled_at=at,
            accounts=["x-todo"],
            approved=True,
        )
        post = posts.add_post(session, campaigns.by_slug(session, "todo"), draft, {})
        return post.deliveries[0].id


def delivery(daemon: Daemon, delivery_id: int) -> Delivery:
    """The delivery as the database has it now."""
    with daemon.database.session() as session:
        return session.get_one(Delivery, delivery_id)


@contextmanager
def daemon_on(database_url: str, settings: Settings, clock: ManualClock) -> Iterator[Daemon]:
    """A daemon (not started: its work is called by hand) on a fresh migrated database
    with the settings' accounts and a campaign "todo"."""
    database = campaign_database(database_url, settings)
    try:
        yield Daemon(database, settings, clock=clock, classifier_loader=lambda: None)  # type: ignore[arg-type]
    finally:
        database.engine.dispose()
