"""Several daemons on one PostgreSQL queue: one sends for an account at a time.

Found in a crash storm with two daemons and posts of identical text: while one daemon
recovered a delivery whose first attempt never arrived, the other published the twin
delivery on the same account; the recovery's search by content took the twin's post, and
both deliveries held one tweet while the other text was never sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from campaign.config import DaemonSettings, Settings
from campaign.daemon.dispatch import claim_due, send
from campaign.daemon.lanes import STALE_CLAIM
from campaign.daemon.runner import Daemon
from campaign.models import DeliveryState
from sandbox.x_server import XSandbox
from tests.campaign.daemon_setup import x_account
from tests.campaign.x_lane import START, daemon_on, delivery, queue
from tests.clock import ManualClock as Clock

pytestmark = pytest.mark.postgres


@pytest.fixture
def two_daemons(
    request: pytest.FixtureRequest,
    x_sandbox: XSandbox,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[Daemon, Daemon]]:
    """Two daemons with the same config.toml on one PostgreSQL database (not started)."""
    monkeypatch.setenv("LT_TEST_X", "x-user-token")
    settings = Settings(
        accounts=[x_account(x_sandbox.url, "LT_TEST_X")],
        daemon=DaemonSettings(max_attempts=3, backoff_base_seconds=1, grace_minutes=30),
    )
    url = request.getfixturevalue("postgres_cluster").create_database()
    with daemon_on(url, settings, clock) as first:
        second = Daemon(first.database, settings, clock=clock, classifier_loader=lambda: None)  # type: ignore[arg-type]
        first.beat()
        second.beat()
        yield first, second


def test_a_second_daemon_leaves_an_account_to_the_daemon_sending_for_it(
    two_daemons: tuple[Daemon, Daemon], x_sandbox: XSandbox
) -> None:
    first, second = two_daemons
    queue(first, "a", START)
    assert first.dispatch("x-todo") == 1
    waiting = queue(first, "b", START)
    assert second.dispatch("x-todo") == 0
    assert delivery(second, waiting).state == DeliveryState.PENDING
    assert len(x_sandbox.own_tweets()) == 1
    first.stopped()  # a clean stop hands the lane on at once
    assert second.dispatch("x-todo") == 1
    assert len(x_sandbox.own_tweets()) == 2


def test_a_dead_daemons_accounts_pass_on_when_its_claims_do(
    two_daemons: tuple[Daemon, Daemon], x_sandbox: XSandbox, clock: Clock
) -> None:
    first, second = two_daemons
    queue(first, "a", START)
    assert first.dispatch("x-todo") == 1
    waiting = queue(first, "b", START)
    clock.now += STALE_CLAIM + timedelta(seconds=1)  # the first daemon died: no more beats
    second.beat()
    assert second.dispatch("x-todo") == 1
    assert delivery(second, waiting).state == DeliveryState.SENT


def test_a_daemon_taken_for_dead_sends_nothing_on_a_claim_it_lost(
    two_daemons: tuple[Daemon, Daemon], x_sandbox: XSandbox, clock: Clock
) -> None:
    first, second = two_daemons
    delivery_id = queue(first, "a", START)
    claimed = claim_due(
        first.database,
        first.daemon_id,
        clock(),
        first.dispatch_policy,
        5,
        "x-todo",
        shared_queue=True,
    )
    assert claimed == [delivery_id]
    clock.now += STALE_CLAIM + timedelta(seconds=1)  # its heartbeat stalled
    second.beat()  # takes the claim over
    assert second.dispatch("x-todo") == 1
    assert first.connector_for is not None
    state = send(
        first.database,
        first.daemon_id,
        delivery_id,
        first.connector_for,
        first.dispatch_policy,
        clock,
        first.rng,
    )
    assert state == DeliveryState.SENT
    assert len(x_sandbox.own_tweets()) == 1
