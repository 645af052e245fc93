"""Negative-spike alerts against a campaign's own baseline, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from campaign.daemon.alerts import check_spikes, z_score
from campaign.db import Database
from campaign.models import Campaign, Delivery, Event, Post, PostTarget, Reply
from campaign.services import accounts, campaigns

NOW = datetime(2024, 4, 30, 12, 0, tzinfo=UTC)


def _delivery(database: Database) -> int:
    with database.session() as session:
        campaign = Campaign(slug="todo", name="to:do")
        post = Post(campaign=campaign, key="p", text="Hallo", scheduled_at=NOW - timedelta(days=3))
        account = accounts.by_name(session, "mastodon-todo")
        post.targets = [PostTarget(account=account)]
        delivery = Delivery(
            post=post,
            account_id=account.id,
            idempotency_key="k",
            due_at=post.scheduled_at,
            state="sent",
        )
        session.add_all([campaign, post, delivery])
        session.flush()
        return delivery.id


def _replies(
    database: Database, delivery_id: int, at: datetime, labels: list[str], tag: str
) -> None:
    with database.session() as session:
        for index, label in enumerate(labels):
            session.add(
                Reply(
                    platform="mastodon",
                    remote_id=f"{tag}{index}",
                    delivery_id=delivery_id,
                    in_reply_to_id="1",
                    author_handle="a",
                    text="…",
                    created_at=at + timedelta(seconds=index),
                    sentiment_label=label,
                )
            )


def test_z_score_is_zero_at_baseline_and_grows_with_the_share() -> None:
    assert z_score(2, 10, 0.2) == 0
    assert z_score(8, 10, 0.2) > 4


def test_spike_above_baseline_raises_one_alert_with_its_replies(database: Database) -> None:
    delivery_id = _delivery(database)
    _replies(
        database, delivery_id, NOW - timedelta(days=2), ["negative"] * 10 + ["positive"] * 40, "b"
    )
    _replies(
        database, delivery_id, NOW - timedelta(minutes=30), ["negative"] * 9 + ["positive"] * 3, "s"
    )
    raised = check_spikes(database, NOW, threshold=3.0, min_replies=10)
    assert len(raised) == 1 and raised[0].negative == 9 and raised[0].baseline_share == 0.2
    assert check_spikes(database, NOW, threshold=3.0, min_replies=10) == []  # not twice
    with database.session() as session:
        alert = session.scalar(select(Event).where(Event.kind == "alert.negative_spike"))
        assert alert is not None and len(alert.data["reply_ids"]) == 9
        campaigns.resume(session, "todo")
    with database.session() as session:
        assert session.scalar(select(Event.resolved_at).where(Event.kind == "alert.negative_spike"))


def test_always_criticised_campaign_does_not_alarm(database: Database) -> None:
    delivery_id = _delivery(database)
    _replies(
        database, delivery_id, NOW - timedelta(days=2), ["negative"] * 35 + ["positive"] * 15, "b"
    )
    _replies(
        database, delivery_id, NOW - timedelta(minutes=30), ["negative"] * 8 + ["positive"] * 4, "s"
    )
    assert check_spikes(database, NOW, threshold=3.0, min_replies=10) == []


def test_too_few_replies_never_alarm(database: Database) -> None:
    delivery_id = _delivery(database)
    _replies(database, delivery_id, NOW - timedelta(minutes=30), ["negative"] * 5, "s")
    assert check_spikes(database, NOW, threshold=3.0, min_replies=10) == []


def test_human_label_wins(database: Database) -> None:
    delivery_id = _delivery(database)
    _replies(database, delivery_id, NOW - timedelta(minutes=30), ["negative"] * 12, "s")
    with database.session() as session:
        for reply in session.scalars(select(Reply)):
            reply.human_label = "neutral"
    assert check_spikes(database, NOW, threshold=3.0, min_replies=10) == []


def test_new_campaign_is_judged_against_a_prior_not_zero(database: Database) -> None:
    delivery_id = _delivery(database)
    _replies(
        database, delivery_id, NOW - timedelta(minutes=30), ["negative"] * 4 + ["positive"] * 8, "s"
    )
    assert check_spikes(database, NOW, threshold=3.0, min_replies=10) == []
    _replies(database, delivery_id, NOW - timedelta(minutes=20), ["negative"] * 12, "t")
    assert len(check_spikes(database, NOW, threshold=3.0, min_replies=10)) == 1
