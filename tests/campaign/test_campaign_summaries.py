"""Campaign counts from grouped queries: each campaign gets only its own posts, sent
deliveries and replies, and a campaign without any shows zeros."""

from __future__ import annotations

from datetime import UTC, datetime

from campaign.db import Database
from campaign.models import (
    Campaign,
    Delivery,
    DeliveryState,
    HeardKind,
    Post,
    PostState,
    Reply,
)
from campaign.services import accounts, campaigns
from campaign.services.campaigns import CampaignProgress, CampaignSummary

WHEN = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _post(
    campaign: Campaign, key: str, states: list[DeliveryState], account_ids: list[int]
) -> Post:
    """One delivery per state, each to its own account."""
    post = Post(campaign=campaign, key=key, text=key, scheduled_at=WHEN, state=PostState.APPROVED)
    post.deliveries = [
        Delivery(
            account_id=account_id,
            idempotency_key=f"{campaign.slug}-{key}-{account_id}",
            due_at=WHEN,
            state=state,
        )
        for state, account_id in zip(states, account_ids, strict=False)
    ]
    return post


def _replies(delivery: Delivery, count: int, prefix: str) -> list[Reply]:
    return [
        Reply(
            platform="mastodon",
            remote_id=f"{prefix}{number}",
            delivery=delivery,
            in_reply_to_id="1",
            author_handle="buerger",
            text="Gut!",
            created_at=WHEN,
        )
        for number in range(count)
    ]


def test_counts_per_campaign_with_empty_ones_at_zero(database: Database) -> None:
    with database.session() as session:
        account_ids = [account.id for account in accounts.list_accounts(session)]
        todo = Campaign(slug="todo", name="to:do")
        fest = Campaign(slug="fest", name="Sommerfest")
        session.add_all([todo, fest, Campaign(slug="leer", name="Noch leer")])
        sent, pending = DeliveryState.SENT, DeliveryState.PENDING
        first = _post(todo, "a", [sent, sent], account_ids)
        second = _post(todo, "b", [sent, pending], account_ids)
        third = _post(todo, "c", [], account_ids)
        party = _post(fest, "a", [sent], account_ids)
        session.add_all([first, second, third, party])
        session.add_all(
            _replies(first.deliveries[0], 3, "t1-")
            + _replies(first.deliveries[1], 2, "t2-")
            + _replies(second.deliveries[0], 1, "t3-")
        )

    with database.session() as session:
        found = campaigns.summaries(session)

    assert found == [
        CampaignSummary("fest", "Sommerfest", "Europe/Berlin", False, 1, 1, 0),
        CampaignSummary("leer", "Noch leer", "Europe/Berlin", False, 0, 0, 0),
        CampaignSummary("todo", "to:do", "Europe/Berlin", False, 3, 3, 6),
    ]


def test_progress_counts_one_campaign_only(database: Database) -> None:
    """The demo's closing figures: posts, sent and failed deliveries, replies (classified
    ones apart) and what listening found, of this campaign and no other."""
    with database.session() as session:
        account_ids = [account.id for account in accounts.list_accounts(session)]
        todo = Campaign(slug="todo", name="to:do")
        fest = Campaign(slug="fest", name="Sommerfest")
        session.add_all([todo, fest])
        sent, failed = DeliveryState.SENT, DeliveryState.FAILED
        first = _post(todo, "a", [sent, failed, DeliveryState.NEEDS_REVIEW], account_ids)
        second = _post(todo, "b", [], account_ids)
        party = _post(fest, "a", [sent, sent], account_ids)
        session.add_all([first, second, party])
        replies = _replies(first.deliveries[0], 3, "t-") + _replies(party.deliveries[0], 4, "f-")
        replies[0].classified_at = WHEN
        session.add_all(replies)
        session.flush()
        heard = Reply(
            platform="mastodon", remote_id="tag-1", kind=HeardKind.TAG, campaign_id=todo.id,
            author_handle="stadt", text="#ToDoDortmund", created_at=WHEN,
        )
        session.add(heard)

    with database.session() as session:
        found = campaigns.progress(session, "todo")

    assert found == CampaignProgress(
        posts=2, delivered=1, failed=2, replies=3, classified=1, tracked=1
    )
