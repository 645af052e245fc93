"""Dispatch: claim due deliveries, send them, and turn every outcome into a lifecycle move.

A delivery is committed as *sending* before the network call, so a crash never loses
track of it. Any attempt after the first asks the connector to `recover()` the post an
earlier attempt may have published before it publishes again, and an attempt whose
outcome stayed unknown is recovered before the delivery is given up: every post goes out
exactly once, or is held for a person with the reason. The states themselves change only
through `campaign.lifecycle`; this module decides which move an outcome is.
The dispatcher never branches on platform; it acts on the connector error kinds.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session, aliased

from campaign import lifecycle
from campaign.daemon.lanes import STALE_CLAIM, alive_daemons, holds_lane, take_lanes
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
from campaign.services import accounts, inbox
from connectors.base import Connector, RemotePost
from connectors.errors import (
    AuthExpired,
    ConfigurationError,
    ConnectorError,
    PaymentRequired,
    RateLimited,
    Rejected,
    Transient,
    UnexpectedAnswer,
)
from words import t
from words.coded import Coded

log = logging.getLogger("leuchtturm.dispatch")
MAX_BACKOFF = timedelta(minutes=15)
DUE_STATES = lifecycle.WAITING
OVERDUE_AFTER = timedelta(minutes=1)
HELD_BY_LIMIT = timedelta(seconds=5)
"""A post a rate limit held longer than this is part of the backlog that leaves spaced."""
TAKEN_HORIZON = timedelta(hours=1)
"""Remote posts sent this long before an attempt are beyond any recovery window."""
RECOVERY_CHECKS = 3
"""Attempts beyond the budget that only look for an unknown outcome, never publish."""


@dataclass(frozen=True)
class DispatchPolicy:
    """How hard to try, and how late is too late."""

    max_attempts: int = 5
    backoff_base: timedelta = timedelta(seconds=5)
    grace: timedelta = timedelta(minutes=30)
    catch_up_spacing: timedelta = timedelta(seconds=60)

    def catching_up(self, delivery: Delivery, now: datetime, waits: Waits) -> bool:
        """Part of a backlog: late by more than ordinary lateness because no daemon ran at
        its time, or held by a rate limit for more than a moment; and not the next part of
        a thread, which follows its parent without a gap. A post late only because the
        lane was busy (faults, retries) goes as soon as it can."""
        if delivery.post.thread_parent_id is not None:
            return False
        if waits.held_by_limit(delivery) > HELD_BY_LIMIT:
            return True
        return delivery.due_at < now - OVERDUE_AFTER and waits.daemon_was_down(delivery.due_at)

    def backoff(self, attempts: int, rng: random.Random) -> timedelta:
        """Exponential backoff with jitter, so retries of many posts do not align."""
        delay = self.backoff_base * (2 ** max(attempts - 1, 0)) * rng.uniform(0.5, 1.5)
        return min(delay, MAX_BACKOFF)


def reconcile_interrupted(database: Database, now: datetime, *, only_stale: bool) -> int:
    """Deliveries left in *sending* by a crashed daemon go back to the queue, flagged.

    They keep their attempt count, so the next attempt recovers before it resends.
    On PostgreSQL (`only_stale`) only claims of daemons without a fresh heartbeat count.
    """
    with database.session() as session:
        query = select(Delivery).where(Delivery.state == DeliveryState.SENDING)
        if only_stale:
            alive = alive_daemons(now)
            query = query.where(
                or_(Delivery.claimed_by.is_(None), Delivery.claimed_by.not_in(alive))
            )
        interrupted = list(session.scalars(query.with_for_update(skip_locked=True)))
        for delivery in interrupted:
            lifecycle.interrupt(session, delivery, now)
        return len(interrupted)


def _daemon_was_down(session: Session, moment: datetime) -> bool:
    """Whether no daemon's heartbeat covers `moment`: only then was a post missed."""
    running = select(Heartbeat.daemon_id).where(
        Heartbeat.started_at <= moment, Heartbeat.last_tick >= moment - STALE_CLAIM
    )
    return session.scalar(running.limit(1)) is None


@dataclass
class Waits:
    """Why a due delivery waited, read once per claim: downtime and rate limits."""

    session: Session
    _limit_starts: dict[int, datetime | None] = field(default_factory=dict)

    def daemon_was_down(self, moment: datetime) -> bool:
        return _daemon_was_down(self.session, moment)

    def held_by_limit(self, delivery: Delivery) -> timedelta:
        """How long the account's latest rate limit kept this delivery from going out."""
        account = delivery.account
        end = account.rate_limited_until
        if end is None or delivery.due_at >= end:
            return timedelta(0)
        if account.id not in self._limit_starts:
            self._limit_starts[account.id] = accounts.rate_limit_started(self.session, account)
        start = self._limit_starts[account.id] or end
        return end - max(start, delivery.due_at)


