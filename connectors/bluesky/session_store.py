"""Where a Bluesky session survives between runs: logins are rate-limited, sessions are not.

createSession is limited per handle (30 in 5 minutes, 300 a day), so the connector logs in
with the app password once and then reuses and refreshes the session, kept in the
account's private state file (see `connectors.state_file`).
"""

from __future__ import annotations

from pathlib import Path

from connectors.base import ConnectorSettings
from connectors.state_file import StateFile


class SessionStore:
    """The persisted session string of one account, or nothing when no state dir is set."""

    def __init__(self, settings: ConnectorSettings) -> None:
        self._file = StateFile(settings, "session")

    @property
    def path(self) -> Path | None:
        """Where the session is kept."""
        return self._file.path

    def load(self) -> str | None:
        """The saved session string for this server, or None."""
        session = (self._file.load() or {}).get("session")
        return session if isinstance(session, str) and session else None

    def save(self, session_string: str) -> None:
        """Write the session, readable by the owner only."""
        self._file.save({"session": session_string})

    def forget(self) -> None:
        """Drop a session the server refused, so the next run logs in afresh."""
        self._file.forget()
