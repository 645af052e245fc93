"""What a person does to a post: a thread acts as one, retry by hand, held posts, past times.

The daemon is the real one (X lane, tweepy against the sandbox), driven by hand with the
shared clock; the actions go through the services and the CLI, as the team uses them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from campaign.cli.main import app as cli_app
from campaign.daemon.runner import Daemon
from campaign.errors import UserError
from campaign.models import Delivery, DeliveryState, Heartbeat, Post, PostState
from campaign.reasons import shown_reason
from campaign.services import campaigns, dashboard, posts
from sandbox.faults import Fault
from sandbox.x_server import XSandbox
from tests.campaign.x_lane import START, delivery, queue
from tests.clock import BERLIN
from tests.clock import ManualClock as Clock


def thread(
    daemon: Daemon, key: str, at: datetime, parts: int = 3, approved: bool = False
) -> list[int]:
    """A thread of `parts` posts one minute apart, linked as the plan import links them."""
    ids: list[int] = []
    with daemon.database.session() as session:
        campaign = campaigns.by_slug(session, "todo")
        previous = None
        for n in range(parts):
            draft = posts.PostDraft(
                key=key if n == 0 else f"{key}#{n + 1}",
                text=f"{key} Teil {n + 1} zur to:do-Woche",
                scheduled_at=at + timedelta(minutes=n),
                accounts=["x-todo"],
            )
            post = posts.add_post(session, campaign, draft, {})
            posts.link_part(post, previous, n)
            session.flush()
            previous = post
            ids.append(post.id)
        if approved:
            posts.approve(session, session.get_one(Post, ids[0]))
    return ids


def rows(daemon: Daemon, ids: list[int]) -> list[Post]:
    with daemon.database.session() as session:
        found = [posts.get_post(session, post_id) for post_id in ids]
        session.expunge_all()
        return found


def cli(daemon: Daemon, database_url: str, tmp_path: Path, *args: str) -> tuple[int, str]:
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    runner = CliRunner(env={"LEUCHTTURM_DATABASE_URL": database_url})
    result = runner.invoke(cli_app, ["--config", str(config), *args])
    return result.exit_code, result.output + str(result.exception or "")


# a thread is one unit ----------------------------------------------------------------------
def test_cli_approve_of_a_thread_head_approves_every_part(
    daemon: Daemon, database_url: str, tmp_path: Path
) -> None:
    ids = thread(daemon, "reihe", START + timedelta(hours=1))
    code, output = cli(daemon, database_url, tmp_path, "post", "approve", str(ids[0]))
    assert code == 0, output
    parts = rows(daemon, ids)
    assert [p.state for p in parts] == [PostState.APPROVED] * 3
    assert all(len(p.deliveries) == 1 for p in parts)


def test_reschedule_moves_the_whole_thread_keeping_its_spacing(daemon: Daemon) -> None:
    ids = thread(daemon, "reihe", START + timedelta(hours=1), approved=True)
    later = START + timedelta(hours=3)
    with daemon.database.session() as session:
        posts.reschedule(session, posts.get_post(session, ids[0]), later, now=START)
    parts = rows(daemon, ids)
    assert [p.scheduled_at for p in parts] == [later + timedelta(minutes=n) for n in range(3)]
    assert [p.deliveries[0].due_at for p in parts] == [p.scheduled_at for p in parts]


def test_cancelled_head_takes_every_part_out_of_the_queue(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    ids = thread(daemon, "reihe", START, approved=True)
    with daemon.database.session() as session:
        posts.cancel(session, posts.get_post(session, ids[0]))
        assert dashboard.next_due(session) == []  # the overview lists nothing as next
    parts = rows(daemon, ids)
    assert [p.state for p in parts] == [PostState.CANCELLED] * 3
    assert {p.deliveries[0].state for p in parts} == {DeliveryState.WITHDRAWN}
    clock.now += timedelta(minutes=5)
    assert daemon.dispatch() == 0
    assert x_sandbox.own_tweets() == []


def test_no_part_goes_out_before_its_predecessor(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    ids = thread(daemon, "reihe", START, parts=2, approved=True)
    with daemon.database.session() as session:  # part 2 due before part 1, e.g. edited by hand
        head = posts.get_post(session, ids[0])
        head.deliveries[0].due_at = START + timedelta(minutes=10)
    clock.now += timedelta(minutes=2)
    assert daemon.dispatch() == 0
    part = rows(daemon, ids)[1].deliveries[0]
    assert part.state == DeliveryState.PENDING and part.attempts == 0
    clock.now += timedelta(minutes=10)
    daemon.dispatch()
    daemon.dispatch()
    texts = [tweet.text for tweet in x_sandbox.own_tweets()]
    assert texts == ["reihe Teil 1 zur to:do-Woche", "reihe Teil 2 zur to:do-Woche"]


def test_duplicate_copies_the_whole_thread_as_a_linked_draft(daemon: Daemon) -> None:
    ids = thread(daemon, "reihe", START + timedelta(hours=1))
    with daemon.database.session() as session:
        copies = posts.duplicate(session, posts.get_post(session, ids[1]), {}, START)
        assert [c.key for c in copies] == [
            "reihe-" + START.strftime("%Y%m%d%H%M%S") + suffix for suffix in ("", "#2", "#3")
        ]
        assert [c.thread_parent_id for c in copies] == [None, copies[0].id, copies[1].id]
        assert {c.state for c in copies} == {PostState.DRAFT}


# retry by hand -----------------------------------------------------------------------------
def _give_up(daemon: Daemon, delivery_ids: list[int], state: DeliveryState) -> None:
    with daemon.database.session() as session:  # as if every attempt had been used up
        for delivery_id in delivery_ids:
            row = session.get_one(Delivery, delivery_id)
            row.state, row.attempts, row.last_error = state, 5, "X answered 503"


def test_retry_by_hand_requeues_the_chain_at_its_time_with_a_fresh_budget(
    daemon: Daemon, database_url: str, tmp_path: Path, clock: Clock
) -> None:
    ids = thread(daemon, "reihe", START + timedelta(hours=2), parts=2, approved=True)
    deliveries = [p.deliveries[0].id for p in rows(daemon, ids)]
    _give_up(daemon, deliveries, DeliveryState.FAILED)
    code, output = cli(daemon, database_url, tmp_path, "post", "retry", str(ids[0]))
    assert code == 0, output
    assert "2 Zustellungen werden erneut versucht" in output and "zum geplanten Zeitpunkt" in output
    again = [delivery(daemon, d) for d in deliveries]
    assert [d.state for d in again] == [DeliveryState.RETRY] * 2
    assert [d.attempts for d in again] == [0, 0]
    assert [d.due_at for d in again] == [START + timedelta(hours=2, minutes=n) for n in range(2)]
    assert daemon.dispatch() == 0  # not at once: the post was moved into the future


def test_retry_by_hand_of_a_past_post_goes_now_and_says_so(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    delivery_id = queue(daemon, "a", START)
    _give_up(daemon, [delivery_id], DeliveryState.NEEDS_REVIEW)
    clock.now += timedelta(hours=1)
    with daemon.database.session() as session:
        outcome = posts.retry(session, posts.get_post(session, 1), clock())
        message = posts.describe_retry(1, outcome, str)
    assert outcome.now and "jetzt" in message
    assert daemon.dispatch() == 1
    assert len(x_sandbox.own_tweets()) == 1


def test_a_given_up_delivery_does_not_say_it_will_retry(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    delivery_id = queue(daemon, "a", START)
    for _ in range(3):
        x_sandbox.faults.push(Fault("server_error", status=503, method="POST", path=r"^/2/tweets$"))
    for _ in range(3):
        daemon.dispatch()
        clock.now += timedelta(minutes=15)
    failed = delivery(daemon, delivery_id)
    assert failed.state == DeliveryState.FAILED
    assert "will retry" not in shown_reason(failed.last_error, BERLIN)
    assert "aufgegeben nach 3 Versuchen" in shown_reason(failed.last_error, BERLIN)


# held posts --------------------------------------------------------------------------------
def _held(daemon: Daemon) -> int:
    delivery_id = queue(daemon, "alt", START - timedelta(hours=2))
    daemon.dispatch()
    assert delivery(daemon, delivery_id).state == DeliveryState.NEEDS_REVIEW
    return delivery_id


def test_rescheduling_a_held_post_releases_it_to_the_new_time(daemon: Daemon) -> None:
    delivery_id = _held(daemon)
    later = START + timedelta(hours=1)
    with daemon.database.session() as session:
        held = session.get_one(Delivery, delivery_id)
        posts.reschedule(session, posts.get_post(session, held.post_id), later, now=START)
    released = delivery(daemon, delivery_id)
    assert (released.state, released.due_at) == (DeliveryState.PENDING, later)


def test_approving_a_held_post_releases_it(
    daemon: Daemon, x_sandbox: XSandbox, clock: Clock
) -> None:
    delivery_id = _held(daemon)
    with daemon.database.session() as session:
        held = session.get_one(Delivery, delivery_id)
        posts.approve(session, posts.get_post(session, held.post_id), now=clock())
    assert delivery(daemon, delivery_id).state == DeliveryState.PENDING
    assert daemon.dispatch() == 1


def test_missed_is_said_only_when_the_daemon_was_down(daemon: Daemon) -> None:
    with daemon.database.session() as session:  # a daemon was running at the due time
        session.add(
            Heartbeat(
                daemon_id="earlier",
                host="h",
                pid=1,
                started_at=START - timedelta(hours=3),
                last_tick=START - timedelta(minutes=5),
            )
        )
    delivery_id = _held(daemon)
    reason = shown_reason(delivery(daemon, delivery_id).last_error, BERLIN)
    assert "verpasst" not in reason and "obwohl der Daemon lief" in reason


# past times ---------------------------------------------------------------------------------
def test_reschedule_into_the_past_is_refused_with_the_time_and_a_hint(
    daemon: Daemon, database_url: str, tmp_path: Path
) -> None:
    delivery_id = queue(daemon, "a", START + timedelta(hours=1))
    code, output = cli(
        daemon, database_url, tmp_path, "post", "reschedule", "1", "--at", "2020-05-04T10:00"
    )
    assert code != 0
    assert "2020-05-04 10:00 (Europe/Berlin) liegt in der Vergangenheit" in output
    assert "spätere Zeit" in output
    assert delivery(daemon, delivery_id).due_at == START + timedelta(hours=1)


def test_a_new_post_in_the_past_is_refused(daemon: Daemon) -> None:
    with daemon.database.session() as session, pytest.raises(UserError, match="Vergangenheit"):
        draft = posts.PostDraft(
            key="alt", text="Hallo", scheduled_at=START - timedelta(days=1), accounts=["x-todo"]
        )
        posts.add_post(session, campaigns.by_slug(session, "todo"), draft, {}, now=START)
    with daemon.database.session() as session:
        assert session.scalars(select(Post)).all() == []
