"""The lifecycle table, walked whole: every (state, operation) pair of posts and deliveries.

A legal pair must land where the table says, with its counter rule and one audit event;
an illegal one must raise a clear TransitionError and leave the row and the log untouched.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from campaign import lifecycle
from campaign.db import Database
from campaign.lifecycle import (
    DELIVERY_TRANSITIONS,
    POST_TRANSITIONS,
    Counter,
    DeliveryOp,
    PostOp,
    TransitionError,
)
from campaign.models import Campaign, Delivery, DeliveryState, Event, Post, PostState, PostTarget
from campaign.services import accounts
from connectors.base import RemotePost
from words.coded import Coded

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)
REASON = Coded("reason.platform", {"message": "503"})

DELIVERY_OPS: dict[DeliveryOp, Callable[[Session, Delivery], None]] = {
    DeliveryOp.CLAIM: lambda s, d: lifecycle.claim(s, d, "daemon-1", NOW),
    DeliveryOp.RELEASE: lambda s, d: lifecycle.release(s, d, Coded("reason.stopped"), NOW),
    DeliveryOp.MARK_SENT: lambda s, d: lifecycle.mark_sent(
        s, d, RemotePost("r1", "https://x.test/r1", NOW), False, NOW
    ),
    DeliveryOp.DEFER: lambda s, d: lifecycle.defer(s, d, LATER, REASON, NOW),
    DeliveryOp.WAIT_RATE_LIMIT: lambda s, d: lifecycle.wait_rate_limit(s, d, REASON, NOW),
    DeliveryOp.HOLD_FOR_ACCOUNT: lambda s, d: lifecycle.hold_for_account(s, d, REASON, NOW),
    DeliveryOp.MARK_FAILED: lambda s, d: lifecycle.mark_failed(s, d, REASON, NOW),
    DeliveryOp.INTERRUPT: lambda s, d: lifecycle.interrupt(s, d, NOW),
    DeliveryOp.FLAG: lambda s, d: lifecycle.flag(s, d, REASON, NOW),
    DeliveryOp.RELEASE_HOLD: lambda s, d: lifecycle.release_hold(s, d, LATER),
    DeliveryOp.RETRY_BY_HAND: lambda s, d: lifecycle.retry_by_hand(s, d, LATER, person="Anna"),
    DeliveryOp.WITHDRAW: lambda s, d: lifecycle.withdraw(s, d, Coded("reason.cancelled")),
    DeliveryOp.REINSTATE: lambda s, d: lifecycle.reinstate(s, d, LATER),
}
POST_OPS: dict[PostOp, Callable[[Session, Post], object]] = {
    PostOp.EDIT: lambda s, p: lifecycle.move_post(s, p, PostOp.EDIT, "saved"),
    PostOp.APPROVE: lambda s, p: lifecycle.approve(s, p),
    PostOp.RESCHEDULE: lambda s, p: lifecycle.reschedule(s, p, LATER),
    PostOp.CANCEL: lambda s, p: lifecycle.cancel(s, p),
    PostOp.REVOKE: lambda s, p: lifecycle.revoke(s, p, "changed"),
    PostOp.RESTORE: lambda s, p: lifecycle.restore(s, p, person="Anna"),
}


def test_every_operation_has_a_named_function() -> None:
    assert set(DELIVERY_OPS) == set(DeliveryOp)
    assert set(POST_OPS) == set(PostOp)


def _post(session: Session, state: PostState) -> Post:
    campaign = Campaign(slug=f"c-{state}-{session.scalar(select(func.count(Post.id)))}", name="c")
    post = Post(campaign=campaign, key="k", text="Hallo", scheduled_at=NOW, state=state)
    post.targets = [PostTarget(account=accounts.by_name(session, "x-todo"))]
    session.add(post)
    session.flush()
    return post


def _events(session: Session) -> int:
    return session.scalar(select(func.count(Event.id))) or 0


@pytest.mark.parametrize(
    ("state", "op"), list(itertools.product(DeliveryState, DeliveryOp)), ids=str
)
def test_delivery_state_and_operation(
    database: Database, state: DeliveryState, op: DeliveryOp
) -> None:
    with database.session() as session:
        post = _post(session, PostState.APPROVED)
        delivery = lifecycle.open_delivery(session, post, post.targets[0].account_id)
        delivery.state, delivery.attempts = state, 2
        session.flush()
        before = (delivery.due_at, delivery.last_error, delivery.claimed_by, delivery.remote_id)
        logged = _events(session)
        step = DELIVERY_TRANSITIONS.get((state, op))
        if step is None:
            with pytest.raises(TransitionError, match=f"{op.value}.*{state.value}"):
                DELIVERY_OPS[op](session, delivery)
            after = (delivery.due_at, delivery.last_error, delivery.claimed_by, delivery.remote_id)
            assert (delivery.state, delivery.attempts, after) == (state, 2, before)
            assert _events(session) == logged
            return
        DELIVERY_OPS[op](session, delivery)
        expected = {Counter.KEEP: 2, Counter.COUNT: 3, Counter.UNCOUNT: 1, Counter.RESET: 0}
        assert delivery.state == step.to
        assert delivery.attempts == expected[step.counter]
        event = session.scalars(select(Event).order_by(Event.id.desc()).limit(1)).one()
        assert event.kind == f"delivery.{step.to}" and event.delivery_id == delivery.id
        assert event.data is not None and event.data["op"] == op.value


@pytest.mark.parametrize(("state", "op"), list(itertools.product(PostState, PostOp)), ids=str)
def test_post_state_and_operation(database: Database, state: PostState, op: PostOp) -> None:
    with database.session() as session:
        post = _post(session, state)
        logged = _events(session)
        target = POST_TRANSITIONS.get((state, op))
        if target is None:
            with pytest.raises(TransitionError, match=f"{op.value}.*{state.value}"):
                POST_OPS[op](session, post)
            assert (post.state, post.scheduled_at, post.deliveries) == (state, NOW, [])
            assert _events(session) == logged
            return
        POST_OPS[op](session, post)
        assert post.state == target
        assert _events(session) > logged


def test_the_person_is_named_in_the_audit_event(database: Database) -> None:
    with database.session() as session:
        post = _post(session, PostState.APPROVED)
        delivery = lifecycle.open_delivery(session, post, post.targets[0].account_id)
        delivery.state = DeliveryState.FAILED
        session.flush()
        lifecycle.retry_by_hand(session, delivery, LATER, person="Anna")
        event = session.scalars(select(Event).order_by(Event.id.desc()).limit(1)).one()
        assert event.data is not None and event.data["by"] == "Anna"
        assert "Anna" in event.message
        lifecycle.claim(session, delivery, "daemon-1", NOW)
        claimed = session.scalars(select(Event).order_by(Event.id.desc()).limit(1)).one()
        assert claimed.data is not None and claimed.data["by"] == "daemon"
