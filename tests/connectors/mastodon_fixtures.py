"""Servers and connectors for the Mastodon tests, imported explicitly by those modules.

`backend` runs a test twice: against the project's sandbox and against mastodon-mock, a
Mastodon fake written by others, so that where the two disagree the sandbox is caught.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from mastodon import Mastodon
from mastodon_mock.testing import MockServer

from connectors.base import ConnectorSettings
from connectors.mastodon import MastodonConnector
from sandbox.faults import FaultInjector
from sandbox.mastodon_server import RATE_LIMIT, MastodonSandbox
from tests.clock import START, ManualClock

SECRET = "masto-token-geheim-4711"
FOLLOWER_SECRET = "masto-follower-token-0815"
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


@dataclass
class Backend:
    """A running Mastodon-like server with our account and one follower's account."""

    name: str
    url: str
    token: str
    handle: str
    follower_token: str
    clock: Callable[[], datetime]

    def connector(self, timeout_s: float = 2.0) -> MastodonConnector:
        return make_connector(self.url, self.token, self.clock, self.handle, timeout_s)

    def reply_as_follower(self, status_id: str, text: str) -> str:
        """A follower answers through the API, as on a real instance."""
        follower = Mastodon(
            access_token=self.follower_token, api_base_url=self.url, request_timeout=5
        )
        return str(follower.status_post(text, in_reply_to_id=status_id).id)


def make_connector(
    url: str,
    token: str,
    clock: Callable[[], datetime],
    handle: str = "todo_dortmund",
    timeout_s: float = 2.0,
) -> MastodonConnector:
    """A connector with a short timeout for fault tests."""
    settings = ConnectorSettings(
        platform="mastodon",
        account_name="mastodon-todo",
        handle=f"@{handle}",
        server_url=url,
        secret=token,
        timeout_s=timeout_s,
    )
    return MastodonConnector(settings, clock=clock)


@pytest.fixture(scope="module")
def _shared_sandbox() -> Iterator[MastodonSandbox]:
    """One server per module: stopping one takes the core half a second."""
    server = MastodonSandbox(
        faults=FaultInjector(),
        clock=ManualClock(),
        handles={SECRET: "todo_dortmund", FOLLOWER_SECRET: "ruhrpott_anna"},
    )
    server.start()
    yield server
    server.stop()


@pytest.fixture
def sandbox(_shared_sandbox: MastodonSandbox) -> MastodonSandbox:
    """The module's server, emptied, fault-free, credentials accepted, clock at START."""
    server = _shared_sandbox
    assert isinstance(server.clock, ManualClock)
    server.clock.now = START
    server.faults.clear()
    server.faults.restore()
    server.reset()
    server.audience = None
    server.max_characters = 500
    server.rate_limit = RATE_LIMIT
    server.media_processing_polls = 1
    return server


@pytest.fixture
def clock(sandbox: MastodonSandbox) -> ManualClock:
    assert isinstance(sandbox.clock, ManualClock)
    return sandbox.clock


@pytest.fixture
def sandbox_connector(sandbox: MastodonSandbox, clock: ManualClock) -> MastodonConnector:
    return make_connector(sandbox.url, SECRET, clock)


@pytest.fixture(scope="module")
def _mock_server() -> Iterator[MockServer]:
    with MockServer() as server:
        yield server


def _sandbox_backend(request: pytest.FixtureRequest) -> Backend:
    server: MastodonSandbox = request.getfixturevalue("sandbox")
    return Backend("sandbox", server.url, SECRET, "todo_dortmund", FOLLOWER_SECRET, server.clock)


def _mock_backend(request: pytest.FixtureRequest) -> Backend:
    server: MockServer = request.getfixturevalue("_mock_server")
    return Backend(
        "mastodon-mock",
        server.base_url,
        "alice_token",
        "alice",
        "bob_token",
        lambda: datetime.now(UTC),
    )


@pytest.fixture(params=["sandbox", pytest.param("mastodon-mock", marks=pytest.mark.integration)])
def backend(request: pytest.FixtureRequest) -> Backend:
    """The sandbox, then mastodon-mock: the same test against both."""
    if request.param == "sandbox":
        return _sandbox_backend(request)
    return _mock_backend(request)


@pytest.fixture
def image(tmp_path: Path) -> Path:
    """A real (1×1) PNG: servers that inspect uploads accept it."""
    path = tmp_path / "plakat.png"
    path.write_bytes(PNG_1X1)
    return path
