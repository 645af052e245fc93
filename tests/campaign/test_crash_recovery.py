"""Proof of exactly-once delivery: the real daemon, killed with SIGKILL again and again.

The sandbox servers run in this test process, so they outlive every daemon; the daemon is
the real `leuchtturm daemon` in a subprocess. Kills are triggered by observed progress
(seeded), never by sleeping. At the end every delivery is sent exactly once on its
platform, or flagged for review with a reason: zero duplicates, zero lost.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from campaign.config import AccountSettings, DaemonSettings, Settings
from campaign.db import Database, make_engine, upgrade
from campaign.models import Campaign, Delivery, DeliveryState
from campaign.services import accounts, posts
from connectors.sandbox.faults import FaultInjector, FaultPlan
from connectors.sandbox.x_server import XSandbox

pytestmark = pytest.mark.slow
POSTS = 80
GENEROUS_LIMITS = {name: 100_000 for name in ("create_tweet", "users_me", "user_tweets")}
"""The test is about crashes, not X's real 15-minute windows (tested elsewhere)."""
TERMINAL = (DeliveryState.SENT, DeliveryState.FAILED, DeliveryState.NEEDS_REVIEW)


def _config(path: Path, database_url: str, x_url: str) -> None:
    path.write_text(
        f"""
[database]
url = "{database_url}"

[[accounts]]
name = "x-todo"
platform = "x"
handle = "todo_dortmund"
server_url = "{x_url}"
secret_env = "LT_CRASH_X"

[daemon]
poll_seconds = 0.2
backoff_base_seconds = 0.2
max_attempts = 8
collect_fresh_minutes = 60
""",
        encoding="utf-8",
    )


def _queue(database: Database, settings: Settings, start: datetime) -> None:
    with database.session() as session:
        accounts.sync_from_config(session, settings)
        campaign = Campaign(slug="crash", name="Crash-Test")
        session.add(campaign)
        session.flush()
        for index in range(POSTS):
            draft = posts.PostDraft(
                key=f"p{index}",
                text=f"Beitrag {index}: die to:do-Woche ruft #ToDoDortmund",
                scheduled_at=start + timedelta(seconds=index * 0.3),
                accounts=["x-todo"],
                approved=True,
            )
            posts.add_post(session, campaign, draft, {})


def _counts(database: Database) -> Counter[str]:
    with database.session() as session:
        rows = session.execute(select(Delivery.state, func.count()).group_by(Delivery.state))
        return Counter({state: n for state, n in rows})


def _start_daemon(config: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from campaign.cli.main import run; run()",
            "--config",
            str(config),
            "daemon",
        ],
        env={**os.environ, "LT_CRASH_X": "crash-token"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for(condition, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


MODES = [
    pytest.param(("sqlite", 1, False), id="sqlite-one-daemon"),
    pytest.param(("sqlite", 1, True), id="sqlite-one-daemon-faults"),
    pytest.param(
        ("postgres", 2, True), id="postgres-two-daemons-faults", marks=pytest.mark.postgres
    ),
]


@pytest.fixture
def x_sandbox(mode: tuple[str, int, bool]) -> Iterator[XSandbox]:
    plan = FaultPlan.chaos(seed=11, level=0.08) if mode[2] else FaultPlan()
    with XSandbox(faults=FaultInjector(plan), rate_limits=GENEROUS_LIMITS) as server:
        yield server


@pytest.mark.parametrize("mode", MODES)
def test_sigkill_storm_loses_nothing_and_duplicates_nothing(
    tmp_path: Path, x_sandbox: XSandbox, mode: tuple[str, int, bool], request: pytest.FixtureRequest
) -> None:
    backend, daemons, _faults = mode
    if backend == "postgres":
        database_url = request.getfixturevalue("postgres_cluster").create_database()
    else:
        database_url = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
    config = tmp_path / "config.toml"
    _config(config, database_url, x_sandbox.url)
    settings = Settings(
        accounts=[
            AccountSettings(
                name="x-todo",
                platform="x",
                handle="todo_dortmund",
                server_url=x_sandbox.url,
                secret_env="LT_CRASH_X",
            )
        ],
        daemon=DaemonSettings(),
    )
    engine = make_engine(database_url)
    upgrade(engine)
    database = Database(engine)
    _queue(database, settings, datetime.now(UTC) + timedelta(seconds=2))
    rng = random.Random(20240429)

    def done() -> int:
        return sum(_counts(database)[state] for state in TERMINAL)

    kills = 0
    while done() < POSTS and kills < 8:
        running = [_start_daemon(config) for _ in range(daemons)]
        target = done() + rng.randint(1, 12)
        _wait_for(lambda target=target: done() >= target, timeout=30)
        for victim in rng.sample(running, rng.randint(1, daemons)):
            victim.send_signal(signal.SIGKILL)
            kills += 1
        for daemon in running:
            if daemon.poll() is None:
                daemon.send_signal(signal.SIGTERM)
            daemon.wait(timeout=60)
    running = [_start_daemon(config) for _ in range(daemons)]
    try:
        assert _wait_for(lambda: done() >= POSTS, timeout=120), _counts(database)
    finally:
        for daemon in running:
            daemon.send_signal(signal.SIGTERM)
            daemon.wait(timeout=30)

    published = Counter(tweet.text for tweet in x_sandbox.own_tweets())
    duplicates = {text: n for text, n in published.items() if n > 1}
    assert duplicates == {}
    with database.session() as session:
        every = list(session.scalars(select(Delivery)))
        sent = {d.post.text for d in every if d.state == DeliveryState.SENT}
        flagged = [d for d in every if d.state != DeliveryState.SENT]
    assert sent == set(published)
    assert all(d.last_error for d in flagged), "every flagged delivery says why"
    assert kills >= 3
    engine.dispose()
