"""Small private files where a connector keeps what must outlive the process.

Bluesky sessions (logins are rate-limited, sessions are not) and X's OAuth 2.0 tokens
(the refresh token rotates on every use, so losing the newest one means logging in again)
live here, never in the database. A file holds tokens, so it is written 0600 and replaced
atomically: a crash mid-write leaves the previous file, not half of a new one. It also
names the server and handle it belongs to, because tokens from another server (or a
restarted sandbox) are worthless there, and those of another handle would post as the
wrong account. A lock beside it lets two processes (the daemon, `accounts verify`) agree
on who refreshes.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from connectors.base import ConnectorSettings


class StateFile:
    """One account's JSON state of one kind ("session", "x-oauth2"), or nothing without a
    state dir."""

    def __init__(self, settings: ConnectorSettings, kind: str) -> None:
        self._owner = {
            "server_url": settings.server_url.rstrip("/"),
            "handle": settings.handle.lower(),
        }
        self.path: Path | None = (
            settings.state_dir / f"{settings.account_name}.{kind}"
            if settings.state_dir is not None
            else None
        )

    def load(self) -> dict[str, Any] | None:
        """The saved fields for this server and handle, or None."""
        if self.path is None or not self.path.exists():
            return None
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(saved, dict) or any(saved.get(k) != v for k, v in self._owner.items()):
            return None
        return {k: v for k, v in saved.items() if k not in self._owner}

    def save(self, fields: dict[str, Any]) -> None:
        """Replace the file atomically, readable by the owner only."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            os.fchmod(descriptor, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(json.dumps({**self._owner, **fields}))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def forget(self) -> None:
        """Drop state the server refused, so the next run starts afresh."""
        if self.path is not None:
            self.path.unlink(missing_ok=True)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the file's lock (across processes) for a read-refresh-write."""
        if self.path is None:
            yield
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(
            self.path.with_name(self.path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600
        )
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            os.close(descriptor)
