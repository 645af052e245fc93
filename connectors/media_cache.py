"""Media uploaded once per delivery: the platform's media id kept until it expires.

A delivery retried after a rate limit, an outage or a crash must not upload its images
again (each upload costs quota, and on Mastodon another round of processing). The ids
are kept per delivery (its idempotency key), image (its bytes and alt text) and account,
in memory and, where the account has a state dir, in its private state file, so a
restarted daemon finds them too. Each id is kept only as long as the platform keeps an
unattached upload.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from connectors.base import ConnectorSettings, MediaItem
from connectors.state_file import StateFile


class MediaCache:
    """What this account already uploaded, by delivery and image."""

    def __init__(self, settings: ConnectorSettings, clock: Callable[[], datetime]) -> None:
        self._file = StateFile(settings, "media")
        self._clock = clock
        self._entries: dict[str, dict[str, Any]] = dict((self._file.load() or {}).get("media", {}))

    @staticmethod
    def key(delivery_key: str, item: MediaItem, data: bytes) -> str:
        """One upload's identity: the delivery, the image's bytes, type and alt text."""
        digest = hashlib.sha256(data).hexdigest()
        return hashlib.sha256(
            f"{delivery_key}\n{digest}\n{item.mime_type}\n{item.alt_text}".encode()
        ).hexdigest()

    def get(self, key: str) -> Any | None:
        """The platform's id (or reference) of an upload that has not expired yet."""
        entry = self._entries.get(key)
        if entry is None or datetime.fromisoformat(entry["expires_at"]) <= self._clock():
            return None
        return entry["value"]

    def put(self, key: str, value: Any, lifetime: timedelta) -> None:
        """Keep an upload's id (JSON-serialisable) until the platform drops it."""
        now = self._clock()
        self._entries = {
            k: e for k, e in self._entries.items() if datetime.fromisoformat(e["expires_at"]) > now
        }
        self._entries[key] = {"value": value, "expires_at": (now + lifetime).isoformat()}
        self._file.save({"media": self._entries})
