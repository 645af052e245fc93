"""The one owner of post and delivery states: the legal moves, their counters, their audit.

Every state change of a post or a delivery goes through `move_delivery` or `move_post`,
which look the (state, operation) pair up in one table, refuse anything the table does not
list (a `TransitionError`, nothing changed), apply the counter rule, and write the audit
event in the caller's transaction, so a state and its reason always commit together.
The named operations below are what the daemon, the services, the CLI and the TUI call;
none of them assigns a state or the attempts counter itself.
"""

from __future__ import annotations

import enum
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from campaign.errors import UserError
from campaign.models import Delivery, DeliveryState, Post, PostState, utc_now
from campaign.reasons import stored_reason
from campaign.services import events
from connectors.base import RemotePost
from words import t
from words.coded import Coded, parsed

__all__ = [
    "DELIVERY_TRANSITIONS",
    "POST_TRANSITIONS",
    "Counter",
    "DeliveryOp",
    "DeliveryState",
    "PostOp",
    "PostState",
    "TransitionError",
]

log = logging.getLogger("leuchtturm.lifecycle")
DAEMON = "daemon"
"""Who acts when no person is named."""


class TransitionError(UserError):
    """An operation the current state does not allow; nothing was changed."""


class DeliveryOp(enum.StrEnum):
    """What can happen to a delivery."""

    CLAIM = "claim"
    """A daemon takes it for an attempt (committed before the network call)."""
    RELEASE = "release"
    """A claim given back before any network call (stop, account on hold, parent unsent)."""
    MARK_SENT = "mark_sent"
    DEFER = "defer"
    """A transient failure: try again later; the attempt counts."""
    WAIT_RATE_LIMIT = "wait_rate_limit"
    """The platform asked us to wait: the attempt does not count."""
    HOLD_FOR_ACCOUNT = "hold_for_account"
    """The account cannot post (401, 402, no secret): wait for a person; not counted."""
    MARK_FAILED = "mark_failed"
    INTERRUPT = "interrupt"
    """A daemon died while sending: back to the queue, recovered before any resend."""
    FLAG = "flag"
    """Hold for a person (missed while down, outcome not found out)."""
    RELEASE_HOLD = "release_hold"
    RETRY_BY_HAND = "retry_by_hand"
    WITHDRAW = "withdraw"
    REINSTATE = "reinstate"


class Counter(enum.Enum):
    """What an operation does to the attempts counter."""

    KEEP = 0
    COUNT = 1
    UNCOUNT = -1
    RESET = 2


@dataclass(frozen=True)
class Step:
    """Where a legal (state, operation) pair leads, and its effect on the counter."""

    to: DeliveryState
    counter: Counter = Counter.KEEP


_S = DeliveryState
_O = DeliveryOp
DELIVERY_TRANSITIONS: dict[tuple[DeliveryState, DeliveryOp], Step] = {
    (_S.PENDING, _O.CLAIM): Step(_S.SENDING, Counter.COUNT),
    (_S.RETRY, _O.CLAIM): Step(_S.SENDING, Counter.COUNT),
    (_S.SENDING, _O.RELEASE): Step(_S.PENDING, Counter.UNCOUNT),
    (_S.SENDING, _O.MARK_SENT): Step(_S.SENT),
    (_S.SENDING, _O.DEFER): Step(_S.RETRY),
    (_S.SENDING, _O.WAIT_RATE_LIMIT): Step(_S.RETRY, Counter.UNCOUNT),
    (_S.SENDING, _O.HOLD_FOR_ACCOUNT): Step(_S.PENDING, Counter.UNCOUNT),
    (_S.SENDING, _O.MARK_FAILED): Step(_S.FAILED),
    (_S.SENDING, _O.INTERRUPT): Step(_S.RETRY),
    (_S.SENDING, _O.FLAG): Step(_S.NEEDS_REVIEW),
    (_S.PENDING, _O.FLAG): Step(_S.NEEDS_REVIEW),
    (_S.RETRY, _O.FLAG): Step(_S.NEEDS_REVIEW),
    (_S.NEEDS_REVIEW, _O.RELEASE_HOLD): Step(_S.PENDING),
    (_S.FAILED, _O.RETRY_BY_HAND): Step(_S.RETRY, Counter.RESET),
    (_S.NEEDS_REVIEW, _O.RETRY_BY_HAND): Step(_S.RETRY, Counter.RESET),
    (_S.PENDING, _O.WITHDRAW): Step(_S.WITHDRAWN),
    (_S.RETRY, _O.WITHDRAW): Step(_S.WITHDRAWN),
    (_S.FAILED, _O.WITHDRAW): Step(_S.WITHDRAWN),
    (_S.NEEDS_REVIEW, _O.WITHDRAW): Step(_S.WITHDRAWN),
    (_S.WITHDRAWN, _O.REINSTATE): Step(_S.PENDING, Counter.RESET),
}
"""Every legal move of a delivery; anything else is refused."""

