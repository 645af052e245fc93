"""One reader of the database for all open walls, and a change signal they wait on.

The moderators work in other processes (TUI, CLI), so the wall cannot be told of a change:
it looks. Every `poll_seconds` it reads a cheap change marker (two indexed maxima); when
that moves, or every `refresh_seconds` anyway (a post-moderation delay runs out, a reply
is classified, the hour moves on), it reads the whole state once. Only a state that
differs from the last one reaches the walls, each as the full state, so a wall that
reconnects, or missed one, is never out of step.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import anyio
import anyio.to_thread

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    """One state the walls show, numbered so that a client sees each at most once."""

    version: int
    payload: str


class WallFeed:
    """Reads in a worker thread (the database calls block) and wakes every waiting wall."""

    def __init__(
        self,
        read_state: Callable[[], dict[str, object]],
        read_marker: Callable[[], object],
        *,
        poll_seconds: float = 0.5,
        refresh_seconds: float = 2.0,
    ) -> None:
        self._read_state = read_state
        self._read_marker = read_marker
        self.poll_seconds = poll_seconds
        self.refresh_seconds = refresh_seconds
        self.current = Snapshot(0, "")
        self._changed = anyio.Event()
        self._marker: object = None
        self._refreshed_at = 0.0

    async def refresh(self, *, force: bool = False) -> None:
        """Read the marker, and the state if the marker moved or it is time to anyway."""
        marker = await anyio.to_thread.run_sync(self._read_marker)
        due = time.monotonic() - self._refreshed_at >= self.refresh_seconds
        if not (force or due or marker != self._marker):
            return
        state = await anyio.to_thread.run_sync(self._read_state)
        self._marker, self._refreshed_at = marker, time.monotonic()
        payload = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
        if payload != self.current.payload:
            self.current = Snapshot(self.current.version + 1, payload)
            self._changed.set()
            self._changed = anyio.Event()

    async def run(self) -> None:
        """Poll until cancelled (the server's lifespan owns this task); the walls keep the
        last state while the database cannot be read."""
        while True:
            await anyio.sleep(self.poll_seconds)
            try:
                await self.refresh()
            except Exception:  # a database hiccup must not leave the walls frozen for good
                log.exception("wall: reading the database failed; trying again")

    async def snapshots(self) -> AsyncIterator[Snapshot]:
        """The current state at once, then each new one as it comes."""
        seen = 0
        while True:
            snapshot = self.current
            if snapshot.version != seen:
                seen = snapshot.version
                yield snapshot
                continue
            await self._changed.wait()
