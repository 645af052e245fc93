"""The Bluesky sandbox's listening endpoints: post search and mention/quote notifications.

Written from the lexicons `app.bsky.feed.searchPosts` (q, tag, since inclusive, sort latest,
limit 1-100, an opaque cursor that pages back in time) and
`app.bsky.notification.listNotifications` (reasons, cursor, newest first). The audience's
own posts become records here: hashtags and mentions as rich-text facets with UTF-8 byte
offsets, quotes as `app.bsky.embed.record`, photos as `app.bsky.embed.images` with alt text.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sandbox.bluesky.syntax import app_timestamp, tid
from sandbox.server import SandboxRequest, SandboxResponse, route, search_terms

if TYPE_CHECKING:
    from sandbox.bluesky_server import BlueskySandbox, StoredRecord

POST_COLLECTION = "app.bsky.feed.post"
DEFAULT_LIMIT = 25
MAX_LIMIT = 100


def byte_span(text: str, part: str) -> dict[str, int]:
    """The UTF-8 byte offsets of the first `part` in `text`, as facets index them."""
    start = len(text[: text.index(part)].encode("utf-8"))
    return {"byteStart": start, "byteEnd": start + len(part.encode("utf-8"))}


def record_tags(value: dict[str, Any]) -> set[str]:
    """A record's hashtags (facets and the `tags` field), lower-cased."""
    tags = {str(tag).lower() for tag in value.get("tags") or []}
    for facet in value.get("facets") or []:
        for feature in facet.get("features") or []:
            if feature.get("$type") == "app.bsky.richtext.facet#tag":
                tags.add(str(feature.get("tag", "")).lower())
    return tags


def record_mentions(value: dict[str, Any]) -> set[str]:
    """The DIDs a record's mention facets name."""
    return {
        str(feature.get("did"))
        for facet in value.get("facets") or []
        for feature in facet.get("features") or []
        if feature.get("$type") == "app.bsky.richtext.facet#mention"
    }


def quoted_uri(value: dict[str, Any]) -> str | None:
    """The post a record quotes, if it embeds one."""
    embed = value.get("embed") or {}
    if embed.get("$type") == "app.bsky.embed.record":
        return (embed.get("record") or {}).get("uri")
    return None


def _cursor(record: StoredRecord) -> str:
    position = f"{app_timestamp(record.created_at)}|{record.uri}"
    return base64.urlsafe_b64encode(position.encode()).decode()


def _after_cursor(cursor: str | None) -> Callable[[StoredRecord], bool]:
    """Whether a record comes after the cursor's (older, or as old with a smaller uri)."""
    if not cursor:
        return lambda record: True
    moment, _, uri = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
    return lambda record: (app_timestamp(record.created_at), record.uri) < (moment, uri)


