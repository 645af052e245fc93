"""A daemon with one X lane against the X sandbox, on one hand-moved clock.

The dispatch tests and the tests of what a person does to posts share it; helpers to queue
and read deliveries are in `tests.campaign.x_lane`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from campaign.config import DaemonSettings, Settings
from campaign.daemon.runner import Daemon
from sandbox.x_server import XSandbox
from tests.campaign.daemon_setup import x_account
from tests.campaign.x_lane import START, daemon_on
from tests.clock import ManualClock as Clock


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def x_sandbox(clock: Clock) -> Iterator[XSandbox]:
    with XSandbox(clock=clock) as server:
        yield server


@pytest.fixture
def daemon(
    database_url: str, x_sandbox: XSandbox, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Daemon]:
    monkeypatch.setenv("LT_TEST_X", "x-user-token")
    settings = Settings(
        accounts=[x_account(x_sandbox.url, "LT_TEST_X")],
        daemon=DaemonSettings(max_attempts=3, backoff_base_seconds=1, grace_minutes=30),
    )
    with daemon_on(database_url, settings, clock) as daemon:
        yield daemon


@pytest.fixture
def config_toml(tmp_path: Path, settings: Settings) -> Path:
    """The test settings' accounts as a config file the CLI reads."""
    lines = []
    for account in settings.accounts:
        lines += [
            "[[accounts]]",
            f'name = "{account.name}"',
            f'platform = "{account.platform}"',
            f'handle = "{account.handle}"',
            f'server_url = "{account.server_url}"',
            f'secret_env = "{account.secret_env}"',
            "",
        ]
    path = tmp_path / "config.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
