"""A poll post already sent on several accounts, for the tests of what shows its result."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from campaign.models import Campaign, Delivery, DeliveryState, Post, PostState, PostTarget
from campaign.services import accounts


def sent_poll(
    session: Session,
    campaign_slug: str,
    text: str,
    poll: dict[str, Any],
    sent_at: datetime,
    account_names: Sequence[str] = ("mastodon-todo", "x-todo"),
) -> dict[str, int]:
    """Post "frage" with `poll`, sent at `sent_at` on every account; delivery ids by account."""
    campaign = session.query(Campaign).filter_by(slug=campaign_slug).one()
    post = Post(
        campaign=campaign,
        key="frage",
        text=text,
        scheduled_at=sent_at,
        state=PostState.APPROVED,
        poll=poll,
    )
    session.add(post)
    ids = {}
    for name in account_names:
        account = accounts.by_name(session, name)
        post.targets.append(PostTarget(account=account))
        delivery = Delivery(
            post=post,
            account_id=account.id,
            idempotency_key=f"poll-{name}",
            due_at=sent_at,
            state=DeliveryState.SENT,
            sent_at=sent_at,
            remote_id=f"p-{name}",
        )
        session.add(delivery)
        session.flush()
        ids[name] = delivery.id
    return ids
