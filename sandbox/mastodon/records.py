"""The Mastodon sandbox's in-memory records and their API JSON shapes.

Shapes follow the Mastodon 4.3 entities (Account, Status, MediaAttachment, Instance):
ids are strings, times are ISO 8601 with milliseconds and a Z, absent values are null,
so that Mastodon.py parses the sandbox's answers exactly as it parses a real instance's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sandbox.mastodon.text import CHARACTERS_RESERVED_PER_URL, to_html

MAX_MEDIA_ATTACHMENTS = 4
DESCRIPTION_LIMIT = 1500
IMAGE_MIME_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/avif")
ACCOUNTS_CONFIGURATION = {"max_featured_tags": 10, "max_pinned_statuses": 5}
MEDIA_CONFIGURATION = {
    "supported_mime_types": list(IMAGE_MIME_TYPES),
    "image_size_limit": 16777216,
    "image_matrix_limit": 33177600,
    "video_size_limit": 103809024,
    "video_frame_rate_limit": 120,
    "video_matrix_limit": 8294400,
}
POLLS_CONFIGURATION = {
    "max_options": 4,
    "max_characters_per_option": 50,
    "min_expiration": 300,
    "max_expiration": 2629746,
}


def iso(moment: datetime) -> str:
    """Mastodon's timestamp format: UTC with milliseconds, e.g. 2026-11-24T16:00:00.000Z."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def snowflake(moment: datetime, sequence: int) -> str:
    """A Mastodon-style id: milliseconds since the epoch shifted 16 bits, plus a sequence.

    Ids therefore sort like creation times, which is what `max_id`/`since_id` rely on.
    """
    return str((int(moment.timestamp() * 1000) << 16) | (sequence & 0xFFFF))


@dataclass
class Account:
    """One account of the sandbox instance (ours, or an audience member's)."""

    id: str
    username: str
    display_name: str
    created_at: datetime
    followers_count: int = 0


@dataclass
class Media:
    """An uploaded attachment; processing finishes on the `polls_left`-th GET."""

    id: str
    account_id: str
    mime_type: str
    description: str | None
    polls_left: int
    status_id: str | None = None

    @property
    def processed(self) -> bool:
        return self.polls_left <= 0


@dataclass
class Status:
    """One status, as stored (the source text, not the rendered HTML)."""

    id: str
    account_id: str
    text: str
    created_at: datetime
    language: str | None
    in_reply_to_id: str | None = None
    in_reply_to_account_id: str | None = None
    media_ids: list[str] = field(default_factory=list)
    spoiler_text: str = ""
    """The content warning shown instead of the text until a reader opens it."""
    from_api: bool = True
    """False for audience replies, which get no audience of their own."""
    tags: list[str] = field(default_factory=list)
    """Hashtags in the text, as written (a tag timeline matches them case-insensitively)."""
    mention_names: list[str] = field(default_factory=list)
    """Usernames the text mentions (resolved when read: the account may come later)."""
    quote_id: str | None = None
    """The status this one quotes (Mastodon 4.5 quote posts)."""
    reblogs: int = 0
    """Boosts by the audience (its own posts carry a fixed count)."""
    poll: Poll | None = None


@dataclass
class Poll:
    """A poll attached to a status; its votes come from the audience (or stay 0)."""

    id: str
    options: tuple[str, ...]
    created_at: datetime
    expires_at: datetime
    multiple: bool
    hide_totals: bool = False


def poll_json(
    poll: Poll, *, votes: tuple[int, ...], voters: int, now: datetime
) -> dict[str, Any]:
    """The Poll entity (Mastodon 4.3): totals hidden until expiry when `hide_totals`."""
    expired = now >= poll.expires_at
    hidden = poll.hide_totals and not expired
    return {
        "id": poll.id,
        "expires_at": iso(poll.expires_at),
        "expired": expired,
        "multiple": poll.multiple,
        "votes_count": sum(votes),
        "voters_count": voters if poll.multiple else sum(votes),
        "options": [
            {"title": title, "votes_count": None if hidden else count}
            for title, count in zip(poll.options, votes, strict=True)
        ],
        "emojis": [],
        "voted": False,
        "own_votes": [],
    }


def account_json(account: Account, domain: str, statuses_count: int) -> dict[str, Any]:
    """The Account entity."""
    profile = f"https://{domain}/@{account.username}"
    return {
        "id": account.id,
        "username": account.username,
        "acct": account.username,
        "display_name": account.display_name,
        "locked": False,
        "bot": False,
        "discoverable": True,
        "indexable": True,
        "group": False,
        "created_at": iso(account.created_at.replace(hour=0, minute=0, second=0, microsecond=0)),
        "note": "",
        "url": profile,
        "uri": f"https://{domain}/users/{account.username}",
        "avatar": f"https://{domain}/avatars/original/missing.png",
        "avatar_static": f"https://{domain}/avatars/original/missing.png",
        "header": f"https://{domain}/headers/original/missing.png",
        "header_static": f"https://{domain}/headers/original/missing.png",
        "followers_count": account.followers_count,
        "following_count": 0,
        "statuses_count": statuses_count,
        "last_status_at": None,
        "hide_collections": None,
        "noindex": False,
        "attribution_domains": [],
        "moved": None,
        "suspended": None,
        "limited": None,
        "emojis": [],
        "roles": [],
        "fields": [],
    }


