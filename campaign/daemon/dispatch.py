"""The delivery state machine: pending → sending → sent | retry | failed | needs_review.

A delivery is committed as *sending* (with its idempotency key and attempt count) before
the network call, so a crash never loses track of it. Any attempt after the first asks
the connector to `recover()` the post an earlier attempt may have published before it
publishes again: that is what makes every post go out exactly once, or be flagged.
The dispatcher never branches on platform; it acts on the connector error kinds.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from campaign.daemon.outgoing import WaitingForParent, build_outgoing
from campaign.db import Database
from campaign.models import (
    Account,
    AccountState,
    Campaign,
    Delivery,
    DeliveryState,
    Heartbeat,
    Post,
    PostState,
)
from campaign.services import accounts, events
from connectors.base import Connector, RemotePost
from connectors.errors import (
    AuthExpired,
    ConfigurationError,
    ConnectorError,
    PaymentRequired,
    RateLimited,
    Rejected,
    Transient,
)

MAX_BACKOFF = timedelta(minutes=15)
STALE_CLAIM = timedelta(seconds=15)
"""A daemon whose heartbeat is this old is taken for dead; its claims are reconciled."""
DUE_STATES = (DeliveryState.PENDING, DeliveryState.RETRY)
OVERDUE_AFTER = timedelta(minutes=1)


@dataclass(frozen=True)
class DispatchPolicy:
    """How hard to try, and how late is too late."""

    max_attempts: int = 5
    backoff_base: timedelta = timedelta(seconds=5)
    grace: timedelta = timedelta(minutes=30)
    catch_up_spacing: timedelta = timedelta(seconds=60)

    def catching_up(self, delivery: Delivery, now: datetime) -> bool:
        """Late by more than ordinary lateness (the daemon was down or the account held),
        and not the next part of a thread, which follows its parent without a gap."""
        return delivery.due_at < now - OVERDUE_AFTER and delivery.post.thread_parent_id is None

    def backoff(self, attempts: int, rng: random.Random) -> timedelta:
        """Exponential backoff with jitter, so retries of many posts do not align."""
        delay = self.backoff_base * (2 ** max(attempts - 1, 0)) * rng.uniform(0.5, 1.5)
        return min(delay, MAX_BACKOFF)


def _transition(
    session: Session, delivery: Delivery, state: DeliveryState, reason: str, now: datetime
) -> None:
    """Change a delivery's state and write the audit event in the same transaction."""
    previous = delivery.state
    delivery.state = state
    events.record(
        session,
        f"delivery.{state}",
        f"delivery {delivery.id} ({delivery.account.name}): {previous} → {state}: {reason}",
        at=now,
        campaign_id=delivery.post.campaign_id,
        post_id=delivery.post_id,
        delivery_id=delivery.id,
        account_id=delivery.account_id,
    )


def reconcile_interrupted(database: Database, now: datetime, *, only_stale: bool) -> int:
    """Deliveries left in *sending* by a crashed daemon go back to the queue, flagged.

    They keep their attempt count, so the next attempt recovers before it resends.
    On PostgreSQL (`only_stale`) only claims of daemons without a fresh heartbeat count.
    """
    with database.session() as session:
        query = select(Delivery).where(Delivery.state == DeliveryState.SENDING)
        if only_stale:
            alive = select(Heartbeat.daemon_id).where(
                Heartbeat.last_tick > now - STALE_CLAIM, Heartbeat.stopped_at.is_(None)
            )
            query = query.where(
                or_(Delivery.claimed_by.is_(None), Delivery.claimed_by.not_in(alive))
            )
        interrupted = list(session.scalars(query.with_for_update(skip_locked=True)))
        for delivery in interrupted:
            delivery.due_at = now
            delivery.claimed_by = None
            _transition(
                session,
                delivery,
                DeliveryState.RETRY,
                "interrupted while sending; the platform is checked before any resend",
                now,
            )
        return len(interrupted)


def claim_due(
    database: Database,
    daemon_id: str,
    now: datetime,
    policy: DispatchPolicy,
    limit: int = 50,
    account_name: str | None = None,
) -> list[int]:
    """Claim due deliveries (oldest first) by committing them as *sending*.

    With `account_name` only that account's deliveries are claimed: each account has its
    own dispatch lane, so a slow platform never makes another one's posts late.
    On PostgreSQL `FOR UPDATE SKIP LOCKED` lets several daemons share the queue without
    two claiming the same delivery. Deliveries missed by more than the grace window (the
    daemon was down) are flagged for review; overdue ones within it go out in order, one
    per account and `catch_up_spacing` (the account's `paced_until`), never in a burst.
    """
    conditions = [
        Delivery.state.in_(DUE_STATES),
        Delivery.due_at <= now,
        Post.state == PostState.APPROVED,
        Campaign.paused.is_(False),
        Account.state == AccountState.OK,
        or_(Account.rate_limited_until.is_(None), Account.rate_limited_until <= now),
        or_(
            Delivery.due_at >= now - OVERDUE_AFTER,
            Post.thread_parent_id.is_not(None),
            Account.paced_until.is_(None),
            Account.paced_until <= now,
        ),
    ]
    if account_name is not None:
        conditions.append(Account.name == account_name)
    with database.session() as session:
        query = (
            select(Delivery)
            .join(Post, Delivery.post_id == Post.id)
            .join(Campaign, Post.campaign_id == Campaign.id)
            .join(Account, Delivery.account_id == Account.id)
            .where(*conditions)
            .order_by(Delivery.due_at, Delivery.id)
            .limit(limit)
            .with_for_update(skip_locked=True, of=Delivery)
        )
        claimed = []
        paced: set[int] = set()
        for delivery in session.scalars(query):
            if delivery.attempts == 0 and delivery.due_at < now - policy.grace:
                delivery.last_error = "missed while the daemon was down"
                _transition(
                    session,
                    delivery,
                    DeliveryState.NEEDS_REVIEW,
                    f"missed while the daemon was down (due {delivery.due_at.isoformat()})",
                    now,
                )
                continue
            if policy.catching_up(delivery, now):
                if delivery.account_id in paced:
                    continue
                paced.add(delivery.account_id)
                delivery.account.paced_until = now + policy.catch_up_spacing
            delivery.attempts += 1
            delivery.first_attempt_at = delivery.first_attempt_at or now
            delivery.claimed_by = daemon_id
            _transition(
                session, delivery, DeliveryState.SENDING, f"attempt {delivery.attempts}", now
            )
            claimed.append(delivery.id)
        return claimed


