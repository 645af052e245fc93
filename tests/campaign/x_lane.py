"""Helpers for the X-lane daemon fixture (tests/campaign/conftest.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from campaign.daemon.runner import Daemon
from campaign.models import Delivery
from campaign.services import campaigns, posts

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
