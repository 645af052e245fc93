"""A real, idle daemon picks up what the TUI or CLI queues, and sends it on time.

The daemon runs with its scheduler and lanes (no direct calls); the post is queued through
the same service the TUI and CLI use. Its lanes sleep until the next due time or until
the database signals a change, so both promptness figures come from that signal.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest

from campaign.config import DaemonSettings, Settings
from campaign.daemon.runner import Daemon
from campaign.services import campaigns, posts
from sandbox.x_server import XSandbox
from tests.campaign.daemon_setup import campaign_database, x_account

PICK_UP_S = 2.0
LATENESS_S = 1.0


@pytest.fixture
def x_sandbox() -> Iterator[XSandbox]:
    with XSandbox(rate_limits={"create_tweet": 500}) as server:
        yield server  # type: ignore[misc]


@pytest.fixture
def running(
    database_url: str, x_sandbox: XSandbox, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Daemon]:
    monkeypatch.setenv("LT_IDLE_X", "idle-token")
    settings = Settings(
        accounts=[x_account(x_sandbox.url, "LT_IDLE_X")],
        daemon=DaemonSettings(),
    )
    database = campaign_database(database_url, settings)
    daemon = Daemon(database, settings, classifier_loader=lambda: None)  # type: ignore[arg-type]
    handle = daemon.start()
    yield daemon
    handle.shutdown(wait=True)
    daemon.stopped()
    database.engine.dispose()


def _queue(daemon: Daemon, key: str, at: datetime) -> None:
    with daemon.database.session() as session:
        draft = posts.PostDraft(
            key=key, text=f"Beitrag {key}", scheduled_at=at, accounts=["x-todo"], approved=True
        )
        posts.add_post(session, campaigns.by_slug(session, "todo"), draft, {})


def _published_at(server: XSandbox, text: str, give_up: float = 30) -> datetime:
    """When the sandbox stored `text`; waits for that condition, never for a fixed time."""
    found: Callable[[], list[datetime]] = lambda: [  # noqa: E731
        t.created_at for t in server.own_tweets() if t.submitted_text == text
    ]
    deadline = time.monotonic() + give_up
    while not found() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert found(), f"{text!r} was never sent: {server.own_tweets()} {server.request_log}"
    return found()[0]


def test_a_post_queued_while_idle_is_picked_up_within_two_seconds(
    running: Daemon, x_sandbox: XSandbox
) -> None:
    _queue(running, "sofort", datetime.now(UTC))
    queued_at = datetime.now(UTC)
    assert (_published_at(x_sandbox, "Beitrag sofort") - queued_at).total_seconds() <= PICK_UP_S


def test_an_idle_lane_wakes_at_the_due_time(running: Daemon, x_sandbox: XSandbox) -> None:
    due = datetime.now(UTC) + timedelta(seconds=3)
    _queue(running, "gleich", due)
    late = (_published_at(x_sandbox, "Beitrag gleich") - due).total_seconds()
    assert late <= LATENESS_S
