"""The services behind the inbox and the dashboard: keyset pages, filters, label override,
answers, local-day sentiment buckets and the daemon's health."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from campaign.config import Settings
from campaign.db import Database
from campaign.errors import UserError
from campaign.models import Delivery, Heartbeat, Reply
from campaign.services import dashboard, inbox
from campaign.services.inbox import PageCursor, ReplyFilter
from tests.tui.conftest import FROZEN, seed

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def seeded(database: Database) -> Database:
    seed(database)
    return database


def _add_replies(database: Database, count: int) -> None:
    """`count` more replies, several sharing one timestamp, to test the keyset tie-break."""
    with database.session() as session:
        delivery = session.scalars(select(Delivery)).one()
        session.add_all(
            Reply(
                platform="mastodon",
                remote_id=f"extra{n}",
                delivery=delivery,
                in_reply_to_id="111",
                author_handle="viele",
                text=f"Antwort {n}",
                created_at=FROZEN - timedelta(days=1, minutes=n // 3),
            )
            for n in range(count)
        )


def test_keyset_pages_cover_every_reply_once_newest_first(seeded: Database) -> None:
    _add_replies(seeded, 25)
    seen: list[int] = []
    cursor = None
    with seeded.session() as session:
        while page := inbox.page_replies(session, ReplyFilter(), after=cursor, limit=7):
            seen += [row.id for row in page]
            cursor = PageCursor(page[-1].created_at, page[-1].id)
        everything = inbox.page_replies(session, ReplyFilter(), limit=1000)
    assert len(seen) == len(set(seen)) == 28
    assert seen == [row.id for row in everything]
    times = [row.created_at for row in everything]
    assert times == sorted(times, reverse=True)


def test_filters_combine_and_a_human_label_wins(seeded: Database) -> None:
    with seeded.session() as session:
        [negative] = inbox.page_replies(session, ReplyFilter(label="negative"))
        inbox.set_human_label(session, negative.id, "neutral")
    with seeded.session() as session:
        assert inbox.page_replies(session, ReplyFilter(label="negative")) == []
        neutral = inbox.page_replies(session, ReplyFilter(label="neutral"))
        assert {row.id for row in neutral} >= {negative.id}
        assert inbox.page_replies(session, ReplyFilter(platform="x")) == []
        assert inbox.page_replies(session, ReplyFilter(campaign_slug="other")) == []
        [question] = inbox.page_replies(session, ReplyFilter(unanswered_questions=True))
        assert question.is_question and question.text.startswith("Wann")


def test_unknown_label_is_refused_with_the_allowed_ones(seeded: Database) -> None:
    with seeded.session() as session, pytest.raises(UserError, match="positive, neutral"):
        inbox.set_human_label(session, 1, "wütend")


def test_a_reply_is_answered_once(seeded: Database, settings: Settings) -> None:
    limits = {account.name: account.max_characters for account in settings.accounts}
    with seeded.session() as session:
        [question] = inbox.page_replies(session, ReplyFilter(unanswered_questions=True))
        inbox.answer_reply(session, question.id, "Donnerstag, 18 Uhr.", limits, now=FROZEN)
    with seeded.session() as session, pytest.raises(UserError, match="schon beantwortet"):
        inbox.answer_reply(session, question.id, "Nochmal.", limits, now=FROZEN)


def test_too_long_answer_is_refused_and_nothing_is_stored(seeded: Database) -> None:
    with seeded.session() as session:
        [question] = inbox.page_replies(session, ReplyFilter(unanswered_questions=True))
    with seeded.session() as session, pytest.raises(UserError, match="zu viel"):
        inbox.answer_reply(session, question.id, "x" * 501, {}, now=FROZEN)
    with seeded.session() as session:
        assert session.get_one(Reply, question.id).answer_post_id is None


def test_sentiment_days_follow_the_campaign_time_zone(seeded: Database) -> None:
    # 23:30 UTC on the 23rd is 00:30 on the 24th in Berlin: it belongs to "today".
    with seeded.session() as session:
        delivery = session.scalars(select(Delivery)).one()
        session.add(
            Reply(
                platform="mastodon",
                remote_id="late",
                delivery=delivery,
                in_reply_to_id="111",
                author_handle="nachteule",
                text="Spät, aber gut.",
                created_at=FROZEN.replace(day=23, hour=23, minute=30),
                sentiment_label="positive",
            )
        )
    with seeded.session() as session:
        days = dashboard.sentiment_by_day(session, FROZEN, BERLIN)
    assert len(days) == 7
    assert days[-1].day.date().isoformat() == "2026-11-24"
    assert (days[-1].positive, days[-1].neutral, days[-1].negative) == (2, 1, 1)
    assert sum(day.total for day in days[:-1]) == 0


def test_daemon_health_running_stale_and_never(seeded: Database) -> None:
    with seeded.session() as session:
        assert dashboard.daemon_health(session, FROZEN).running
        stale = dashboard.daemon_health(session, FROZEN + timedelta(minutes=5))
        assert not stale.running
        assert stale.last_seen == timedelta(minutes=5, seconds=4)
        session.delete(session.scalars(select(Heartbeat)).one())
    with seeded.session() as session:
        assert dashboard.daemon_health(session, FROZEN).last_seen is None
