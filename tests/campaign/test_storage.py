"""Storage on SQLite and PostgreSQL: migrations, UTC round trips, constraints, schema check."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from campaign.db import Database, current_revision, head_revision, make_engine, upgrade
from campaign.errors import UserError
from campaign.models import Campaign, Delivery, Post, PostTarget, Reply
from campaign.services import accounts


def _campaign_with_delivery(database: Database) -> int:
    with database.session() as session:
        campaign = Campaign(slug="todo", name="to:do")
        post = Post(
            campaign=campaign,
            key="p1",
            text="Hallo",
            scheduled_at=datetime(2024, 4, 29, 8, tzinfo=UTC),
        )
        account = accounts.by_name(session, "mastodon-todo")
        post.targets = [PostTarget(account=account)]
        delivery = Delivery(
            post=post, account_id=account.id, idempotency_key="k1", due_at=post.scheduled_at
        )
        session.add_all([campaign, post, delivery])
        session.flush()
        return delivery.id


def test_migrations_reach_head(database: Database) -> None:
    assert current_revision(database.engine) == head_revision()


def test_times_come_back_aware_utc(database: Database) -> None:
    _campaign_with_delivery(database)
    berlin_summer = timezone(timedelta(hours=2))
    with database.session() as session:
        post = session.scalar(select(Post))
        post.scheduled_at = datetime(2024, 4, 29, 10, 0, tzinfo=berlin_summer)
    with database.session() as session:
        stored = session.scalar(select(Post)).scheduled_at
    assert stored == datetime(2024, 4, 29, 8, 0, tzinfo=UTC)
    assert stored.utcoffset() == timedelta(0)


def test_naive_datetimes_are_refused(database: Database) -> None:
    with pytest.raises(Exception, match="naive datetime"), database.session() as session:
        session.add(Campaign(slug="x", name="x", created_at=datetime(2024, 1, 1)))  # noqa: DTZ001
        session.flush()


def test_reply_is_unique_per_platform_and_remote_id(database: Database) -> None:
    delivery_id = _campaign_with_delivery(database)

    def reply() -> Reply:
        return Reply(
            platform="mastodon",
            remote_id="42",
            delivery_id=delivery_id,
            in_reply_to_id="1",
            author_handle="kalle",
            text="Super!",
            created_at=datetime(2024, 4, 29, 9, tzinfo=UTC),
        )

    with database.session() as session:
        session.add(reply())
    with pytest.raises(IntegrityError), database.session() as session:
        session.add(reply())


def test_out_of_date_schema_is_refused_with_the_fix(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    with pytest.raises(UserError, match="leuchtturm db upgrade"):
        Database.open(url)
    upgrade(make_engine(url))
    Database.open(url)


def test_sqlite_runs_in_wal_mode_with_busy_timeout(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'wal.sqlite3'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_migrations_match_the_models(database: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from campaign.models import Base

    with database.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
