"""Storing posts by others: each one once, whichever job reads it first.

Collection (replies under our posts) and listening (mentions, quotes, tracked hashtags) run
as separate jobs, and on PostgreSQL in separate daemons, so both may read the same post at
the same moment: a reply that mentions the account is both. A check before the insert
cannot settle that; the table's unique key (platform, remote id) does, with an insert that
leaves a row already there as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from campaign.models import Reply


def insert_new(session: Session, rows: Sequence[dict[str, Any]]) -> int:
    """Insert the rows not held yet; returns how many were inserted."""
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = Reply.__table__
    statement = (
        insert(table)
        .on_conflict_do_nothing(index_elements=["platform", "remote_id"])
        .returning(table.c.id)
    )
    inserted = 0
    for row in rows:  # one statement a row: every row gets its own defaults
        inserted += len(session.execute(statement.values(**row)).all())
    return inserted