def _predecessor_sent() -> object:
    """SQL: a thread part is due only once its previous part is sent on the same account."""
    parent = aliased(Delivery)
    return or_(
        Post.thread_parent_id.is_(None),
        exists().where(
            parent.post_id == Post.thread_parent_id,
            parent.account_id == Delivery.account_id,
            parent.state == DeliveryState.SENT,
        ),
    )


def _note_rate_limits_ended(session: Session, now: datetime, account_name: str | None) -> None:
    """Say once that an account's rate limit is over; its backlog then leaves spaced.

    `paced_until` at or past the limit's end marks the end as said.
    """
    query = select(Account).where(
        Account.rate_limited_until.is_not(None),
        Account.rate_limited_until <= now,
        or_(Account.paced_until.is_(None), Account.paced_until < Account.rate_limited_until),
    )
    if account_name is not None:
        query = query.where(Account.name == account_name)
    for account in session.scalars(query):
        assert account.rate_limited_until is not None
        account.paced_until = account.rate_limited_until
        accounts.note_rate_limit_ended(session, account, now)


def claim_due(
    database: Database,
    daemon_id: str,
    now: datetime,
    policy: DispatchPolicy,
    limit: int = 50,
    account_name: str | None = None,
    *,
    shared_queue: bool = False,
) -> list[int]:
    """Claim due deliveries (oldest first) by committing them as *sending*.

    With `account_name` only that account's deliveries are claimed: each account has its
    own dispatch lane, so a slow platform never makes another one's posts late.
    On PostgreSQL `FOR UPDATE SKIP LOCKED` lets several daemons share the queue without
    two claiming the same delivery. A thread part waits for its predecessor. Deliveries
    late by more than the grace window are held for a person with the true reason; a
    backlog (after downtime or a rate limit) goes out in its scheduled order, one per
    account and `catch_up_spacing` (the account's `paced_until`), never in a burst, and
    no later post overtakes it. With a `shared_queue` (several daemons on PostgreSQL) only
    accounts whose lane this daemon holds are served (campaign.daemon.lanes).
    """
    limited = Account.rate_limited_until
    conditions = [
        Delivery.state.in_(DUE_STATES),
        Delivery.due_at <= now,
        Post.state == PostState.APPROVED,
        Campaign.paused.is_(False),
        Account.state == AccountState.OK,
        or_(limited.is_(None), limited <= now),
        _predecessor_sent(),
        or_(  # an account catching up sends nothing but thread parts between its turns
            Account.paced_until.is_(None),
            Account.paced_until <= now,
            Post.thread_parent_id.is_not(None),
        ),
    ]
    if account_name is not None:
        conditions.append(Account.name == account_name)
    with database.session() as session:
        if shared_queue:
            lanes = take_lanes(session, daemon_id, now, account_name)
            if not lanes:
                return []
            conditions.append(Account.id.in_(lanes))
        _note_rate_limits_ended(session, now, account_name)
        query = (
            select(Delivery)
            .join(Post, Delivery.post_id == Post.id)
            .join(Campaign, Post.campaign_id == Campaign.id)
            .join(Account, Delivery.account_id == Account.id)
            .where(*conditions)
            .order_by(Delivery.due_at, Post.thread_position, Delivery.id)
            .limit(limit)
            .with_for_update(skip_locked=True, of=Delivery)
        )
        claimed = []
        waits = Waits(session)
        waiting_turn: set[int] = set()
        for delivery in session.scalars(query):
            if delivery.attempts == 0 and delivery.due_at < now - policy.grace:
                _hold_late(session, delivery, now)
                continue
            thread_part = delivery.post.thread_parent_id is not None
            if delivery.account_id in waiting_turn and not thread_part:
                continue  # strictly in order: nothing overtakes the backlog
            if policy.catching_up(delivery, now, waits):
                waiting_turn.add(delivery.account_id)
                delivery.account.paced_until = now + policy.catch_up_spacing
            lifecycle.claim(session, delivery, daemon_id, now)
            claimed.append(delivery.id)
        return claimed


def _hold_late(session: Session, delivery: Delivery, now: datetime) -> None:
    """Too late to go out unasked: say whether the daemon was down or the queue was held."""
    due = delivery.due_at.isoformat(timespec="minutes")
    key = "reason.missed" if _daemon_was_down(session, delivery.due_at) else "reason.late"
    lifecycle.flag(session, delivery, Coded(key, {"due": due}), now)


