"""Approved posts for a benchmark's daemon to send: round-robin over the accounts, evenly
over a span, through the same service a person's `post add` uses."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from campaign.models import Campaign
from campaign.services import posts


def queue_approved(
    session: Session,
    campaign: Campaign,
    names: list[str],
    *,
    count: int,
    start: datetime,
    span: timedelta,
    text: str,
) -> None:
    """`count` approved posts `text.format(index=…)`, the first at `start`, the last at
    `start + span`, account after account."""
    for index in range(count):
        draft = posts.PostDraft(
            key=f"p{index}",
            text=text.format(index=index),
            scheduled_at=start + span * (index / max(count - 1, 1)),
            accounts=[names[index % len(names)]],
            approved=True,
        )
        posts.add_post(session, campaign, draft, {})
