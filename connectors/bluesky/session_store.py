"""Where a Bluesky session survives between runs: logins are rate-limited, sessions are not.

createSession is limited per handle (30 in 5 minutes, 300 a day), so the connector logs in
with the app password once and then reuses and refreshes the session. The file holds
tokens, so it is created with 0600 permissions; it also names the server and handle it
belongs to, because a session from another PDS (or a restarted sandbox) is worthless
there, and one for another handle would post as the wrong account.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from connectors.base import ConnectorSettings


class SessionStore:
    """The persisted session string of one account, or nothing when no state dir is set."""

    def __init__(self, settings: ConnectorSettings) -> None:
        self._owner = {
            "server_url": settings.server_url.rstrip("/"),
            "handle": settings.handle.lower(),
        }
        self.path: Path | None = (
            settings.state_dir / f"{settings.account_name}.session"
            if settings.state_dir is not None
            else None
        )

    def load(self) -> str | None:
        """The saved session string for this server, or None."""
        if self.path is None or not self.path.exists():
            return None
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(saved, dict) or any(saved.get(k) != v for k, v in self._owner.items()):
            return None
        session = saved.get("session")
        return session if isinstance(session, str) and session else None

    def save(self, session_string: str) -> None:
        """Write the session, readable by the owner only."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({**self._owner, "session": session_string})
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(payload)
        os.chmod(self.path, 0o600)

    def forget(self) -> None:
        """Drop a session the server refused, so the next run logs in afresh."""
        if self.path is not None:
            self.path.unlink(missing_ok=True)