def _account_on_hold(account: Account, now: datetime) -> bool:
    limited = account.rate_limited_until is not None and account.rate_limited_until > now
    return limited or account.state != AccountState.OK


@dataclass(frozen=True)
class _Attempt:
    """What `send` read before the network call."""

    daemon_id: str
    account_name: str
    attempted_at: datetime
    recovering: bool
    check_only: bool
    taken: frozenset[str]


def _taken_remote_ids(session: Session, delivery: Delivery) -> frozenset[str]:
    """Remote posts other deliveries of this account hold: recovery must never claim them."""
    since = delivery.first_attempt_at or delivery.due_at
    rows = session.scalars(
        select(Delivery.remote_id).where(
            Delivery.account_id == delivery.account_id,
            Delivery.id != delivery.id,
            Delivery.remote_id.is_not(None),
            Delivery.sent_at >= since - TAKEN_HORIZON,
        )
    )
    return frozenset(row for row in rows if row)


def send(
    database: Database,
    daemon_id: str,
    delivery_id: int,
    connector_for: Callable[[str], Connector],
    policy: DispatchPolicy,
    clock: Callable[[], datetime],
    rng: random.Random,
    limit_for: Callable[[str], int | None] = lambda _name: None,
) -> DeliveryState:
    """Send one claimed delivery and record the outcome; returns the new state.

    Nothing is sent for a claim another daemon has taken over (this one was taken for dead)
    or on an account whose lane has passed to another daemon.
    """
    with database.session() as session:
        delivery = session.get_one(Delivery, delivery_id)
        if delivery.state != DeliveryState.SENDING or delivery.claimed_by != daemon_id:
            return DeliveryState(delivery.state)
        now = clock()
        if not holds_lane(delivery.account, daemon_id):
            lifecycle.release(session, delivery, Coded("reason.lane_elsewhere"), now)
            return DeliveryState.PENDING
        if _account_on_hold(delivery.account, now):
            # Claimed in the same batch as a delivery that just hit a limit or a 401.
            lifecycle.release(session, delivery, Coded("reason.account_hold"), now)
            return DeliveryState.PENDING
        try:
            outgoing = build_outgoing(session, delivery, limit_for(delivery.account.name))
        except WaitingForParent:
            reason = Coded("reason.waiting_parent")
            lifecycle.release(session, delivery, reason, now, note=reason)
            return DeliveryState.PENDING
        recovering = lifecycle.begin_attempt(delivery, now)
        assert delivery.first_attempt_at is not None
        attempt = _Attempt(
            daemon_id=daemon_id,
            account_name=delivery.account.name,
            attempted_at=delivery.first_attempt_at,
            recovering=recovering,
            check_only=delivery.attempts > policy.max_attempts,
            taken=_taken_remote_ids(session, delivery) if recovering else frozenset(),
        )
    remote: RemotePost | None = None
    recovering = attempt.recovering
    try:
        connector = connector_for(attempt.account_name)
        started = clock()
        if recovering and _key_still_honoured(connector, attempt.attempted_at, started):
            # The platform answers the same key with the post it already has: exact.
            remote = connector.publish(outgoing)
            return _record_sent(
                database, attempt, delivery_id, remote, remote.published_at < started, clock()
            )
        if recovering:
            remote = connector.recover(outgoing, attempt.attempted_at, taken=attempt.taken)
            recovering = False
        recovered = remote is not None
        if remote is None and attempt.check_only:
            return _record_not_found(database, attempt, delivery_id, policy, clock())
        if remote is None:
            remote = connector.publish(outgoing)
    except ConnectorError as error:
        if isinstance(error, UnexpectedAnswer):
            log.error(
                "account %s, delivery %d: %s; retried with recovery",
                attempt.account_name,
                delivery_id,
                error,
                exc_info=True,
                extra={"account": attempt.account_name},
            )
        # Failing while recovering leaves an earlier attempt unsettled (a refusal of the
        # same key's post settles it); failing while publishing leaves this one unsettled
        # only when the request may have arrived.
        unknown = (recovering and not isinstance(error, Rejected)) or (
            isinstance(error, Transient) and error.outcome_unknown
        )
        return _record_failure(
            database, attempt, delivery_id, error, unknown, policy, clock(), rng
        )
    except Exception as error:  # a bug or an answer no connector expected: never stay *sending*
        log.exception(
            "account %s, delivery %d: unexpected %s from the connector; retried with recovery",
            attempt.account_name,
            delivery_id,
            type(error).__name__,
            extra={"account": attempt.account_name},
        )
        unexpected = Transient("?", t("reason.unexpected", kind=type(error).__name__))
        return _record_failure(
            database, attempt, delivery_id, unexpected, True, policy, clock(), rng
        )
    return _record_sent(database, attempt, delivery_id, remote, recovered, clock())


