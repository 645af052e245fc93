"""Followers per account and day: the daemon counts them once a day, `accounts verify`
whenever it runs; reports read growth and per-1,000 rates from these counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from campaign.db import Database
from campaign.models import Account, AccountState, FollowerCount
from connectors.base import Connector
from connectors.errors import ConnectorError


def record(
    session: Session, account: Account, followers: int, now: datetime, zone: ZoneInfo
) -> None:
    """`followers` as the account's count for today (a later count the same day wins)."""
    day = now.astimezone(zone).date()
    row = session.scalar(
        select(FollowerCount).where(
            FollowerCount.account_id == account.id, FollowerCount.day == day
        )
    )
    if row is None:
        row = FollowerCount(account_id=account.id, day=day, taken_at=now, followers=followers)
        session.add(row)
    row.taken_at, row.followers = now, followers
    account.followers = followers


def uncounted(session: Session, day: date) -> list[str]:
    """Usable accounts without a count for `day` (a broken one cannot log in)."""
    counted = select(FollowerCount.account_id).where(FollowerCount.day == day)
    return list(
        session.scalars(
            select(Account.name)
            .where(Account.state == AccountState.OK, Account.id.not_in(counted))
            .order_by(Account.name)
        )
    )


def count_followers(
    database: Database,
    connector_for: Callable[[str], Connector],
    zone: ZoneInfo,
    clock: Callable[[], datetime],
    on_error: Callable[[str, ConnectorError], None],
) -> int:
    """Ask each account not yet counted today who it is (`verify`) and keep its followers;
    returns how many were counted. A platform that does not say is asked again next round."""
    now = clock()
    with database.session() as session:
        names = uncounted(session, now.astimezone(zone).date())
    counted = 0
    for name in names:
        try:
            info = connector_for(name).verify()
        except ConnectorError as error:
            on_error(name, error)
            continue
        if info.followers is None:
            continue
        with database.session() as session:
            account = session.scalars(select(Account).where(Account.name == name)).one()
            record(session, account, info.followers, now, zone)
        counted += 1
    return counted
