"""Record keys for app.bsky.feed.post: TIDs, and the deterministic one per delivery.

A post's record key is chosen by the client when it asks for one, so a delivery that
always asks for the same key can never create a second post: the PDS refuses a key that
exists. The key is TID-shaped (13 characters of base32-sortable, 64 bits: a zero bit, 53
bits of microseconds, 10 bits of clock id) because the post lexicon declares `key: tid`.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import regex as re

_SORTABLE_BASE32 = "234567abcdefghijklmnopqrstuvwxyz"
_TID_PATTERN = re.compile(r"[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}")
_RECORD_KEY_PATTERN = re.compile(r"[A-Za-z0-9._:~-]{1,512}")
_DERIVED_EPOCH = datetime(2023, 1, 1, tzinfo=UTC)
_DERIVED_SPAN_BITS = 45
"""Derived timestamps fall in about 400 days after 2023-01-01: plausible, never future."""


def encode_tid(microseconds: int, clock_id: int) -> str:
    """The TID for a timestamp (microseconds since the Unix epoch) and a 10-bit clock id."""
    value = ((microseconds & ((1 << 53) - 1)) << 10) | (clock_id & 0x3FF)
    return "".join(_SORTABLE_BASE32[(value >> shift) & 31] for shift in range(60, -5, -5))


def tid_for(moment: datetime, clock_id: int = 0) -> str:
    """The TID of an aware datetime."""
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    return encode_tid((moment - epoch) // timedelta(microseconds=1), clock_id)


def record_key_for(idempotency_key: str) -> str:
    """The post record key of a delivery: the same key always yields the same TID."""
    digest = int.from_bytes(hashlib.sha256(idempotency_key.encode("utf-8")).digest()[:8], "big")
    offset = digest >> (64 - _DERIVED_SPAN_BITS)
    epoch_us = int(_DERIVED_EPOCH.timestamp()) * 1_000_000
    return encode_tid(epoch_us + offset, digest & 0x3FF)


def is_tid(value: str) -> bool:
    """Whether `value` is TID-shaped."""
    return _TID_PATTERN.fullmatch(value) is not None


def is_record_key(value: str) -> bool:
    """Whether `value` passes atproto's record-key syntax ("." and ".." are reserved)."""
    return value not in (".", "..") and _RECORD_KEY_PATTERN.fullmatch(value) is not None
