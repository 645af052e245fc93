"""The one interface every platform connector implements.

The dispatcher and collectors in `campaign/` only ever see these types, so adding a platform
means adding one module and one registry entry, never a branch in the daemon. Connectors
know HTTP and their platform; they know nothing of the database.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import ClassVar, Literal


@dataclass(frozen=True)
class ConnectorSettings:
    """What a connector needs to reach one account.

    `secret` (a token or app password) and `credentials` (several named ones, such as X's
    OAuth 1.0a keys) are resolved by the caller from the environment variables the
    configuration names; they are excluded from `repr` so that they cannot leak into logs
    or tracebacks. `auth` says how a platform with several ways to sign in is used (X:
    "oauth1", "oauth2", "token"). `state_dir` is where a connector may keep a session or
    rotating tokens (never the database).
    """

    platform: str
    account_name: str
    handle: str
    server_url: str
    secret: str = field(default="", repr=False)
    state_dir: Path | None = None
    timeout_s: float = 10.0
    credentials: Mapping[str, str] = field(default_factory=dict, repr=False)
    auth: str | None = None
    full_text_search: bool = False
    """Mastodon: the instance searches statuses by their words (optional there: it needs
    Elasticsearch). Without it keyword queries cannot be followed on that account."""


@dataclass(frozen=True)
class MediaItem:
    """An image to attach; alt text is mandatory for accessibility."""

    path: Path
    alt_text: str
    mime_type: str = "image/png"


@dataclass(frozen=True)
class Facet:
    """A rich-text span (Bluesky) with UTF-8 byte offsets, as computed by `content/`."""

    byte_start: int
    byte_end: int
    kind: Literal["link", "mention", "tag"]
    value: str


@dataclass(frozen=True)
class RemotePost:
    """Where a published post lives on its platform.

    `remote_id` is the status id (Mastodon), tweet id (X) or at:// URI (Bluesky); `cid` is
    the Bluesky content hash needed to reply to or quote a record.
    """

    remote_id: str
    url: str
    published_at: datetime
    cid: str | None = None
    poll_id: str | None = None
    """The poll the post carries (Mastodon's poll id, X's poll id), None without one."""


@dataclass(frozen=True)
class OutgoingPoll:
    """A poll to attach: its options, how long it runs, one answer or several."""

    options: tuple[str, ...]
    duration: timedelta
    multiple: bool = False


@dataclass(frozen=True)
class PollResult:
    """A poll's votes at one moment. `votes` per option in the post's order; `voters` is
    None where the platform does not say (X counts votes only); `closed` once it ended."""

    poll_id: str
    taken_at: datetime
    options: tuple[str, ...]
    votes: tuple[int, ...]
    ends_at: datetime | None
    closed: bool
    voters: int | None = None


@dataclass(frozen=True)
class OutgoingPost:
    """One rendered variant ready to publish.

    `idempotency_key` is stable per delivery: the connector derives the platform's own
    de-duplication from it (Mastodon's Idempotency-Key header, Bluesky's record key, X's
    content fingerprint search), so a retry after an unknown outcome cannot post twice.
    `reply_to` is the direct parent, `thread_root` the first post of the thread.
    `spoiler_text` is a content warning; only Mastodon has one, the others ignore it.
    """

    text: str
    idempotency_key: str
    media: tuple[MediaItem, ...] = ()
    facets: tuple[Facet, ...] = ()
    reply_to: RemotePost | None = None
    thread_root: RemotePost | None = None
    language: str = "de"
    spoiler_text: str = ""
    poll: OutgoingPoll | None = None
    """Attached by platforms with polls; the others ignore it (the plan gave them a link)."""


@dataclass(frozen=True)
class RemoteReply:
    """A reply somebody wrote to one of our posts (directly or deeper in the thread)."""

    remote_id: str
    url: str
    in_reply_to_id: str
    author_handle: str
    text: str
    created_at: datetime
    language: str | None = None
    cid: str | None = None
    """Bluesky's content hash of the reply, needed to answer it; None elsewhere."""


HeardVia = Literal["mention", "quote", "tag", "keyword"]


@dataclass(frozen=True)
class ListenQuery:
    """One thing to follow: a hashtag (`text` without the #) or a keyword query as a
    person wrote it (words, "quoted phrases"); the campaign layer has validated it."""

    kind: Literal["tag", "keyword"]
    text: str


@dataclass(frozen=True)
class HeardMedia:
    """An image in a post somebody else wrote: where it is and what its alt text says."""

    url: str
    alt_text: str = ""


@dataclass(frozen=True)
class HeardPost:
    """A post by someone else found by listening (a mention, a quote, a tag or keyword match).

    `quoted_id` is the remote id of the post it quotes (one of ours, for a quote);
    `in_reply_to_id` the post it answers, "" if none. `reposts` is the platform's count of
    boosts or reposts of it: reposts are counted on the post, never stored as posts.
    """

    remote_id: str
    url: str
    via: HeardVia
    author_handle: str
    author_name: str
    text: str
    created_at: datetime
    language: str | None = None
    in_reply_to_id: str = ""
    quoted_id: str | None = None
    cid: str | None = None
    reposts: int = 0
    media: tuple[HeardMedia, ...] = ()


