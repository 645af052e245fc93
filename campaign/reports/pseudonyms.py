"""Stable pseudonyms for reply authors, so a report can say "the same person wrote 5 times"
without naming anyone.

A keyed HMAC (not a plain hash) because handles are few and guessable: without the key,
nobody can hash a list of known handles and match them. The key lives in a file beside the
user's data, never in the database or in a report.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_BYTES = 32
PREFIX = "Person-"


class Pseudonymiser:
    """Maps a handle to `Person-xxxxxxxx`, the same handle always to the same pseudonym."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("a pseudonym key needs at least 16 bytes")
        self._key = key

    def __call__(self, handle: str) -> str:
        digest = hmac.new(self._key, handle.strip().lower().encode(), hashlib.sha256)
        return PREFIX + digest.hexdigest()[:10]


def load_or_create_key(path: Path) -> bytes:
    """The key in `path`; created (readable by the owner only) on first use."""
    if path.is_file():
        return path.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key)
    return key
