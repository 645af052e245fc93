"""Reading poll votes while a poll runs, and its final result once it has closed.

A poll's interest is greatest near its end, so it is read every `running_every` while it
runs and every `closing_every` in its last stretch; after its end it is read until the
platform says it is closed, and that reading (`closed`) is the last. Every reading is
appended to `poll_counts`, a time series the TUI, the wall and the report read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from campaign.db import Database
from campaign.models import Account, AccountState, Delivery, DeliveryState, PollCount, Post
from connectors.base import Connector, PollResult, RemotePost
from connectors.errors import ConnectorError
from content.polls import PollSpec


@dataclass(frozen=True)
class PollPolicy:
    """How often to read a running poll: more often in its last stretch."""

    running_every: timedelta = timedelta(minutes=10)
    closing_every: timedelta = timedelta(minutes=1)
    closing_share: float = 0.1
    """The last tenth of its run (at least `closing_every`) counts as its end."""

    @classmethod
    def following(cls, fresh_every: timedelta) -> PollPolicy:
        """Twice the fresh posts' collection interval while running, a fifth of it near
        the end, never slower than the defaults (the demo collects without a pause)."""
        default = cls()
        return cls(
            running_every=min(default.running_every, fresh_every * 2),
            closing_every=min(default.closing_every, fresh_every / 5),
        )

    def due(
        self, ends_at: datetime, duration: timedelta, last: datetime | None, now: datetime
    ) -> bool:
        """Whether a poll ending at `ends_at`, last read at `last`, is to be read now."""
        if last is None or now >= ends_at:
            return True
        closing = now >= ends_at - max(duration * self.closing_share, self.closing_every)
        every = self.closing_every if closing else self.running_every
        return now - last >= every


@dataclass(frozen=True)
class _PollTarget:
    delivery_id: int
    account_name: str
    remote: RemotePost


def _due(database: Database, policy: PollPolicy, now: datetime) -> list[_PollTarget]:
    last_read = (
        select(PollCount.delivery_id, func.max(PollCount.taken_at).label("last"))
        .group_by(PollCount.delivery_id)
        .subquery()
    )
    closed = select(PollCount.delivery_id).where(PollCount.closed.is_(True))
    with database.session() as session:
        rows = session.execute(
            select(Delivery, Account.name, Post.poll, last_read.c.last)
            .join(Account, Delivery.account_id == Account.id)
            .join(Post, Post.id == Delivery.post_id)
            .outerjoin(last_read, last_read.c.delivery_id == Delivery.id)
            .where(
                Delivery.state == DeliveryState.SENT,
                Post.poll.is_not(None),
                Delivery.id.not_in(closed),
                Account.state == AccountState.OK,
            )
        )
        targets = []
        for delivery, account_name, poll, last in rows:
            assert delivery.sent_at is not None and delivery.remote_id is not None
            if not poll:
                continue  # a JSON null: no poll
            duration = PollSpec.from_json(poll).duration
            if policy.due(delivery.sent_at + duration, duration, last, now):
                remote = RemotePost(
                    delivery.remote_id,
                    delivery.remote_url or "",
                    delivery.sent_at,
                    delivery.remote_cid,
                    poll_id=delivery.remote_poll_id,
                )
                targets.append(_PollTarget(delivery.id, account_name, remote))
        return targets


def _store(database: Database, target: _PollTarget, result: PollResult) -> None:
    with database.session() as session:
        session.add(
            PollCount(
                delivery_id=target.delivery_id,
                taken_at=result.taken_at,
                votes=list(result.votes),
                voters=result.voters,
                ends_at=result.ends_at,
                closed=result.closed,
            )
        )
        delivery = session.get_one(Delivery, target.delivery_id)
        if delivery.remote_poll_id is None:
            delivery.remote_poll_id = result.poll_id


def read_polls(
    database: Database,
    connector_for: Callable[[str], Connector],
    policy: PollPolicy,
    clock: Callable[[], datetime],
    on_error: Callable[[str, ConnectorError], None],
) -> int:
    """One round over the polls that are due; returns how many readings were stored.

    A failing account is reported through `on_error` and skipped; the others go on.
    """
    by_account: dict[str, list[_PollTarget]] = defaultdict(list)
    for target in _due(database, policy, clock()):
        by_account[target.account_name].append(target)
    stored = 0
    for account_name, targets in by_account.items():
        connector = connector_for(account_name)
        try:
            for target in targets:
                result = connector.fetch_poll(target.remote)
                if result is not None:
                    _store(database, target, result)
                    stored += 1
        except ConnectorError as error:
            on_error(account_name, error)
    return stored
