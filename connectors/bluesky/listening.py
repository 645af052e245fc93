"""Reading what Bluesky says about us: post search and mention/quote notifications.

Both lists come newest first and page back in time with an opaque cursor, so the marker
keeps where the last complete read ended (`since`, with the posts seen at that instant:
the search's `since` is inclusive) and, when a round stopped before reaching it, the
cursor to go on from. A later round finishes that walk first, so a busy hour leaves no gap.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from connectors.base import HeardMedia, HeardPost, HeardVia

LISTEN_PAGES = 10
"""Pages one call reads at most; the account's lane waits while it runs."""
PAGE_LIMIT = 100


@dataclass
class Marker:
    """Where listening stands for one (account, query); stored as JSON by the caller."""

    since: str | None = None
    """The newest post time of the last complete walk (ISO 8601)."""
    seen: list[str] = field(default_factory=list)
    """The posts at exactly `since`, already read."""
    resume: str | None = None
    """The cursor of an unfinished walk back to `since`."""
    newest: str | None = None
    newest_seen: list[str] = field(default_factory=list)
    """The newest time (and its posts) of the unfinished walk: `since` once it is done."""

    @classmethod
    def parse(cls, text: str | None) -> Marker:
        return cls(**json.loads(text)) if text else cls()

    def dump(self) -> str:
        return json.dumps(self.__dict__, separators=(",", ":"))


@dataclass(frozen=True)
class Walked:
    """Items of one walk, oldest first, with the new marker and how many were read."""

    items: list[Any]
    marker: str
    reads: int


def walk_back(
    fetch: Callable[[str | None, int], tuple[list[Any], str | None]],
    identity: Callable[[Any], tuple[str, str]],
    marker_text: str | None,
    first_since: datetime,
    limit: int | None,
) -> Walked:
    """Page back from the newest (or the marker's resume cursor) to the marker's `since`.

    `fetch(cursor, size)` returns a page and the next cursor; `identity(item)` the item's
    (time as the platform wrote it, uri). Times are compared as times, not as text.
    """
    marker = Marker.parse(marker_text)
    floor = parse_timestamp(marker_since(marker_text, first_since))
    cursor = marker.resume
    newest, newest_seen = (marker.newest, list(marker.newest_seen)) if cursor else (None, [])
    found: list[Any] = []
    reads, done = 0, False
    size = PAGE_LIMIT if limit is None else max(1, min(PAGE_LIMIT, limit))
    for _ in range(LISTEN_PAGES):
        items, cursor = fetch(cursor, size)
        reads += len(items)
        for item in items:
            written, uri = identity(item)
            at = parse_timestamp(written)
            if newest is None or at > parse_timestamp(newest):
                newest, newest_seen = _iso(at), [uri]
            elif at == parse_timestamp(newest) and uri not in newest_seen:
                newest_seen.append(uri)
            if at < floor or (at == floor and uri in marker.seen):
                done = True
                break
            found.append(item)
        if done or cursor is None or not items:
            done = True
            break
        if limit is not None and reads >= limit:
            break
    if not done:
        new = Marker(marker.since, marker.seen, cursor, newest, newest_seen)
    elif newest is not None and (marker.since is None or parse_timestamp(newest) > floor):
        new = Marker(since=newest, seen=newest_seen)
    elif newest is not None and parse_timestamp(newest) == floor:
        new = Marker(since=marker.since, seen=sorted({*marker.seen, *newest_seen}))
    else:
        new = Marker(since=marker.since, seen=marker.seen)
    found.reverse()
    return Walked(found, new.dump(), reads)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def heard_post(view: Any, via: HeardVia, web_url: str) -> HeardPost:
    """A post view (search) or a notification (its `record` and `author`) as listening
    stores it; `quoted_id` is the uri of the post it quotes."""
    record = view.record
    embed = getattr(view, "embed", None)
    quoted = _quoted_uri(getattr(record, "embed", None)) or _quoted_uri(embed)
    langs = getattr(record, "langs", None) or []
    reply = getattr(record, "reply", None)
    return HeardPost(
        remote_id=view.uri,
        url=web_url,
        via=via,
        author_handle=view.author.handle,
        author_name=view.author.display_name or view.author.handle,
        text=record.text,
        created_at=parse_timestamp(record.created_at),
        language=langs[0] if langs else None,
        in_reply_to_id=reply.parent.uri if reply else "",
        quoted_id=quoted,
        cid=view.cid,
        reposts=getattr(view, "repost_count", None) or 0,
        media=tuple(_images(embed)),
    )


def _quoted_uri(embed: Any) -> str | None:
    kind = getattr(embed, "py_type", "") or ""
    if kind.startswith("app.bsky.embed.record"):
        return getattr(embed.record, "uri", None)
    return None


def _images(embed: Any) -> Iterable[HeardMedia]:
    if (getattr(embed, "py_type", "") or "") == "app.bsky.embed.images#view":
        for image in embed.images:
            yield HeardMedia(image.fullsize, image.alt or "")


def parse_timestamp(value: str) -> datetime:
    """An AT Protocol datetime as an aware UTC time (a missing zone is read as UTC)."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def marker_since(marker_text: str | None, first_since: datetime) -> str:
    """The `since` a search sends: the marker's, else the first read's lookback."""
    return Marker.parse(marker_text).since or _iso(first_since)