def _account_on_hold(account: Account, now: datetime) -> bool:
    limited = account.rate_limited_until is not None and account.rate_limited_until > now
    return limited or account.state != AccountState.OK


def send(
    database: Database,
    delivery_id: int,
    connector_for: Callable[[str], Connector],
    policy: DispatchPolicy,
    clock: Callable[[], datetime],
    rng: random.Random,
    limit_for: Callable[[str], int | None] = lambda _name: None,
) -> DeliveryState:
    """Send one claimed delivery and record the outcome; returns the new state."""
    with database.session() as session:
        delivery = session.get_one(Delivery, delivery_id)
        if delivery.state != DeliveryState.SENDING:
            return DeliveryState(delivery.state)
        if _account_on_hold(delivery.account, clock()):
            # Claimed in the same batch as a delivery that just hit a limit or a 401.
            delivery.attempts -= 1
            delivery.claimed_by = None
            delivery.state = DeliveryState.PENDING
            delivery.due_at = max(delivery.due_at, delivery.account.rate_limited_until or clock())
            return DeliveryState.PENDING
        try:
            outgoing = build_outgoing(session, delivery, limit_for(delivery.account.name))
        except WaitingForParent as waiting:
            delivery.attempts -= 1
            delivery.state = DeliveryState.PENDING
            delivery.due_at = clock() + timedelta(seconds=1)
            delivery.last_error = str(waiting)
            return DeliveryState.PENDING
        account_name = delivery.account.name
        attempted_at = delivery.first_attempt_at or clock()
        needs_recovery = delivery.attempts > 1
    try:
        connector = connector_for(account_name)
        remote = connector.recover(outgoing, attempted_at) if needs_recovery else None
        recovered = remote is not None
        if remote is None:
            remote = connector.publish(outgoing)
    except ConnectorError as error:
        return _record_failure(database, delivery_id, error, policy, clock(), rng)
    return _record_sent(database, delivery_id, remote, recovered, clock())


def _record_sent(
    database: Database, delivery_id: int, remote: RemotePost, recovered: bool, now: datetime
) -> DeliveryState:
    with database.session() as session:
        delivery = session.get_one(Delivery, delivery_id)
        delivery.remote_id = remote.remote_id
        delivery.remote_url = remote.url
        delivery.remote_cid = remote.cid
        delivery.sent_at = remote.published_at
        delivery.claimed_by = None
        delivery.last_error = None
        reason = "found on the platform after an interrupted attempt" if recovered else "published"
        _transition(session, delivery, DeliveryState.SENT, f"{reason}: {remote.url}", now)
    return DeliveryState.SENT


def _record_failure(
    database: Database,
    delivery_id: int,
    error: ConnectorError,
    policy: DispatchPolicy,
    now: datetime,
    rng: random.Random,
) -> DeliveryState:
    """Map a connector error kind to the delivery's next state (and the account's)."""
    with database.session() as session:
        delivery = session.get_one(Delivery, delivery_id)
        account = delivery.account
        delivery.claimed_by = None
        delivery.last_error = error.message
        if isinstance(error, RateLimited):
            delivery.attempts -= 1
            delivery.due_at = error.reset_at
            account.rate_limited_until = error.reset_at
            state, reason = DeliveryState.RETRY, f"rate limited until {error.reset_at.isoformat()}"
        elif isinstance(error, AuthExpired | ConfigurationError | PaymentRequired):
            delivery.attempts -= 1
            account_state = (
                AccountState.CREDITS_EXHAUSTED
                if isinstance(error, PaymentRequired)
                else AccountState.BROKEN
            )
            accounts.set_state(session, account, account_state, error.message)
            state, reason = DeliveryState.PENDING, f"held: {error.message}"
        elif isinstance(error, Rejected):
            state, reason = DeliveryState.FAILED, f"rejected: {error.message}"
        elif isinstance(error, Transient) and delivery.attempts < policy.max_attempts:
            delivery.due_at = now + policy.backoff(delivery.attempts, rng)
            state, reason = DeliveryState.RETRY, f"transient: {error.message}"
        else:
            state, reason = (
                DeliveryState.FAILED,
                f"gave up after {delivery.attempts} attempts: {error.message}",
            )
        _transition(session, delivery, state, reason, now)
    return state
