"""Proof of exactly-once delivery: the real daemon, killed with SIGKILL again and again.

The sandbox servers (X, Mastodon and Bluesky, so every connector's recovery path is
exercised while the three dispatch lanes run side by side) run in this test process, so
they outlive every daemon; the daemon is the real `leuchtturm daemon` in a subprocess.
Kills are triggered by observed progress (seeded), never by sleeping. At the end every
delivery is sent exactly once on its platform, or flagged for review with a reason: zero
duplicates, zero lost.
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
from sqlalchemy import func, or_, select

from campaign.config import DaemonSettings, Settings
from campaign.db import Database, make_engine, upgrade
from campaign.demo import DEMO_HANDLES, config_toml, sandbox_accounts
from campaign.models import Account, Campaign, Delivery, DeliveryState, Event
from campaign.services import accounts, posts
from sandbox.bluesky_server import BlueskySandbox, RateLimitPolicy
from sandbox.faults import Fault, FaultInjector, FaultPlan
from sandbox.mastodon_server import MastodonSandbox
from sandbox.x_server import XSandbox

pytestmark = pytest.mark.slow
POSTS = 90
GENEROUS_X_LIMITS = {name: 100_000 for name in ("create_tweet", "users_me", "user_tweets")}
"""The test is about crashes, not the platforms' real windows (tested elsewhere)."""
GENEROUS_BLUESKY = RateLimitPolicy(100_000, timedelta(minutes=5))
TOKEN = "crash-token"
TERMINAL = (DeliveryState.SENT, DeliveryState.FAILED, DeliveryState.NEEDS_REVIEW)
Servers = dict[str, XSandbox | MastodonSandbox | BlueskySandbox]


DAEMON_SETTINGS = """poll_seconds = 0.2
backoff_base_seconds = 0.2
max_attempts = 8
collect_fresh_minutes = 60
"""


def _queue(database: Database, settings: Settings, start: datetime, identical: bool) -> None:
    """POSTS posts, round-robin over the accounts, due in a quick succession.

    With `identical`, posts come in pairs with the same text on the same account, so that
    recovery by text must tell the two apart (X itself refuses the second of a pair).
    """
    names = [account.name for account in settings.accounts]
    with database.session() as session:
        accounts.sync_from_config(session, settings)
        campaign = Campaign(slug="crash", name="Crash-Test")
        session.add(campaign)
        session.flush()
        for index in range(POSTS):
            group = index // 2 if identical else index
            draft = posts.PostDraft(
                key=f"p{index}",
                text=f"Beitrag {group}: die to:do-Woche ruft #ToDoDortmund",
                scheduled_at=start + timedelta(seconds=index * 0.3),
                accounts=[names[group % len(names)]],
                approved=True,
            )
            posts.add_post(session, campaign, draft, {})


def _published(servers: Servers) -> Counter[tuple[str, str]]:
    """How often each (platform, text) exists, as the campaign's accounts posted it."""
    x, mastodon, bluesky = servers["x"], servers["mastodon"], servers["bluesky"]
    assert isinstance(x, XSandbox) and isinstance(mastodon, MastodonSandbox)
    assert isinstance(bluesky, BlueskySandbox)
    texts = [("x", tweet.text) for tweet in x.own_tweets()]
    texts += [("mastodon", s.text) for s in mastodon.statuses_of(DEMO_HANDLES["mastodon"])]
    texts += [("bluesky", r.value["text"]) for r in bluesky.posts_by(DEMO_HANDLES["bluesky"])]
    return Counter(texts)


def _counts(database: Database) -> Counter[str]:
    with database.session() as session:
        rows = session.execute(select(Delivery.state, func.count()).group_by(Delivery.state))
        return Counter({state: n for state, n in rows})


def _start_daemon(config: Path, secrets: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from campaign.cli.main import run; run()",
            "--config",
            str(config),
            "daemon",
        ],
        env={**os.environ, **secrets},
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
    pytest.param(("sqlite", 1, False, False), id="sqlite-one-daemon"),
    pytest.param(("sqlite", 1, True, False), id="sqlite-one-daemon-faults"),
    pytest.param(("sqlite", 1, True, True), id="sqlite-one-daemon-faults-identical-texts"),
    pytest.param(
        ("postgres", 2, True, False), id="postgres-two-daemons-faults", marks=pytest.mark.postgres
    ),
    pytest.param(
        ("postgres", 2, True, True),
        id="postgres-two-daemons-faults-identical-texts",
        marks=pytest.mark.postgres,
    ),
]
RECOVERED = ("\"reason.recovered\"",)
"""The code of a delivery found on the platform after an interrupted attempt, as the audit
trail keeps it."""