def _key_still_honoured(connector: Connector, attempted_at: datetime, now: datetime) -> bool:
    window = connector.idempotent_for
    return window is not None and now - attempted_at < window


def _still_claimed(session: Session, attempt: _Attempt, delivery_id: int) -> Delivery | None:
    """The delivery, if this daemon's claim on it survived the network call.

    A daemon taken for dead while its call was in flight (a heartbeat stalled beyond
    STALE_CLAIM) has lost the claim: the daemon that took it over recovers the post by
    itself, so this outcome is only logged, never recorded over the other's.
    """
    delivery = session.get_one(Delivery, delivery_id)
    if delivery.state == DeliveryState.SENDING and delivery.claimed_by == attempt.daemon_id:
        return delivery
    log.warning(
        "account %s, delivery %d: taken over by another daemon during the call; "
        "its outcome is left to that daemon's recovery",
        attempt.account_name,
        delivery_id,
        extra={"account": attempt.account_name},
    )
    return None


def _record_sent(
    database: Database,
    attempt: _Attempt,
    delivery_id: int,
    remote: RemotePost,
    recovered: bool,
    now: datetime,
) -> DeliveryState:
    with database.session() as session:
        delivery = _still_claimed(session, attempt, delivery_id)
        if delivery is None:
            return DeliveryState.SENDING
        lifecycle.mark_sent(session, delivery, remote, recovered, now)
        inbox.mark_answered(session, delivery.post_id, remote.published_at)
    return DeliveryState.SENT


def _record_not_found(
    database: Database, attempt: _Attempt, delivery_id: int, policy: DispatchPolicy, now: datetime
) -> DeliveryState:
    """The check after the last attempt found nothing: it is safe to say *failed*."""
    with database.session() as session:
        delivery = _still_claimed(session, attempt, delivery_id)
        if delivery is None:
            return DeliveryState.SENDING
        reason = Coded("reason.checked_not_found", {"n": policy.max_attempts})
        lifecycle.mark_failed(session, delivery, reason, now)
    return DeliveryState.FAILED


def _record_failure(
    database: Database,
    attempt: _Attempt,
    delivery_id: int,
    error: ConnectorError,
    outcome_unknown: bool,
    policy: DispatchPolicy,
    now: datetime,
    rng: random.Random,
) -> DeliveryState:
    """Map a connector error kind to the delivery's next move (and the account's)."""
    with database.session() as session:
        delivery = _still_claimed(session, attempt, delivery_id)
        if delivery is None:
            return DeliveryState.SENDING
        account = delivery.account
        if isinstance(error, RateLimited):
            post = delivery.post
            zone = ZoneInfo(post.campaign.time_zone)
            accounts.note_rate_limited(session, account, error.reset_at, post.key, now, zone)
            until = error.reset_at.isoformat(timespec="seconds")
            reason = Coded("reason.rate_limited", {"until": until})
            lifecycle.wait_rate_limit(session, delivery, reason, now)
        elif isinstance(error, AuthExpired | ConfigurationError | PaymentRequired):
            account_state = (
                AccountState.CREDITS_EXHAUSTED
                if isinstance(error, PaymentRequired)
                else AccountState.BROKEN
            )
            said = Coded("reason.platform", {"message": error.message})
            accounts.set_state(session, account, account_state, said)
            reason = Coded("reason.held", {"message": said})
            lifecycle.hold_for_account(session, delivery, reason, now)
        elif isinstance(error, Rejected) and not outcome_unknown:
            reason = Coded("reason.rejected", {"message": error.message})
            lifecycle.mark_failed(session, delivery, reason, now)
        elif delivery.attempts < policy.max_attempts:
            due = now + policy.backoff(delivery.attempts, rng)
            reason = Coded(
                "reason.transient",
                {"due": due.isoformat(timespec="seconds"), "message": error.message},
            )
            lifecycle.defer(session, delivery, due, reason, now)
        elif outcome_unknown and delivery.attempts < policy.max_attempts + RECOVERY_CHECKS:
            due = now + policy.backoff(min(delivery.attempts, policy.max_attempts), rng)
            reason = Coded("reason.checking", {"n": delivery.attempts, "message": error.message})
            lifecycle.defer(session, delivery, due, reason, now)
        elif outcome_unknown:
            reason = Coded(
                "reason.outcome_unknown", {"n": delivery.attempts, "message": error.message}
            )
            lifecycle.flag(session, delivery, reason, now)
        else:
            reason = Coded("reason.gave_up", {"n": delivery.attempts, "message": error.message})
            lifecycle.mark_failed(session, delivery, reason, now)
        return DeliveryState(delivery.state)