def _since(value: str | None) -> datetime | None:
    """`since`: a datetime or a bare date (YYYY-MM-DD), inclusive."""
    from sandbox.bluesky_server import invalid_request

    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise invalid_request(f"since must be a datetime or a date, got {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _limit(request: SandboxRequest) -> int:
    from sandbox.bluesky_server import invalid_request

    text = request.param("limit") or str(DEFAULT_LIMIT)
    if not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
        raise invalid_request(f"limit must be an integer from 1 to {MAX_LIMIT}")
    return int(text)


class ListeningEndpoints:
    """Mixed into `BlueskySandbox`: search, notifications, the audience's own posts."""

    def _materialise_public(self: BlueskySandbox) -> None:
        """The audience's own posts up to now, as records of their authors' repositories."""
        from sandbox.bluesky_server import bluesky_handle

        if self.audience is None:
            return
        due = self.audience.public_count(self.clock() - self.public_started)
        ours = bluesky_handle(self.audience.mention_handle)
        while self.public_done < due:
            post = self.audience.public_post(self.public_done)
            self.public_done += 1
            moment = self.public_started + post.at
            author = self.account_for(bluesky_handle(post.author_handle), post.author_name)
            author.simulated = True
            text = post.text.replace(f"@{self.audience.mention_handle}", f"@{ours}")
            facets = []
            if post.tag:
                facets.append(
                    {
                        "index": byte_span(text, f"#{post.tag}"),
                        "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": post.tag}],
                    }
                )
            if post.mentions and f"@{ours}" in text:
                mentioned = self.account_for(ours)
                facets.append(
                    {
                        "index": byte_span(text, f"@{ours}"),
                        "features": [
                            {"$type": "app.bsky.richtext.facet#mention", "did": mentioned.did}
                        ],
                    }
                )
            value: dict[str, Any] = {
                "$type": POST_COLLECTION,
                "text": text,
                "createdAt": app_timestamp(moment),
                "langs": [post.language],
            }
            if facets:
                value["facets"] = facets
            own = [r for r in self.records.values() if not self.accounts[r.author_did].simulated]
            if post.quotes and own:
                quoted = max(own, key=lambda record: record.created_at)
                value["embed"] = {
                    "$type": "app.bsky.embed.record",
                    "record": {"uri": quoted.uri, "cid": quoted.cid},
                }
            elif post.image:
                link = "bafkrei" + hashlib.sha256(post.key.encode()).hexdigest()[:52]
                value["embed"] = {
                    "$type": "app.bsky.embed.images",
                    "images": [
                        {
                            "alt": "Foto: der Container der Aktionswoche auf dem Friedensplatz",
                            "image": {
                                "$type": "blob",
                                "ref": {"$link": link},
                                "mimeType": "image/jpeg",
                                "size": 48213,
                            },
                        }
                    ],
                }
            rkey = tid(moment, post.number & 0x3FF)
            stored = self._store(f"at://{author.did}/{POST_COLLECTION}/{rkey}", author, value)
            stored.indexed_at = moment
            self.public_reposts[stored.uri] = post.reposts

    @route("GET", r"/xrpc/app\.bsky\.feed\.searchPosts")
    def search_posts(self: BlueskySandbox, request: SandboxRequest) -> SandboxResponse:
        from sandbox.bluesky_server import invalid_request

        self._session_account(request)
        query = (request.param("q") or "").strip()
        if not query:
            raise invalid_request('Params must have the property "q"')
        if (request.param("sort") or "latest") not in ("latest", "top"):
            raise invalid_request('sort must be "top" or "latest"')
        limit = _limit(request)
        since = _since(request.param("since"))
        tags = [tag.lower() for tag in request.params("tag")]
        terms = search_terms(query)
        after = _after_cursor(request.param("cursor"))
        with self.lock:
            self._materialise_audience()
            hits = [
                record
                for record in self.records.values()
                if (since is None or record.created_at >= since)
                and all(tag in record_tags(record.value) for tag in tags)
                and all(self._matches(record, term) for term in terms)
                and after(record)
            ]
            hits.sort(key=lambda record: (app_timestamp(record.created_at), record.uri))
            page = list(reversed(hits))[:limit]
            body: dict[str, Any] = {"posts": [self._post_view(record) for record in page]}
        if len(hits) > limit:
            body["cursor"] = _cursor(page[-1])
        return SandboxResponse.json(body)

    @staticmethod
    def _matches(record: StoredRecord, term: str) -> bool:
        if term.startswith("#"):
            return term[1:] in record_tags(record.value)
        return term in str(record.value.get("text", "")).lower()

    @route("GET", r"/xrpc/app\.bsky\.notification\.listNotifications")
    def list_notifications(self: BlueskySandbox, request: SandboxRequest) -> SandboxResponse:
        me = self._session_account(request)
        reasons = request.params("reasons") or ["mention", "quote", "reply"]
        limit = _limit(request)
        after = _after_cursor(request.param("cursor"))
        with self.lock:
            self._materialise_audience()
            found: list[tuple[str, StoredRecord, str | None]] = []
            for record in self.records.values():
                if record.author_did == me.did or not after(record):
                    continue
                quoted = quoted_uri(record.value)
                parent = self.records.get(record.parent_uri or "")
                if quoted and quoted.startswith(f"at://{me.did}/") and "quote" in reasons:
                    found.append(("quote", record, quoted))
                elif me.did in record_mentions(record.value) and "mention" in reasons:
                    found.append(("mention", record, None))
                elif parent is not None and parent.author_did == me.did and "reply" in reasons:
                    found.append(("reply", record, parent.uri))
            found.sort(key=lambda item: (app_timestamp(item[1].created_at), item[1].uri))
            page = list(reversed(found))[:limit]
            body: dict[str, Any] = {
                "notifications": [
                    self._notification(reason, record, subject) for reason, record, subject in page
                ]
            }
        if len(found) > limit:
            body["cursor"] = _cursor(page[-1][1])
        return SandboxResponse.json(body)

    def _notification(
        self: BlueskySandbox, reason: str, record: StoredRecord, subject: str | None
    ) -> dict[str, Any]:
        author = self.accounts[record.author_did]
        notification: dict[str, Any] = {
            "uri": record.uri,
            "cid": record.cid,
            "author": {
                "did": author.did,
                "handle": author.handle,
                "displayName": author.display_name,
                "labels": [],
            },
            "reason": reason,
            "record": record.value,
            "isRead": False,
            "indexedAt": app_timestamp(record.indexed_at),
            "labels": [],
        }
        if subject is not None:
            notification["reasonSubject"] = subject
        return notification