@pytest.fixture
def servers(mode: tuple[str, int, bool, bool]) -> Iterator[Servers]:
    def faults(seed: int) -> FaultInjector:
        return FaultInjector(FaultPlan.chaos(seed=seed, level=0.08) if mode[2] else FaultPlan())

    creates = {"x": r"^/2/tweets$", "mastodon": r"^/api/v1/statuses$", "bluesky": r"createRecord$"}
    started: Servers = {
        "x": XSandbox(faults=faults(11), rate_limits=GENEROUS_X_LIMITS).start(),
        "mastodon": MastodonSandbox(
            faults=faults(12), rate_limit=100_000, handles={TOKEN: DEMO_HANDLES["mastodon"]}
        ).start(),
        "bluesky": BlueskySandbox(
            faults=faults(13), rate_limit=GENEROUS_BLUESKY, login_limit=GENEROUS_BLUESKY
        ).start(),
    }
    if mode[2]:  # beside the random faults, each platform's first post surely hits one
        for platform, server in started.items():
            path = creates[platform]
            server.faults.push(Fault("accept_then_crash", method="POST", path=path))
    yield started
    for server in started.values():
        server.stop()


@pytest.mark.parametrize("mode", MODES)
def test_sigkill_storm_loses_nothing_and_duplicates_nothing(
    tmp_path: Path,
    servers: Servers,
    mode: tuple[str, int, bool, bool],
    request: pytest.FixtureRequest,
) -> None:
    backend, daemons, faults, identical = mode
    if backend == "postgres":
        database_url = request.getfixturevalue("postgres_cluster").create_database()
    else:
        database_url = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
    config = tmp_path / "config.toml"
    configured = sandbox_accounts({p: server.url for p, server in servers.items()}, "LT_CRASH")
    config.write_text(config_toml(database_url, configured, DAEMON_SETTINGS), encoding="utf-8")
    settings = Settings(accounts=configured, daemon=DaemonSettings())
    secrets = {account.secret_env: TOKEN for account in configured}
    engine = make_engine(database_url)
    upgrade(engine)
    database = Database(engine)
    _queue(database, settings, datetime.now(UTC) + timedelta(seconds=2), identical)
    rng = random.Random(20240429)

    def done() -> int:
        return sum(_counts(database)[state] for state in TERMINAL)

    kills = 0
    while done() < POSTS and kills < 8:
        running = [_start_daemon(config, secrets) for _ in range(daemons)]
        target = done() + rng.randint(1, 12)
        _wait_for(lambda target=target: done() >= target, timeout=30)
        for victim in rng.sample(running, rng.randint(1, daemons)):
            victim.send_signal(signal.SIGKILL)
            kills += 1
        for daemon in running:
            if daemon.poll() is None:
                daemon.send_signal(signal.SIGTERM)
            daemon.wait(timeout=60)
    running = [_start_daemon(config, secrets) for _ in range(daemons)]
    try:
        assert _wait_for(lambda: done() >= POSTS, timeout=120), _counts(database)
    finally:
        for daemon in running:
            daemon.send_signal(signal.SIGTERM)
            daemon.wait(timeout=30)

    published = _published(servers)
    with database.session() as session:
        every = list(session.scalars(select(Delivery)))
        sent = Counter(
            (d.account.platform, d.post.text) for d in every if d.state == DeliveryState.SENT
        )
        held_ids = [(d.account_id, d.remote_id) for d in every if d.remote_id]
        flagged = [d for d in every if d.state != DeliveryState.SENT]
        recovered_on = set(
            session.scalars(
                select(Account.platform)
                .join(Event, Event.account_id == Account.id)
                .where(or_(*(Event.message.contains(words) for words in RECOVERED)))
            )
        )
    differing = {
        key: (published[key], sent[key])
        for key in published.keys() | sent.keys()
        if published[key] != sent[key]
    }
    # no duplicate, nothing lost: each sent delivery once out there
    assert not differing, f"(platform, text): (published, sent) {differing}"
    assert len(held_ids) == len(set(held_ids)), "one remote post held by two deliveries"
    assert all(d.last_error for d in flagged), "every flagged delivery says why"
    assert kills >= 3
    if faults:  # accept-then-crash happened on every platform and was recovered, not resent
        assert recovered_on == set(servers)
    engine.dispose()
