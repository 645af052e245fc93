"""What the platform modules have in common: clock, settings checks, fingerprints, transport.

One place for each rule that is not a platform's own: every connector stamps times with a
clock it is given, refuses settings it cannot use with the same words, recognises its own
posts by a fingerprint of their words, and tells a request that never left from one whose
answer was lost.
"""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import UTC, datetime

import regex as re
import requests
from urllib3.exceptions import NewConnectionError

from connectors.base import ConnectorSettings, OutgoingPost
from connectors.errors import ConfigurationError, Rejected

URL_PATTERN = re.compile(r"https?://\S+")


def utc_now() -> datetime:
    """The default clock of every connector."""
    return datetime.now(UTC)


def require_secret(settings: ConnectorSettings, what: str) -> None:
    """Refuse settings without a secret; `what` says which one the platform needs."""
    if not settings.secret:
        raise ConfigurationError(
            settings.platform,
            f"account {settings.account_name!r} has no {what}; set the environment variable "
            "its configuration names",
        )


def require_http_url(settings: ConnectorSettings, example: str) -> None:
    """Refuse a server URL that is not http(s); `example` is the platform's usual one."""
    if not settings.server_url.startswith(("http://", "https://")):
        raise ConfigurationError(
            settings.platform,
            f"account {settings.account_name!r}: server_url {settings.server_url!r} is not "
            f"an http(s) URL; use {example}",
        )


def require_media_fits(post: OutgoingPost, platform_name: str, allowed: int) -> None:
    """Refuse more images than the platform takes, before anything is uploaded."""
    attached = len(post.media)
    if attached > allowed:
        raise Rejected(
            platform_name.lower(),
            f"{attached} images attached; {platform_name} allows at most {allowed} per post: "
            f"remove {attached - allowed}",
        )


def content_fingerprint(text: str, reply_to_id: str | None = None) -> str:
    """A hash of what a post says, links left out, Unicode and spaces normalised.

    Platforms rewrite links (t.co, shortened display text), so links never count; the
    parent id keeps the same words in two threads apart. A platform that rewrites more
    (entities, mentions) undoes that before calling this.
    """
    normalised = URL_PATTERN.sub(" ", text)
    normalised = " ".join(unicodedata.normalize("NFC", normalised).split())
    return hashlib.sha256(f"{reply_to_id or ''}\n{normalised}".encode()).hexdigest()


def never_sent(error: BaseException | None) -> bool:
    """Whether a requests failure happened before the request left (refused, unresolvable,
    no connection in time), so that the platform cannot have acted on it."""
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return True
    if isinstance(error, requests.exceptions.ConnectionError) and error.args:
        return isinstance(getattr(error.args[0], "reason", None), NewConnectionError)
    return False
