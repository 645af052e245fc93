"""Spike alerts take in what listening found, judged apart from the replies, with their own
thresholds: a sour hashtag raises its own alert, and never one about the replies."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from campaign.daemon.alerts import HEARD, REPLIES, check_spikes
from campaign.db import Database
from campaign.models import Campaign, Event, HeardKind, Reply
from campaign.services import events
from tests.campaign.test_alerts import NOW, _delivery, _replies


def _heard(database: Database, labels: list[str], tag: str, kind: HeardKind) -> None:
    with database.session() as session:
        campaign = session.scalars(select(Campaign)).one()
        for index, label in enumerate(labels):
            session.add(
                Reply(
                    platform="mastodon",
                    remote_id=f"{tag}{index}",
                    kind=kind,
                    campaign_id=campaign.id,
                    query="#ToDoDortmund" if kind == HeardKind.TAG else None,
                    author_handle="a",
                    text="…",
                    created_at=NOW - timedelta(minutes=30, seconds=index),
                    sentiment_label=label,
                )
            )


def test_a_sour_hashtag_raises_its_own_alert_not_one_about_replies(database: Database) -> None:
    delivery_id = _delivery(database)
    _replies(database, delivery_id, NOW - timedelta(minutes=20), ["positive"] * 12, "r")
    _heard(database, ["negative"] * 10 + ["neutral"] * 2, "t", HeardKind.TAG)

    assert check_spikes(database, NOW, threshold=3.0, min_replies=10, source=REPLIES) == []
    [spike] = check_spikes(database, NOW, threshold=3.0, min_replies=10, source=HEARD)

    assert (spike.replies, spike.negative) == (12, 10)
    with database.session() as session:
        alert = session.scalars(select(Event).where(Event.kind == "alert.listening_spike")).one()
        assert "Beiträgen aus der Stadt" in events.shown_message(alert, ZoneInfo("UTC"))
        assert len(alert.data["reply_ids"]) == 10
    assert check_spikes(database, NOW, threshold=3.0, min_replies=10, source=HEARD) == []


def test_sour_replies_are_not_diluted_by_a_busy_hashtag(database: Database) -> None:
    delivery_id = _delivery(database)
    _replies(database, delivery_id, NOW - timedelta(minutes=20), ["negative"] * 10, "r")
    _heard(database, ["positive"] * 200, "t", HeardKind.TAG)
    [spike] = check_spikes(database, NOW, threshold=3.0, min_replies=10, source=REPLIES)
    assert spike.replies == 10  # the 200 tag posts are not counted as replies


def test_listening_has_its_own_minimum(database: Database) -> None:
    _delivery(database)
    _heard(database, ["negative"] * 12, "m", HeardKind.MENTION)
    assert check_spikes(database, NOW, threshold=3.0, min_replies=20, source=HEARD) == []
    assert check_spikes(database, NOW, threshold=3.0, min_replies=10, source=HEARD)