WAITING = (DeliveryState.PENDING, DeliveryState.RETRY)
"""Deliveries that wait to go out (no attempt running, none given up)."""
CHANGEABLE = WAITING
"""Deliveries that follow a post's new time or targets: nothing of them is on the way."""
HELD = (DeliveryState.NEEDS_REVIEW,)


class PostOp(enum.StrEnum):
    """What a person (or an import) can do to a post."""

    EDIT = "edit"
    APPROVE = "approve"
    RESCHEDULE = "reschedule"
    CANCEL = "cancel"
    REVOKE = "revoke"
    """Its approvals were cleared (a change, changes requested): it waits for them again."""
    RESTORE = "restore"
    """A cancelled post brought back, as a draft: it needs its approvals again."""


_P = PostState
POST_TRANSITIONS: dict[tuple[PostState, PostOp], PostState] = {
    (_P.DRAFT, PostOp.EDIT): _P.DRAFT,
    (_P.APPROVED, PostOp.EDIT): _P.APPROVED,
    (_P.CANCELLED, PostOp.EDIT): _P.CANCELLED,
    (_P.DRAFT, PostOp.APPROVE): _P.APPROVED,
    (_P.APPROVED, PostOp.APPROVE): _P.APPROVED,
    (_P.DRAFT, PostOp.RESCHEDULE): _P.DRAFT,
    (_P.APPROVED, PostOp.RESCHEDULE): _P.APPROVED,
    (_P.DRAFT, PostOp.CANCEL): _P.CANCELLED,
    (_P.APPROVED, PostOp.CANCEL): _P.CANCELLED,
    (_P.APPROVED, PostOp.REVOKE): _P.DRAFT,
    (_P.CANCELLED, PostOp.RESTORE): _P.DRAFT,
}
"""Every legal move of a post. Editing a cancelled post keeps it cancelled (a re-import
never brings it back; only a person's restore does, as a draft); approving an approved post
releases what is held and queues accounts added since."""

_LOUD = {
    _O.MARK_FAILED: logging.WARNING,
    _O.FLAG: logging.WARNING,
    _O.DEFER: logging.INFO,
    _O.INTERRUPT: logging.INFO,
    _O.HOLD_FOR_ACCOUNT: logging.INFO,
}
"""Moves the daemon's log names (with account and post); the rest is in the audit log."""


def _actor(person: str | None) -> str:
    return person or DAEMON


def require(delivery: Delivery, op: DeliveryOp) -> Step:
    """The move `op` makes from the delivery's state; TransitionError when there is none.

    Named operations ask first, so a refused one leaves every field as it was.
    """
    previous = DeliveryState(delivery.state)
    step = DELIVERY_TRANSITIONS.get((previous, op))
    if step is None:
        raise TransitionError(
            t("lifecycle.delivery_refused", id=delivery.id, op=op.value, state=previous.value)
        )
    return step


def require_post(post: Post, op: PostOp) -> PostState:
    """The state `op` leads a post to; TransitionError when the table has no such move."""
    previous = PostState(post.state)
    target = POST_TRANSITIONS.get((previous, op))
    if target is None:
        raise TransitionError(
            t("lifecycle.post_refused", post=post.key, op=op.value, state=previous.value)
        )
    return target


