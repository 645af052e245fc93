"""Fixtures for the Bluesky connector and sandbox tests, imported explicitly by those modules."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from connectors.base import ConnectorSettings
from connectors.bluesky import BlueskyConnector
from sandbox.bluesky_server import BlueskySandbox
from sandbox.faults import FaultInjector
from tests.clock import ManualClock

HANDLE = "todo-dortmund.bsky.social"
APP_PASSWORD = "abcd-efgh-ijkl-mnop"
START = datetime.now(UTC).replace(microsecond=0)
"""Near the wall clock: the atproto client checks token expiry against real time.

The clock class is the X tests' one (it moves only when a test says so).
"""


@pytest.fixture(scope="module")
def _shared_sandbox() -> Iterator[tuple[BlueskySandbox, ManualClock, FaultInjector]]:
    """One server per test module: stopping one takes the core half a second."""
    clock, faults = ManualClock(START), FaultInjector()
    server = BlueskySandbox(faults=faults, clock=clock)
    server.start()
    yield server, clock, faults
    server.stop()


@pytest.fixture
def bluesky_sandbox(
    _shared_sandbox: tuple[BlueskySandbox, ManualClock, FaultInjector],
) -> BlueskySandbox:
    """The module's server, emptied, fault-free and with the clock back at START."""
    server, clock, faults = _shared_sandbox
    clock.now = START
    faults.clear()
    faults.restore()
    server.reset()
    return server


@pytest.fixture
def clock(bluesky_sandbox: BlueskySandbox) -> ManualClock:
    assert isinstance(bluesky_sandbox.clock, ManualClock)
    return bluesky_sandbox.clock


@pytest.fixture
def faults(bluesky_sandbox: BlueskySandbox) -> FaultInjector:
    return bluesky_sandbox.faults


ConnectorFactory = Callable[..., BlueskyConnector]


@pytest.fixture
def make_connector(
    bluesky_sandbox: BlueskySandbox, clock: ManualClock, tmp_path: Path
) -> ConnectorFactory:
    """Connectors for the sandbox account; they share one state dir unless told otherwise."""

    def make(
        *, secret: str = APP_PASSWORD, timeout_s: float = 5.0, state_dir: Path | None = None
    ) -> BlueskyConnector:
        settings = ConnectorSettings(
            platform="bluesky",
            account_name="todo-bluesky",
            handle=HANDLE,
            server_url=bluesky_sandbox.url,
            secret=secret,
            state_dir=state_dir or tmp_path / "state",
            timeout_s=timeout_s,
        )
        return BlueskyConnector(settings, clock=clock)

    return make


@pytest.fixture
def connector(make_connector: ConnectorFactory) -> BlueskyConnector:
    return make_connector()


def png_image(path: Path, width: int, height: int) -> Path:
    """A small valid PNG (one grey pixel row per line) written to `path`."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


def calls(server: BlueskySandbox, nsid: str) -> list[int]:
    """The statuses of every request the server saw for one XRPC method."""
    return [status for _, path, status in server.request_log if path == f"/xrpc/{nsid}"]
