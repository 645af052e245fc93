"""atproto's identifier and datetime syntax, as its specifications state them.

Written from atproto.com/specs (tid, record-key, lexicon "datetime") and the post lexicon
(`app.bsky.feed.post` declares `"key": "tid"`), independently of `connectors/`: the
connector derives its record keys and timestamps on its own, and this side checks them.

- A TID is a 64-bit integer, big-endian: the top bit is 0, then 53 bits of microseconds
  since the Unix epoch, then a 10-bit clock identifier; it is written as 13 characters of
  "base32-sortable" (the alphabet 234567abcdefghijklmnopqrstuvwxyz, 5 bits each, so the
  first character carries the top 4 bits and can only be one of 234567abcdefghij).
- A record key is 1 to 512 characters of A-Z a-z 0-9 . - _ : ~, except "." and "..".
- A datetime is RFC 3339 with an upper-case "T" and a time zone ("Z" or ±hh:mm, never
  -00:00); Bluesky's apps write UTC with milliseconds and "Z".
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

BASE32_SORTABLE = "234567abcdefghijklmnopqrstuvwxyz"
TID_LENGTH = 13
_TID = re.compile(r"[2-7a-j][2-7a-z]{12}")
_RECORD_KEY = re.compile(r"[A-Za-z0-9.\-_:~]{1,512}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def tid(moment: datetime, clock_id: int = 0) -> str:
    """The TID of an aware datetime and a clock identifier (0–1023)."""
    micros = round(moment.timestamp() * 1_000_000) if moment.tzinfo else 0
    number = (micros % (1 << 53)) * 1024 + clock_id % 1024
    characters = []
    for _ in range(TID_LENGTH):
        number, digit = divmod(number, 32)
        characters.append(BASE32_SORTABLE[digit])
    return "".join(reversed(characters))


def tid_time(value: str) -> datetime:
    """The moment a TID encodes (its microseconds), for a well-formed TID."""
    number = 0
    for character in value:
        number = number * 32 + BASE32_SORTABLE.index(character)
    return datetime.fromtimestamp((number >> 10) / 1_000_000, UTC)


def is_tid(value: str) -> bool:
    """Whether `value` is TID syntax."""
    return _TID.fullmatch(value) is not None


def is_record_key(value: str) -> bool:
    """Whether `value` is record-key syntax."""
    return value not in (".", "..") and _RECORD_KEY.fullmatch(value) is not None


def is_datetime(value: str) -> bool:
    """Whether `value` passes the lexicon's datetime format (time zone required)."""
    return _DATETIME.fullmatch(value) is not None and not value.endswith("-00:00")


def app_timestamp(moment: datetime) -> str:
    """A datetime as Bluesky's apps write it: UTC, milliseconds, "Z"."""
    utc = moment.astimezone(UTC)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}Z"