def move_delivery(
    session: Session,
    delivery: Delivery,
    op: DeliveryOp,
    reason: Coded,
    *,
    now: datetime | None = None,
    person: str | None = None,
) -> DeliveryState:
    """Perform one legal move of a delivery and write its audit event; the only writer.

    Raises TransitionError (and changes nothing) when the table has no such move.
    """
    previous = DeliveryState(delivery.state)
    step = require(delivery, op)
    delivery.state = step.to
    if step.counter is Counter.RESET:
        delivery.attempts = 0
    else:
        delivery.attempts = (delivery.attempts or 0) + step.counter.value
    account = delivery.account.name if delivery.account is not None else "?"
    post_key = delivery.post.key if delivery.post is not None else "?"
    actor = _actor(person)
    events.record(
        session,
        f"delivery.{step.to}",
        Coded(
            "event.delivery_by" if person else "event.delivery",
            {
                "id": delivery.id,
                "account": account,
                "post": post_key,
                "before": Coded(f"delivery.{previous}"),
                "after": Coded(f"delivery.{step.to}"),
                "reason": reason,
                "by": actor,
            },
        ),
        at=now,
        campaign_id=delivery.post.campaign_id if delivery.post is not None else None,
        post_id=delivery.post_id,
        delivery_id=delivery.id,
        account_id=delivery.account_id,
        data={"op": op.value, "from": previous.value, "to": step.to.value, "by": actor},
        person=actor,
    )
    level = _LOUD.get(op)
    if op is DeliveryOp.MARK_SENT and reason.key == "reason.recovered":
        level = logging.INFO
    if level is not None:
        log.log(
            level,
            "account %s, post %s: %s → %s: %s",
            account,
            post_key,
            previous,
            step.to,
            reason.text(),
            extra={"account": account, "post": post_key},
        )
    return step.to


def _zone(post: Post | None) -> ZoneInfo:
    """The zone the trail names a post's times in: its campaign's."""
    if post is None or post.campaign is None:
        return ZoneInfo("UTC")
    return ZoneInfo(post.campaign.time_zone)


def move_post(
    session: Session, post: Post, op: PostOp, reason: Coded | str, *, person: str | None = None
) -> PostState:
    """Perform one legal move of a post and write its audit event.

    Raises TransitionError (and changes nothing) when the table has no such move.
    """
    previous = PostState(post.state)
    target = require_post(post, op)
    post.state = target
    actor = _actor(person)
    session.flush()
    events.record(
        session,
        f"post.{_POST_EVENT[op]}",
        Coded(
            "event.post_by" if person else "event.post",
            {"post": post.key, "reason": reason, "by": actor},
        ),
        campaign_id=post.campaign_id,
        post_id=post.id,
        data={"op": op.value, "from": previous.value, "to": target.value, "by": actor},
        person=actor,
    )
    return target


_POST_EVENT = {
    PostOp.EDIT: "saved",
    PostOp.APPROVE: "approved",
    PostOp.RESCHEDULE: "rescheduled",
    PostOp.CANCEL: "cancelled",
    PostOp.REVOKE: "revoked",
    PostOp.RESTORE: "restored",
}


# named delivery operations ---------------------------------------------------------------
def claim(session: Session, delivery: Delivery, daemon_id: str, now: datetime) -> None:
    """Commit the delivery as *sending* for `daemon_id`: the attempt counts from here."""
    require(delivery, DeliveryOp.CLAIM)
    delivery.claimed_by = daemon_id
    move_delivery(
        session,
        delivery,
        DeliveryOp.CLAIM,
        Coded("reason.attempt", {"n": (delivery.attempts or 0) + 1}),
        now=now,
    )


def release(
    session: Session, delivery: Delivery, reason: Coded, now: datetime, *, note: Coded | None = None
) -> None:
    """Give a claim back before any network call; the attempt never happened."""
    require(delivery, DeliveryOp.RELEASE)
    delivery.claimed_by = None
    if note is not None:
        delivery.last_error = stored_reason(note)
    move_delivery(session, delivery, DeliveryOp.RELEASE, reason, now=now)


def begin_attempt(delivery: Delivery, now: datetime) -> bool:
    """Note when the first network call begins; True when an earlier one may have landed.

    The time bounds what recovery searches; a later attempt (after a crash, a dropped
    connection or a retry by hand) always recovers before it publishes.
    """
    earlier = delivery.first_attempt_at is not None
    if not earlier:
        delivery.first_attempt_at = now
    return earlier


