"""A campaign planned in New York, for the tests that check times are shown in the
campaign's zone while the team's configured zone is Berlin."""

from __future__ import annotations

from datetime import UTC, datetime

from campaign.db import Database
from campaign.models import Campaign, Delivery, DeliveryState, Post, PostState, PostTarget
from campaign.reasons import stored_reason
from campaign.services import accounts
from words.coded import Coded

NEW_YORK = "America/New_York"
AT = datetime(2026, 11, 24, 14, 30, tzinfo=UTC)
"""09:30 in New York (EST), 15:30 in Berlin."""
RELEASED = Coded("reason.released", {"due": AT.isoformat(timespec="minutes")})
"""As the lifecycle stores it: the due time in UTC."""


def seed_new_york(database: Database, account_name: str, key: str) -> int:
    """Campaign `ny` with one post at `AT` whose delivery waits for its released time."""
    with database.session() as session:
        account = accounts.by_name(session, account_name)
        campaign = Campaign(slug="ny", name="New York", time_zone=NEW_YORK)
        post = Post(
            campaign=campaign, key=key, text="Hallo New York", scheduled_at=AT,
            state=PostState.APPROVED,
        )
        post.targets = [PostTarget(account=account)]
        post.deliveries = [
            Delivery(
                account_id=account.id, idempotency_key=f"ny-{key}", due_at=AT,
                state=DeliveryState.PENDING, last_error=stored_reason(RELEASED),
            )
        ]
        session.add(post)
        session.flush()
        return post.id
