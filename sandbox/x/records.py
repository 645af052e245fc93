"""The sandbox's X objects, and how X numbers, links and timestamps them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

import regex as re

TWITTER_EPOCH_MS = 1288834974657
URL_PATTERN = re.compile(r"https?://[^\s]+")


@dataclass
class XUser:
    """An account on the sandbox: ours or an audience member's."""

    id: str
    username: str
    name: str
    followers: int = 0


@dataclass
class XTweet:
    """A stored tweet; `text` is what X shows (links rewritten to t.co)."""

    id: str
    text: str
    submitted_text: str
    author_id: str
    created_at: datetime
    conversation_id: str
    replied_to_id: str | None = None
    in_reply_to_user_id: str | None = None
    media_keys: tuple[str, ...] = ()
    lang: str = "de"
    quoted_id: str | None = None
    retweeted_id: str | None = None
    """A retweet: X lists it as a tweet "RT @author: …" referencing the original."""
    poll: XPoll | None = None


@dataclass
class XPoll:
    """A poll attached to one of our tweets; its votes come from the audience (or stay 0)."""

    id: str
    options: tuple[str, ...]
    created_at: datetime
    duration_minutes: int


@dataclass
class XMedia:
    """An uploaded image; only its owner may attach it."""

    id: str
    media_key: str
    mime_type: str
    size: int
    owner_id: str
    alt_text: str | None = None


@dataclass
class RateWindow:
    """One user token's use of one endpoint in the current 15-minute window."""

    limit: int
    reset_at: datetime
    used: int = 0

    def headers(self) -> dict[str, str]:
        """X's rate-limit headers; the reset is Unix seconds."""
        return {
            "x-rate-limit-limit": str(self.limit),
            "x-rate-limit-remaining": str(max(self.limit - self.used, 0)),
            "x-rate-limit-reset": str(int(self.reset_at.timestamp())),
        }


def snowflake(at: datetime, sequence: int) -> str:
    """An id like X's: milliseconds since X's epoch, then 22 bits of sequence."""
    millis = int(at.timestamp() * 1000) - TWITTER_EPOCH_MS
    return str((millis << 22) | (sequence & 0x3FFFFF))


def shorten_links(text: str) -> str:
    """X shows every link as a 23-character t.co URL; the code is stable per link."""

    def shorten(match: re.Match[str]) -> str:
        code = hashlib.sha256(match.group(0).encode()).hexdigest()[:10]
        return f"https://t.co/{code}"

    return URL_PATTERN.sub(shorten, text)


def format_time(moment: datetime) -> str:
    """X's timestamp format: ISO 8601 in UTC with milliseconds and a Z."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