def mark_sent(
    session: Session, delivery: Delivery, remote: RemotePost, recovered: bool, now: datetime
) -> None:
    """The platform has the post: keep its ids, say whether recovery found it."""
    require(delivery, DeliveryOp.MARK_SENT)
    delivery.remote_id = remote.remote_id
    delivery.remote_url = remote.url
    delivery.remote_cid = remote.cid
    delivery.remote_poll_id = remote.poll_id
    delivery.sent_at = remote.published_at
    delivery.claimed_by = None
    delivery.last_error = None
    key = "reason.recovered" if recovered else "reason.published"
    reason = Coded(key, {"url": remote.url})
    move_delivery(session, delivery, DeliveryOp.MARK_SENT, reason, now=now)


def _end_attempt(
    session: Session, delivery: Delivery, op: DeliveryOp, reason: Coded, now: datetime
) -> None:
    """An attempt's outcome other than success: the claim ends, the reason is shown."""
    require(delivery, op)
    delivery.claimed_by = None
    delivery.last_error = stored_reason(reason)
    move_delivery(session, delivery, op, reason, now=now)


def defer(
    session: Session, delivery: Delivery, due: datetime, reason: Coded, now: datetime
) -> None:
    """Try again at `due` (a transient failure, counted)."""
    require(delivery, DeliveryOp.DEFER)
    delivery.due_at = due
    _end_attempt(session, delivery, DeliveryOp.DEFER, reason, now)


def wait_rate_limit(session: Session, delivery: Delivery, reason: Coded, now: datetime) -> None:
    """The account waits for its limit's reset; the delivery keeps its place in the order."""
    _end_attempt(session, delivery, DeliveryOp.WAIT_RATE_LIMIT, reason, now)


def hold_for_account(session: Session, delivery: Delivery, reason: Coded, now: datetime) -> None:
    """The account cannot post until a person acts; the delivery waits, uncounted."""
    _end_attempt(session, delivery, DeliveryOp.HOLD_FOR_ACCOUNT, reason, now)


def mark_failed(session: Session, delivery: Delivery, reason: Coded, now: datetime) -> None:
    """Given up, known not to be on the platform: a person may retry by hand."""
    _end_attempt(session, delivery, DeliveryOp.MARK_FAILED, reason, now)


def interrupt(session: Session, delivery: Delivery, now: datetime) -> None:
    """A crashed daemon's claim goes back to the queue; its next attempt recovers first."""
    require(delivery, DeliveryOp.INTERRUPT)
    delivery.claimed_by = None
    delivery.due_at = now
    move_delivery(session, delivery, DeliveryOp.INTERRUPT, Coded("reason.interrupted"), now=now)


def flag(session: Session, delivery: Delivery, reason: Coded, now: datetime) -> None:
    """Hold for a person, with the reason shown in `status` and the TUI."""
    _end_attempt(session, delivery, DeliveryOp.FLAG, reason, now)


def release_hold(
    session: Session, delivery: Delivery, due: datetime, *, person: str | None = None
) -> None:
    """A person lets a held delivery go at `due` (approve or reschedule of a held post)."""
    require(delivery, DeliveryOp.RELEASE_HOLD)
    delivery.due_at = due
    delivery.last_error = None
    move_delivery(
        session,
        delivery,
        DeliveryOp.RELEASE_HOLD,
        Coded("reason.released", {"due": due.isoformat(timespec="minutes")}),
        person=person,
    )


def retry_by_hand(
    session: Session, delivery: Delivery, due: datetime, *, person: str | None = None
) -> None:
    """Queue again with a fresh budget; an earlier attempt is still recovered first."""
    require(delivery, DeliveryOp.RETRY_BY_HAND)
    was = delivery.last_error
    delivery.due_at = due
    delivery.last_error = None
    move_delivery(
        session,
        delivery,
        DeliveryOp.RETRY_BY_HAND,
        Coded(
            "reason.retry_by_hand",
            {"due": due.isoformat(timespec="minutes"), "was": parsed(was or "") or was or "–"},
        ),
        person=person,
    )


