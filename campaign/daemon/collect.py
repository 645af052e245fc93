"""Collecting replies and metric snapshots for sent posts.

Fresh posts are collected often and old ones rarely (the conversation moves on), and
nothing older than 30 days. Replies are stored once (unique on platform + remote id);
metrics are appended as a time series.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select

from campaign.daemon.heard_rows import insert_new
from campaign.db import Database
from campaign.models import Account, AccountState, Delivery, DeliveryState, MetricSnapshot, Reply
from connectors.base import Connector, RemotePost, RemoteReply
from connectors.errors import ConnectorError
from sentiment.questions import is_question

FRESH_AGE = timedelta(days=1)
MAX_AGE = timedelta(days=30)
OVERLAP = timedelta(minutes=2)


@dataclass(frozen=True)
class CollectPolicy:
    """How often to look again at a post, by its age."""

    fresh_every: timedelta = timedelta(minutes=5)
    old_every: timedelta = timedelta(minutes=60)

    def due(self, sent_at: datetime, last: datetime | None, now: datetime) -> bool:
        """Whether a post of this age, last collected at `last`, is due now."""
        # The first look comes one interval after sending: a post seconds old has no
        # replies yet, and the dispatcher needs the connection more than the collector.
        last = last or sent_at
        every = self.fresh_every if now - sent_at < FRESH_AGE else self.old_every
        return now - last >= every


@dataclass(frozen=True)
class _Target:
    delivery_id: int
    account_name: str
    platform: str
    remote: RemotePost
    since: datetime | None


def _due_targets(database: Database, policy: CollectPolicy, now: datetime) -> list[_Target]:
    with database.session() as session:
        rows = session.execute(
            select(Delivery, Account)
            .join(Account, Delivery.account_id == Account.id)
            .where(
                Delivery.state == DeliveryState.SENT,
                Delivery.sent_at > now - MAX_AGE,
                # Skip in SQL what cannot be due yet: the dispatcher shares the process.
                func.coalesce(Delivery.last_collected_at, Delivery.sent_at)
                <= now - min(policy.fresh_every, policy.old_every),
                Account.state == AccountState.OK,
                or_(Account.rate_limited_until.is_(None), Account.rate_limited_until <= now),
            )
        )
        targets = []
        for delivery, account in rows:
            assert delivery.sent_at is not None and delivery.remote_id is not None
            if not policy.due(delivery.sent_at, delivery.last_collected_at, now):
                continue
            remote = RemotePost(
                delivery.remote_id, delivery.remote_url or "", delivery.sent_at, delivery.remote_cid
            )
            since = delivery.last_collected_at - OVERLAP if delivery.last_collected_at else None
            targets.append(_Target(delivery.id, account.name, account.platform, remote, since))
        return targets


def _store_replies(
    database: Database, target: _Target, replies: Sequence[RemoteReply], now: datetime
) -> int:
    with database.session() as session:
        ids = [reply.remote_id for reply in replies]
        known = set(
            session.scalars(
                select(Reply.remote_id).where(
                    Reply.platform == target.platform, Reply.remote_id.in_(ids)
                )
            )
        )
        new = [reply for reply in replies if reply.remote_id not in known]
        return insert_new(
            session,
            [
                dict(
                    platform=target.platform,
                    remote_id=reply.remote_id,
                    delivery_id=target.delivery_id,
                    in_reply_to_id=reply.in_reply_to_id,
                    url=reply.url,
                    cid=reply.cid,
                    author_handle=reply.author_handle,
                    text=reply.text,
                    language=reply.language,
                    created_at=reply.created_at,
                    collected_at=now,
                    is_question=is_question(reply.text),
                )
                for reply in new
            ],
        )


def collect(
    database: Database,
    connector_for: Callable[[str], Connector],
    policy: CollectPolicy,
    clock: Callable[[], datetime],
    on_error: Callable[[str, ConnectorError], None],
) -> tuple[int, int]:
    """One collection round; returns (new replies, metric snapshots).

    A failing account is reported through `on_error` and skipped; the others go on.
    """
    now = clock()
    by_account: dict[str, list[_Target]] = defaultdict(list)
    for target in _due_targets(database, policy, now):
        by_account[target.account_name].append(target)
    new_replies = snapshots = 0
    for account_name, targets in by_account.items():
        connector = connector_for(account_name)
        try:
            for target in targets:
                replies = connector.fetch_replies(target.remote, target.since)
                new_replies += _store_replies(database, target, replies, now)
            metrics = connector.fetch_metrics([t.remote for t in targets])
        except ConnectorError as error:
            on_error(account_name, error)
            continue
        by_remote = {t.remote.remote_id: t.delivery_id for t in targets}
        with database.session() as session:
            for metric in metrics:
                session.add(
                    MetricSnapshot(
                        delivery_id=by_remote[metric.remote_id],
                        taken_at=metric.taken_at,
                        likes=metric.likes,
                        reposts=metric.reposts,
                        replies=metric.replies,
                        quotes=metric.quotes,
                        impressions=metric.impressions,
                    )
                )
            for target in targets:
                session.get_one(Delivery, target.delivery_id).last_collected_at = now
        snapshots += len(metrics)
    return new_replies, snapshots
