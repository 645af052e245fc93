"""A campaign with one sent post and replies, built for the wall's tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from campaign.db import Database
from campaign.models import Campaign, Delivery, DeliveryState, Post, PostState, PostTarget, Reply
from campaign.services import accounts

NOW = datetime(2026, 5, 2, 12, 0, tzinfo=UTC)  # 14:00 in Dortmund
SLUG = "todo-woche"


@dataclass(frozen=True)
class Said:
    """One reply to seed: its text, author, label and age."""

    text: str
    author: str = "buergerin"
    label: str | None = "positive"
    human_label: str | None = None
    minutes_ago: float = 10
    platform: str = "mastodon"
    media_url: str | None = None
    media_alt: str | None = None


def seed_campaign(database: Database, *, now: datetime = NOW) -> int:
    """The campaign, a post sent this morning and a programme item this evening; the
    delivery's id."""
    with database.session() as session:
        campaign = Campaign(slug=SLUG, name="to:do – Aktionswoche", time_zone="Europe/Berlin")
        account = accounts.by_name(session, "mastodon-todo")
        sent = Post(
            campaign=campaign,
            key="auftakt",
            text="Heute startet die to:do-Woche im Container-Studio.",
            scheduled_at=now - timedelta(hours=2),
            state=PostState.APPROVED,
        )
        sent.targets = [PostTarget(account=account)]
        upcoming = Post(
            campaign=campaign,
            key="werkstatt",
            text="Werkstatt „Arbeit von morgen“ im Container-Studio: kommt vorbei!",
            scheduled_at=now + timedelta(hours=4),
            state=PostState.APPROVED,
        )
        draft = Post(
            campaign=campaign,
            key="entwurf",
            text="Noch nicht freigegeben.",
            scheduled_at=now + timedelta(hours=1),
            state=PostState.DRAFT,
        )
        delivery = Delivery(
            post=sent,
            account_id=account.id,
            idempotency_key="wall-1",
            due_at=sent.scheduled_at,
            state=DeliveryState.SENT,
            sent_at=sent.scheduled_at,
            remote_id="100",
        )
        session.add_all([campaign, sent, upcoming, draft, delivery])
        session.flush()
        return delivery.id


def add_replies(
    database: Database, delivery_id: int, said: Sequence[Said], *, now: datetime = NOW
) -> list[int]:
    """Store `said` as collected replies; their ids in order."""
    with database.session() as session:
        count = len(session.query(Reply).all())
        replies = [
            Reply(
                platform=item.platform,
                remote_id=f"r{count + number}",
                delivery_id=delivery_id,
                in_reply_to_id="100",
                author_handle=item.author,
                text=item.text,
                created_at=now - timedelta(minutes=item.minutes_ago),
                collected_at=now - timedelta(minutes=item.minutes_ago),
                sentiment_label=item.label,
                sentiment_score=0.9 if item.label else None,
                human_label=item.human_label,
                media_url=item.media_url,
                media_alt=item.media_alt,
            )
            for number, item in enumerate(said)
        ]
        session.add_all(replies)
        session.flush()
        return [reply.id for reply in replies]