@dataclass(frozen=True)
class HeardPage:
    """What one listening call found, and where the next call goes on.

    `marker` is opaque to the caller (a since id, a time, a cursor) and is stored per
    (account, query); None when nothing moved it. `reads` is how many posts the platform
    returned (X charges per post read). `unsupported` says, in the platform's terms, why
    nothing could be read at all (a Mastodon instance without full-text search).
    """

    posts: tuple[HeardPost, ...] = ()
    marker: str | None = None
    reads: int = 0
    unsupported: str | None = None


@dataclass(frozen=True)
class MetricSnapshot:
    """Counts for one published post at one moment; `impressions` is None where not given."""

    remote_id: str
    taken_at: datetime
    likes: int
    reposts: int
    replies: int
    quotes: int
    impressions: int | None = None


@dataclass(frozen=True)
class AccountInfo:
    """Who the credentials log in as, for `accounts verify` and per-follower rates."""

    handle: str
    display_name: str
    remote_id: str
    followers: int | None = None


@dataclass(frozen=True)
class PlatformLimits:
    """What the platform allows, read from the server where it says so.

    Cached per account (campaign stores it on the account row) and used by validation,
    the TUI's counters and the reports, so nothing outside a connector branches on the
    platform's name. `replies_window` is how far back replies can be fetched at all (X's
    recent search: 7 days); `federated_replies` says replies from other servers may be
    missing (Mastodon); reports use both to state the gaps honestly.
    """

    max_characters: int
    max_media: int
    replies_window: timedelta | None = None
    gives_impressions: bool = False
    notes: tuple[str, ...] = ()
    max_image_bytes: int | None = None
    threads: bool = True
    polls: bool = False
    max_poll_options: int = 0
    max_poll_option_characters: int = 0
    poll_duration: tuple[timedelta, timedelta] | None = None
    """Shortest and longest time a poll may run."""
    poll_multiple: bool = True
    """Whether a poll may take several answers (X: one only)."""
    federated_replies: bool = False


class Connector(ABC):
    """A platform account behind one small interface (see DESIGN.md, "Connectors")."""

    identifier: ClassVar[str]
    """The platform name stored on the account row: "x", "mastodon" or "bluesky"."""

    max_concurrency: ClassVar[int] = 1
    """How many calls may be in flight at once for one account."""

    idempotent_for: ClassVar[timedelta | None] = None
    """How long the platform answers a repeated idempotency key with the post it already
    created (Mastodon: an hour). Within it, publishing again with the same key is the
    exact recovery; a fingerprint search could mistake another delivery's identical text."""

    def __init__(self, settings: ConnectorSettings) -> None:
        self.settings = settings

    @abstractmethod
    def publish(self, post: OutgoingPost) -> RemotePost:
        """Publish one post (text, media with alt text, reply-to, language).

        Raises RateLimited, AuthExpired, PaymentRequired, Rejected or Transient.
        """

    @abstractmethod
    def recover(
        self, post: OutgoingPost, attempted_at: datetime, *, taken: frozenset[str] = frozenset()
    ) -> RemotePost | None:
        """Find the post an earlier attempt may have published, without posting.

        Called before any retry of a delivery whose outcome is unknown (a crash or a
        dropped connection after sending). Only posts created since `attempted_at` (less
        a clock margin) count, and never one whose remote id is in `taken` (held by
        another delivery); of several matches, the earliest. Returns None when the
        platform has no trace of it, so that publishing again is safe.
        Raises RateLimited, AuthExpired, PaymentRequired or Transient.
        """

    @abstractmethod
    def fetch_replies(self, remote: RemotePost, since: datetime | None) -> list[RemoteReply]:
        """Replies to `remote` created after `since` (all known ones when None).

        Raises RateLimited, AuthExpired or Transient.
        """

    @abstractmethod
    def fetch_metrics(self, remotes: Sequence[RemotePost]) -> list[MetricSnapshot]:
        """Current counts for many posts in as few calls as the platform allows.

        Posts the platform no longer knows (deleted) are left out of the result.
        Raises RateLimited, AuthExpired or Transient.
        """

    def fetch_mentions(
        self, marker: str | None, *, since: datetime, limit: int | None = None
    ) -> HeardPage:
        """Mentions of this account and quotes of its posts newer than `marker`.

        Without a marker (the first call for this account), back to `since`. At most
        `limit` posts are read when given (a read budget). A platform that cannot list
        them says so in `unsupported`.
        Raises RateLimited, AuthExpired, PaymentRequired or Transient.
        """
        return HeardPage(unsupported=f"{self.identifier}: no mentions")

    def search(
        self,
        query: ListenQuery,
        marker: str | None,
        *,
        since: datetime,
        limit: int | None = None,
    ) -> HeardPage:
        """Public posts under a hashtag or matching a keyword query newer than `marker`.

        Without a marker, back to `since`; at most `limit` posts read when given.
        Raises RateLimited, AuthExpired, PaymentRequired or Transient.
        """
        return HeardPage(unsupported=f"{self.identifier}: no search")
    def fetch_poll(self, remote: RemotePost) -> PollResult | None:
        """The current votes of the poll `remote` carries; None when the platform has no
        polls or no longer knows the post.

        Raises RateLimited, AuthExpired or Transient.
        """
        return None

    @abstractmethod
    def verify(self) -> AccountInfo:
        """Log in and say who we are.

        Raises AuthExpired, ConfigurationError or Transient.
        """

    @abstractmethod
    def limits(self) -> PlatformLimits:
        """The platform's limits for this account (may ask the server once).

        Raises Transient when the server cannot be asked.
        """
