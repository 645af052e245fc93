"""Fixtures for the X connector and X sandbox tests, imported explicitly by those modules."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from connectors.base import ConnectorSettings
from connectors.x import XConnector
from connectors.x_auth import LoginFlow
from sandbox.faults import FaultInjector
from sandbox.x_server import DEFAULT_RATE_LIMITS, XSandbox
from tests.clock import START, ManualClock

SECRET = "x-user-token-geheim-4711"


@pytest.fixture(scope="module")
def _shared_sandbox() -> Iterator[tuple[XSandbox, ManualClock, FaultInjector]]:
    """One server per test module: stopping one takes the core half a second."""
    clock, faults = ManualClock(), FaultInjector()
    server = XSandbox(faults=faults, clock=clock)
    server.start()
    yield server, clock, faults
    server.stop()


@pytest.fixture
def x_sandbox(_shared_sandbox: tuple[XSandbox, ManualClock, FaultInjector]) -> XSandbox:
    """The module's server, emptied, fault-free and with the clock back at START."""
    server, clock, faults = _shared_sandbox
    clock.now = START
    faults.clear()
    faults.restore()
    server.reset()
    server.rate_limits = {**DEFAULT_RATE_LIMITS, "create_tweet": 500}
    return server


@pytest.fixture
def clock(x_sandbox: XSandbox) -> ManualClock:
    assert isinstance(x_sandbox.clock, ManualClock)
    return x_sandbox.clock


@pytest.fixture
def faults(x_sandbox: XSandbox) -> FaultInjector:
    return x_sandbox.faults


def make_connector(server: XSandbox, clock: ManualClock, timeout_s: float = 2.0) -> XConnector:
    """A connector for the sandbox's account with a short timeout for fault tests."""
    settings = ConnectorSettings(
        platform="x",
        account_name="x-todo",
        handle="@todo_dortmund",
        server_url=server.url,
        secret=SECRET,
        timeout_s=timeout_s,
    )
    return XConnector(settings, clock=clock)


@pytest.fixture
def x_connector(x_sandbox: XSandbox, clock: ManualClock) -> XConnector:
    return make_connector(x_sandbox, clock)


OAUTH1_KEYS = {
    "consumer_key": "sandbox-consumer-key",
    "consumer_secret": "sandbox-consumer-secret-geheim",
    "access_token": "1590000000000000001-sandbox-access",
    "access_token_secret": "sandbox-access-secret-geheim",
}
CLIENT_ID = "sandbox-client-id"
REDIRECT_URI = "https://127.0.0.1/callback"


def oauth1_settings(server: XSandbox, **keys: str) -> ConnectorSettings:
    """Settings signing with OAuth 1.0a keys the sandbox knows (unless `keys` change them)."""
    server.register_oauth1(**OAUTH1_KEYS)
    return _x_settings(server, credentials={**OAUTH1_KEYS, **keys}, auth="oauth1")


def oauth2_settings(server: XSandbox, state_dir: Path) -> ConnectorSettings:
    """Settings for OAuth 2.0 with offline.access, tokens kept under `state_dir`."""
    return _x_settings(
        server, state_dir=state_dir, credentials={"client_id": CLIENT_ID}, auth="oauth2"
    )


def _x_settings(server: XSandbox, **fields: Any) -> ConnectorSettings:
    return ConnectorSettings(
        platform="x",
        account_name="x-todo",
        handle="@todo_dortmund",
        server_url=server.url,
        timeout_s=5.0,
        **fields,
    )


def log_in(settings: ConnectorSettings, clock: Callable[[], datetime]) -> None:
    """Walk the PKCE flow as a person would: open the URL, hand back where X redirected."""
    flow = LoginFlow(settings, REDIRECT_URI, clock)
    answer = requests.get(flow.url, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    flow.finish(answer.headers["Location"])
