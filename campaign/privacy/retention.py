"""Retention: posts by others older than `[privacy] retention_days` lose their texts and
authors; their figures live on in `heard_counts`.

`cutoff` is the one rule, used by the purge and by the reports alike: a report never shows
a text, an author or a term from before the cutoff, whether or not the nightly purge has
run yet, so a past week's report is the same before and after it. The purge works in small
batches, each its own transaction, so the dispatch lanes never wait long for the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from campaign.db import Database
from campaign.models import Reply, WallEntry
from campaign.privacy.counts import fold
from campaign.services.wall import SOURCES

BATCH = 500
"""Posts per transaction: small enough that a lane's claim never waits on the purge."""


def cutoff(now: datetime, retention_days: int) -> datetime:
    """The oldest moment whose posts are still kept."""
    return now - timedelta(days=retention_days)


@dataclass(frozen=True)
class PurgeGroup:
    kind: str
    platform: str
    posts: int
    oldest: datetime


@dataclass(frozen=True)
class PurgeSummary:
    """What a purge takes (or, as a dry run, would take)."""

    cutoff: datetime
    groups: tuple[PurgeGroup, ...]
    wall_entries: int

    @property
    def posts(self) -> int:
        return sum(group.posts for group in self.groups)

    @property
    def oldest(self) -> datetime | None:
        return min((group.oldest for group in self.groups), default=None)


def plan(session: Session, now: datetime, retention_days: int) -> PurgeSummary:
    """What `purge` would delete at `now`, changing nothing."""
    before = cutoff(now, retention_days)
    rows = session.execute(
        select(Reply.kind, Reply.platform, func.count(), func.min(Reply.created_at))
        .where(Reply.created_at < before)
        .group_by(Reply.kind, Reply.platform)
        .order_by(Reply.kind, Reply.platform)
    )
    old = select(Reply.id).where(Reply.created_at < before)
    entries = session.scalar(
        select(func.count())
        .select_from(WallEntry)
        .where(WallEntry.source.in_(SOURCES), WallEntry.source_id.in_(old))
    )
    return PurgeSummary(
        before,
        tuple(PurgeGroup(kind, platform, n, oldest) for kind, platform, n, oldest in rows),
        entries or 0,
    )


def delete_posts(session: Session, reply_ids: list[int]) -> None:
    """Count the posts into the aggregates, then delete them and their wall entries."""
    fold(session, reply_ids)
    session.execute(
        delete(WallEntry).where(WallEntry.source.in_(SOURCES), WallEntry.source_id.in_(reply_ids))
    )
    session.execute(delete(Reply).where(Reply.id.in_(reply_ids)))


def purge(database: Database, now: datetime, retention_days: int) -> PurgeSummary:
    """Delete what `plan` lists, batch by batch; returns what went."""
    with database.session() as session:
        summary = plan(session, now, retention_days)
    while True:
        with database.session() as session:
            ids = list(
                session.scalars(
                    select(Reply.id)
                    .where(Reply.created_at < summary.cutoff)
                    .order_by(Reply.id)
                    .limit(BATCH)
                )
            )
            if not ids:
                break
            delete_posts(session, ids)
    if summary.posts:
        release_freed_pages(database, vacuum=False)
    return summary


def release_freed_pages(database: Database, *, vacuum: bool) -> None:
    """Make deleted rows unreadable in the files too, not only in SQL.

    SQLite overwrites deleted content (`secure_delete`, set on every connection) but older
    copies stay in the write-ahead log until a checkpoint; `vacuum` also rebuilds the file
    (an erasure does, the nightly purge does not need to). PostgreSQL keeps dead rows until
    VACUUM; VACUUM FULL rewrites the tables it names.
    """
    with database.engine.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        if database.engine.dialect.name == "sqlite":
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            if vacuum:
                connection.execute(text("VACUUM"))
                connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        elif vacuum:
            connection.execute(text("VACUUM FULL replies, wall_entries, wall_blocks"))
        else:
            connection.execute(text("VACUUM replies, wall_entries"))