def credential_account_json(account: Account, domain: str, statuses_count: int) -> dict[str, Any]:
    """The CredentialAccount entity verify_credentials answers: an Account plus `source`."""
    return {
        **account_json(account, domain, statuses_count),
        "source": {
            "privacy": "public",
            "sensitive": False,
            "language": "de",
            "note": "",
            "fields": [],
            "follow_requests_count": 0,
            "hide_collections": None,
            "discoverable": True,
            "indexable": True,
        },
        "role": {
            "id": "-99",
            "name": "",
            "permissions": "65536",
            "color": "",
            "highlighted": False,
        },
    }


MEDIA_FILES = "/system/media_attachments/files"


def media_json(media: Media, files: str) -> dict[str, Any]:
    """The MediaAttachment entity; `url` is null until processing finished. `files` is the
    origin that serves the files (on a real instance often a host of its own)."""
    base = f"{files}{MEDIA_FILES}/{media.id}"
    return {
        "id": media.id,
        "type": "image",
        "url": f"{base}/original/image.png" if media.processed else None,
        "preview_url": f"{base}/small/image.png",
        "remote_url": None,
        "preview_remote_url": None,
        "text_url": None,
        "meta": {"original": {"width": 1, "height": 1, "size": "1x1", "aspect": 1.0}}
        if media.processed
        else {},
        "description": media.description,
        "blurhash": None,
    }


def instance_v2_json(domain: str, max_characters: int, version: str) -> dict[str, Any]:
    """The Instance entity of /api/v2/instance."""
    return {
        "domain": domain,
        "title": "Leuchtturm Sandbox",
        "version": version,
        "source_url": "https://github.com/mastodon/mastodon",
        "description": "A local stand-in for a Mastodon instance.",
        "usage": {"users": {"active_month": 0}},
        "thumbnail": {"url": f"https://{domain}/packs/media/images/preview.png"},
        "icon": [],
        "languages": ["de", "en"],
        "configuration": {
            "urls": {"streaming": f"wss://{domain}", "status": None},
            "vapid": {"public_key": ""},
            "accounts": ACCOUNTS_CONFIGURATION,
            "statuses": _statuses_configuration(max_characters),
            "media_attachments": {**MEDIA_CONFIGURATION, "description_limit": DESCRIPTION_LIMIT},
            "polls": POLLS_CONFIGURATION,
            "translation": {"enabled": False},
        },
        "registrations": {"enabled": False, "approval_required": False, "message": None},
        "api_versions": {"mastodon": 2},
        "contact": {"email": f"admin@{domain}", "account": None},
        "rules": [],
    }


def instance_v1_json(domain: str, max_characters: int, version: str) -> dict[str, Any]:
    """The deprecated V1::Instance entity, which older clients still read."""
    return {
        "uri": domain,
        "title": "Leuchtturm Sandbox",
        "short_description": "A local stand-in for a Mastodon instance.",
        "description": "A local stand-in for a Mastodon instance.",
        "email": f"admin@{domain}",
        "version": version,
        "urls": {"streaming_api": f"wss://{domain}"},
        "stats": {"user_count": 0, "status_count": 0, "domain_count": 0},
        "thumbnail": f"https://{domain}/packs/media/images/preview.png",
        "languages": ["de", "en"],
        "registrations": False,
        "approval_required": False,
        "invites_enabled": False,
        "configuration": {
            "accounts": ACCOUNTS_CONFIGURATION,
            "statuses": _statuses_configuration(max_characters),
            "media_attachments": MEDIA_CONFIGURATION,
            "polls": POLLS_CONFIGURATION,
        },
        "contact_account": None,
        "rules": [],
    }


def _statuses_configuration(max_characters: int) -> dict[str, int]:
    return {
        "max_characters": max_characters,
        "max_media_attachments": MAX_MEDIA_ATTACHMENTS,
        "characters_reserved_per_url": CHARACTERS_RESERVED_PER_URL,
    }


def status_json(
    status: Status,
    *,
    account: dict[str, Any],
    media: list[dict[str, Any]],
    counts: tuple[int, int, int],
    domain: str,
    username: str,
    mentions: list[dict[str, Any]] | None = None,
    quoted: dict[str, Any] | None = None,
    poll: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The Status entity; `counts` are (replies, reblogs, favourites); `quoted` the quoted
    status's entity (a Quote with state "accepted")."""
    replies, reblogs, favourites = counts
    return {
        "id": status.id,
        "created_at": iso(status.created_at),
        "in_reply_to_id": status.in_reply_to_id,
        "in_reply_to_account_id": status.in_reply_to_account_id,
        "sensitive": bool(status.spoiler_text),
        "spoiler_text": status.spoiler_text,
        "visibility": "public",
        "language": status.language,
        "uri": f"https://{domain}/users/{username}/statuses/{status.id}",
        "url": f"https://{domain}/@{username}/{status.id}",
        "replies_count": replies,
        "reblogs_count": reblogs,
        "favourites_count": favourites,
        "edited_at": None,
        "favourited": False,
        "reblogged": False,
        "muted": False,
        "bookmarked": False,
        "pinned": False,
        "content": to_html(status.text),
        "filtered": [],
        "reblog": None,
        "application": {"name": "Leuchtturm", "website": None},
        "account": account,
        "media_attachments": media,
        "mentions": mentions or [],
        "tags": [
            {"name": tag.lower(), "url": f"https://{domain}/tags/{tag.lower()}"}
            for tag in status.tags
        ],
        "emojis": [],
        "card": None,
        "poll": poll,
        "quote": {"state": "accepted", "quoted_status": quoted} if quoted else None,
        "quote_approval_policy": "public",
    }