def withdraw(
    session: Session, delivery: Delivery, reason: Coded, *, person: str | None = None
) -> None:
    """Take a delivery that has not started out of the queue, for good."""
    move_delivery(session, delivery, DeliveryOp.WITHDRAW, reason, person=person)


def reinstate(
    session: Session, delivery: Delivery, due: datetime, *, person: str | None = None
) -> None:
    """An account added back to a post: its withdrawn delivery waits again."""
    require(delivery, DeliveryOp.REINSTATE)
    delivery.due_at = due
    delivery.last_error = None
    reason = Coded("reason.reinstated")
    move_delivery(session, delivery, DeliveryOp.REINSTATE, reason, person=person)


def open_delivery(session: Session, post: Post, account_id: int) -> Delivery:
    """A new pending delivery with its own idempotency key (approval creates them)."""
    delivery = Delivery(
        post=post,
        account_id=account_id,
        state=DeliveryState.PENDING,
        idempotency_key=uuid.uuid4().hex,
        due_at=post.scheduled_at,
        attempts=0,
    )
    session.add(delivery)
    return delivery


# named post operations -------------------------------------------------------------------
def approve(
    session: Session, post: Post, *, now: datetime | None = None, person: str | None = None
) -> list[Delivery]:
    """Make a post deliverable: a delivery per target, held ones released (at the post's
    time, or `now` when that has passed); returns the new deliveries."""
    require_post(post, PostOp.APPROVE)
    deliveries = {d.account_id: d for d in post.deliveries}
    created = []
    for target in post.targets:
        existing = deliveries.get(target.account_id)
        if existing is None:
            created.append(open_delivery(session, post, target.account_id))
        elif existing.state == DeliveryState.WITHDRAWN:
            reinstate(session, existing, post.scheduled_at, person=person)
    for delivery in post.deliveries:
        if delivery.state in HELD:
            due = max(post.scheduled_at, now or utc_now())
            release_hold(session, delivery, due, person=person)
    move_post(
        session,
        post,
        PostOp.APPROVE,
        Coded("reason.approved", {"accounts": len(post.targets)}),
        person=person,
    )
    post.approved_at = utc_now()
    return created


def revoke(
    session: Session, post: Post, reason: Coded | str, *, person: str | None = None
) -> None:
    """Back to draft: its waiting deliveries stay, and the daemon sends none of them until
    it is approved again (dispatch takes only approved posts)."""
    move_post(session, post, PostOp.REVOKE, reason, person=person)
    post.approved_at = None


def reschedule(session: Session, post: Post, when: datetime, *, person: str | None = None) -> None:
    """Move a post; waiting deliveries move with it and held ones are released to it."""
    require_post(post, PostOp.RESCHEDULE)
    old = post.scheduled_at
    move_post(
        session,
        post,
        PostOp.RESCHEDULE,
        Coded("reason.rescheduled", {"old": old.isoformat(), "new": when.isoformat()}),
        person=person,
    )
    post.scheduled_at = when
    for delivery in post.deliveries:
        if delivery.state in CHANGEABLE:
            delivery.due_at = when
        elif delivery.state in HELD:
            release_hold(session, delivery, when, person=person)


def cancel(session: Session, post: Post, *, person: str | None = None) -> int:
    """Cancel a post; returns how many deliveries were withdrawn before sending."""
    require_post(post, PostOp.CANCEL)
    withdrawn = 0
    for delivery in post.deliveries:
        if (DeliveryState(delivery.state), DeliveryOp.WITHDRAW) in DELIVERY_TRANSITIONS:
            withdraw(session, delivery, Coded("reason.cancelled"), person=person)
            withdrawn += 1
    sent = sum(d.state == DeliveryState.SENT for d in post.deliveries)
    move_post(
        session,
        post,
        PostOp.CANCEL,
        Coded("reason.post_cancelled", {"withdrawn": withdrawn, "sent": sent}),
        person=person,
    )
    return withdrawn


def restore(session: Session, post: Post, *, person: str | None = None) -> None:
    """Undo a cancel: the post is a draft again and goes out only once approved again.

    Its withdrawn deliveries stay withdrawn until then; approving reinstates them.
    """
    move_post(session, post, PostOp.RESTORE, Coded("reason.post_restored"), person=person)
    post.approved_at = None
