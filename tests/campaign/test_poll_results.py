"""A poll goes out exactly once with its post, and the daemon reads its votes into a time
series: every ten minutes while it runs, every minute near its end, once more when closed."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

from sqlalchemy import select

from campaign.daemon.poll_results import PollPolicy
from campaign.daemon.runner import Daemon
from campaign.models import DeliveryState, PollCount
from campaign.services import campaigns, polls, posts
from content.polls import PollSpec
from sandbox.audience import AudienceSimulator
from sandbox.faults import Fault
from sandbox.x_server import XSandbox
from tests.campaign.x_lane import START, delivery
from tests.clock import ManualClock as Clock

OPTIONS = ("Ja", "Nein", "Weiß nicht")


def queue_poll(daemon: Daemon, hours: float = 2) -> int:
    with daemon.database.session() as session:
        draft = posts.PostDraft(
            key="frage",
            text="Mehr Ausbildungsplätze in der Nordstadt?",
            scheduled_at=START,
            accounts=["x-todo"],
            approved=True,
            poll=PollSpec(OPTIONS, timedelta(hours=hours)),
        )
        post = posts.add_post(session, campaigns.by_slug(session, "todo"), draft, {})
        return post.deliveries[0].id


def readings(daemon: Daemon, delivery_id: int) -> list[PollCount]:
    with daemon.database.session() as session:
        return list(
            session.scalars(
                select(PollCount).where(PollCount.delivery_id == delivery_id).order_by(PollCount.id)
            )
        )


def test_a_poll_survives_a_crash_after_accept_exactly_once(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    delivery_id = queue_poll(daemon)
    x_sandbox.faults.push(Fault("accept_then_crash", method="POST", path=r"^/2/tweets$"))
    daemon.dispatch()
    clock.now += timedelta(minutes=1)
    daemon.dispatch()
    assert delivery(daemon, delivery_id).state == DeliveryState.SENT
    (tweet,) = x_sandbox.own_tweets()
    assert tweet.poll is not None and tweet.poll.options == OPTIONS


def test_votes_are_read_while_running_more_often_near_the_end_and_once_closed(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    x_sandbox.audience = AudienceSimulator(seed=11)
    delivery_id = queue_poll(daemon, hours=2)
    daemon.dispatch()
    sent_at = delivery(daemon, delivery_id).sent_at
    assert sent_at is not None
    end = sent_at + timedelta(hours=2)
    while clock.now < end + timedelta(minutes=5):
        clock.now += timedelta(minutes=1)
        daemon.collect()
    series = readings(daemon, delivery_id)
    running = [r for r in series if not r.closed]
    gaps = [b.taken_at - a.taken_at for a, b in pairwise(running)]
    early = [
        g
        for r, g in zip(running[1:], gaps, strict=True)
        if r.taken_at < end - timedelta(minutes=15)
    ]
    late = [
        g
        for r, g in zip(running[1:], gaps, strict=True)
        if r.taken_at > end - timedelta(minutes=11)
    ]
    assert early and all(gap == PollPolicy().running_every for gap in early)
    assert late and all(gap == PollPolicy().closing_every for gap in late)
    assert series[-1].closed and [r.closed for r in series].count(True) == 1
    totals = [sum(r.votes) for r in series]
    assert totals == sorted(totals) and totals[-1] > totals[0]
    with daemon.database.session() as session:
        (tally,) = polls.latest(session)
    assert tally.closed and tally.options == OPTIONS and tally.total == totals[-1]
    clock.now += timedelta(hours=1)
    daemon.collect()
    assert len(readings(daemon, delivery_id)) == len(series)
