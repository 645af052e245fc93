"""One sender per account: a daemon sends for an account only while it holds that account's
lane.

Several daemons may share a PostgreSQL queue. Without this rule two of them could work the
same account at once, and a recovery that searches the platform by content (X) could take the
post another daemon's delivery of the same text has just published, before that delivery
records it: one post held by two deliveries, the other text never sent. The lane belongs to
one daemon while its heartbeat is fresh; the same staleness rule hands over its claims, so a
stopped or killed daemon's accounts pass to another one as soon as its claims do.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from campaign.models import Account, Heartbeat

STALE_CLAIM = timedelta(seconds=15)
"""A daemon whose heartbeat is this old is taken for dead; its claims and lanes pass on."""


def alive_daemons(now: datetime) -> Select[tuple[str]]:
    """SQL: the ids of daemons running now (fresh heartbeat, no clean stop)."""
    return select(Heartbeat.daemon_id).where(
        Heartbeat.last_tick > now - STALE_CLAIM, Heartbeat.stopped_at.is_(None)
    )


def take_lanes(
    session: Session, daemon_id: str, now: datetime, account_name: str | None = None
) -> list[int]:
    """Take the lanes of the accounts (one, or all) no other running daemon holds.

    Returns the ids of the accounts whose lane `daemon_id` now holds. The account rows are
    locked for the rest of the transaction, so two daemons never both take one lane.
    """
    query = (
        select(Account)
        .where(
            or_(
                Account.lane_daemon_id.is_(None),
                Account.lane_daemon_id == daemon_id,
                Account.lane_daemon_id.not_in(alive_daemons(now)),
            )
        )
        .with_for_update(skip_locked=True)
    )
    if account_name is not None:
        query = query.where(Account.name == account_name)
    held = []
    for account in session.scalars(query):
        account.lane_daemon_id = daemon_id
        held.append(account.id)
    return held


def holds_lane(account: Account, daemon_id: str) -> bool:
    """Whether `daemon_id` still holds the account's lane (checked before a network call)."""
    return account.lane_daemon_id in (None, daemon_id)
