"""The database schema: the single source of truth for the TUI, the CLI and the daemon.

Times are stored as aware UTC datetimes. Secrets never appear here: accounts keep only the
name of the environment variable that holds their token, and that lives in the config.
A thread is a chain of posts (`thread_parent_id`), each with its own deliveries, so that
every part goes out exactly once on its own.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from campaign.redaction import redact
from content import field_limits as limits
from content.outside_text import inert, inert_line

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and always returns them aware (SQLite forgets tz)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware UTC time")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


OUTSIDE_TEXT_LIMIT = 20_000
"""Longer than any platform allows a post to be; an error body is cut here too."""


class OutsideText(TypeDecorator[str]):
    """Text that comes from outside, or quotes it (a reply, an author, a platform's error
    in a reason): made inert, bounded to its column and redacted on its way in.

    The column type is the boundary so that every writer passes it (the collector, the
    dispatcher, verification, services yet to come) without remembering to call it.
    """

    impl = Text
    cache_ok = True

    def __init__(self, length: int | None = None, *, line: bool = False) -> None:
        super().__init__()
        self.impl = String(length) if length else Text()
        self.limit = length or OUTSIDE_TEXT_LIMIT
        self.line = line

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        clean = inert_line if self.line else inert
        # Cleaned before redacting, so that a secret split by a control character is found.
        return clean(redact(clean(value)), limit=self.limit)


def utc_now() -> datetime:
    """Default for created/updated columns."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class PostState(enum.StrEnum):
    """A post's states; the legal moves between them are in campaign/lifecycle.py."""

    DRAFT = "draft"
    APPROVED = "approved"
    CANCELLED = "cancelled"


class DeliveryState(enum.StrEnum):
    """A delivery's states; the legal moves between them are in campaign/lifecycle.py."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"
    NEEDS_REVIEW = "needs_review"
    WITHDRAWN = "withdrawn"
    """Taken out of the queue before it started (its post was cancelled or its account
    dropped); kept, not deleted, so its audit trail stays whole."""


class AccountState(enum.StrEnum):
    OK = "ok"
    BROKEN = "broken"
    CREDITS_EXHAUSTED = "credits_exhausted"


def _enum(kind: type[enum.StrEnum]) -> String:
    """Enums stored as plain strings: readable in SQL and cheap to migrate."""
    return String(max(len(member.value) for member in kind))


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(limits.CAMPAIGN_SLUG), unique=True)
    name: Mapped[str] = mapped_column(String(limits.CAMPAIGN_NAME))
    description: Mapped[str] = mapped_column(Text, default="")
    time_zone: Mapped[str] = mapped_column(String(limits.TIME_ZONE), default="Europe/Berlin")
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    paused_reason: Mapped[str | None] = mapped_column(OutsideText())
    approvals_required: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """Distinct approvers each post needs (other than its author and last editor)."""
    reapprove_on_reschedule: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    """Whether a new time clears approvals as a content change does."""
    track: Mapped[list[str] | None] = mapped_column(JSON, default=list)
    """Hashtags and keyword queries its plan follows (config.toml may add more)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    posts: Mapped[list[Post]] = relationship(back_populates="campaign")


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(limits.ACCOUNT_NAME), unique=True)
    platform: Mapped[str] = mapped_column(String(16))
    handle: Mapped[str] = mapped_column(String(limits.ACCOUNT_HANDLE))
    server_url: Mapped[str] = mapped_column(String(limits.SERVER_URL))
    state: Mapped[str] = mapped_column(_enum(AccountState), default=AccountState.OK)
    state_reason: Mapped[str | None] = mapped_column(OutsideText())
    state_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rate_limited_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paced_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """After downtime or a rate limit, overdue posts go out one at a time, not in a burst:
    the next overdue one waits until this time."""
    remote_id: Mapped[str | None] = mapped_column(String(200))
    followers: Mapped[int | None] = mapped_column(Integer)
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    capabilities: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    """What the platform allows this account, as its connector last said (`limits()`)."""
    capabilities_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lane_daemon_id: Mapped[str | None] = mapped_column(String(120))
    """The daemon that sends for this account now (see campaign/daemon/lanes.py)."""


class Post(Base):
    __tablename__ = "posts"
    __table_args__ = (
        UniqueConstraint("campaign_id", "key"),
        Index("ix_posts_state_scheduled", "state", "scheduled_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(limits.POST_KEY))
    text: Mapped[str] = mapped_column(Text)
    # Mastodon's content warning; it counts toward the instance's limit.
    spoiler_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    poll: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    """A poll (`content.polls.PollSpec.to_json`); the first part of a thread carries it."""
    scheduled_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    state: Mapped[str] = mapped_column(_enum(PostState), default=PostState.DRAFT)
    thread_parent_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"))
    thread_position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    author: Mapped[str | None] = mapped_column(String(120))
    """Who created the post; None for posts from before people were recorded."""
    last_editor: Mapped[str | None] = mapped_column(String(120))
    """Who last changed what it says; neither they nor the author may approve it."""
    changes_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """An approver sent it back to its author ("Änderung erbeten"); cleared by an edit."""

    campaign: Mapped[Campaign] = relationship(back_populates="posts")
    approvals: Mapped[list[Approval]] = relationship(
        back_populates="post", cascade="all, delete-orphan", order_by="Approval.id"
    )
    variants: Mapped[list[Variant]] = relationship(
        back_populates="post", cascade="all, delete-orphan"
    )
    media: Mapped[list[Media]] = relationship(
        back_populates="post", cascade="all, delete-orphan", order_by="Media.position"
    )
    targets: Mapped[list[PostTarget]] = relationship(
        back_populates="post", cascade="all, delete-orphan"
    )
    deliveries: Mapped[list[Delivery]] = relationship(back_populates="post")

    def text_for(self, platform: str) -> str:
        """The platform's variant if there is one, else the base text."""
        for variant in self.variants:
            if variant.platform == platform:
                return variant.text
        return self.text


class Approval(Base):
    """One person's approval of one post; a change clears it (kept, with when)."""

    __tablename__ = "approvals"
    __table_args__ = (Index("ix_approvals_post_cleared", "post_id", "cleared_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    person: Mapped[str | None] = mapped_column(String(120))
    """None for approvals given before people were recorded ("unbekannt")."""
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    cleared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    post: Mapped[Post] = relationship(back_populates="approvals")


class Variant(Base):
    __tablename__ = "variants"
    __table_args__ = (UniqueConstraint("post_id", "platform"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    platform: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)

    post: Mapped[Post] = relationship(back_populates="variants")


class Media(Base):
    __tablename__ = "media"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    path: Mapped[str] = mapped_column(String(limits.MEDIA_PATH))
    alt_text: Mapped[str] = mapped_column(Text)

    post: Mapped[Post] = relationship(back_populates="media")


class PostTarget(Base):
    """Which accounts a post goes to; one delivery each once approved."""

    __tablename__ = "post_targets"
    __table_args__ = (UniqueConstraint("post_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))

    post: Mapped[Post] = relationship(back_populates="targets")
    account: Mapped[Account] = relationship()


class Delivery(Base):
    """One post to one account: the unit that must go out exactly once."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("post_id", "account_id"),
        Index("ix_deliveries_state_due", "state", "due_at"),
        Index("ix_deliveries_state_sent", "state", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    state: Mapped[str] = mapped_column(_enum(DeliveryState), default=DeliveryState.PENDING)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    first_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When the first attempt began: recovery searches the platform from here on."""
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    remote_id: Mapped[str | None] = mapped_column(String(300))
    remote_url: Mapped[str | None] = mapped_column(OutsideText(500, line=True))
    remote_cid: Mapped[str | None] = mapped_column(String(200))
    remote_poll_id: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(OutsideText())
    last_collected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    post: Mapped[Post] = relationship(back_populates="deliveries")
    account: Mapped[Account] = relationship()


class HeardKind(enum.StrEnum):
    """How a post by someone else reached us: an answer under our post, or found by listening."""

    REPLY = "reply"
    MENTION = "mention"
    QUOTE = "quote"
    TAG = "tag"
    KEYWORD = "keyword"


class Reply(Base):
    """A post by someone else that we hold: a reply to one of our deliveries, or a post the
    daemon found by listening (a mention of an account, a quote of our post, a post under a
    tracked hashtag or keyword). One table for all of them, so classification, the inbox, the
    wall, the reports and the privacy rules (retention, export, erasure) have one place."""

    __tablename__ = "replies"
    __table_args__ = (
        UniqueConstraint("platform", "remote_id"),
        Index("ix_replies_created_labels", "created_at", "sentiment_label", "human_label"),
        Index("ix_replies_delivery_created", "delivery_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    remote_id: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(
        _enum(HeardKind), default=HeardKind.REPLY, server_default=HeardKind.REPLY.value
    )
    delivery_id: Mapped[int | None] = mapped_column(
        ForeignKey("deliveries.id", ondelete="CASCADE")
    )
    """Our delivery this post answers or quotes; None for posts found by a tag, keyword or
    mention that do not refer to one of our posts."""
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    """The campaign whose tracking found it (listening); replies know theirs via the delivery."""
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    """The account that heard it (whose mentions, notifications or search found it)."""
    query: Mapped[str | None] = mapped_column(OutsideText(300, line=True))
    """The tracked hashtag or keyword query that found it."""
    in_reply_to_id: Mapped[str] = mapped_column(String(300), default="")
    url: Mapped[str] = mapped_column(OutsideText(500, line=True), default="")
    cid: Mapped[str | None] = mapped_column(String(200))
    author_handle: Mapped[str] = mapped_column(OutsideText(300, line=True))
    author_name: Mapped[str | None] = mapped_column(OutsideText(300, line=True))
    """The author's display name as the platform shows it (the wall shows names, not handles)."""
    text: Mapped[str] = mapped_column(OutsideText())
    media_url: Mapped[str | None] = mapped_column(OutsideText(1000, line=True))
    """The first image of the post, if any (the wall shows it with its alt text)."""
    media_alt: Mapped[str | None] = mapped_column(OutsideText(1500))
    reposts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Boosts or reposts by others, as the platform last counted them: reposts are counted
    on the post they share, never stored as posts."""
    language: Mapped[str | None] = mapped_column(OutsideText(16, line=True))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    collected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    is_question: Mapped[bool] = mapped_column(Boolean, default=False)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer_post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"))
    sentiment_label: Mapped[str | None] = mapped_column(String(16), index=True)
    sentiment_score: Mapped[float | None] = mapped_column(Float)
    sentiment_model: Mapped[str | None] = mapped_column(String(200))
    sentiment_revision: Mapped[str | None] = mapped_column(String(80))
    classified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    human_label: Mapped[str | None] = mapped_column(String(16))
    human_labelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    delivery: Mapped[Delivery | None] = relationship()

    @property
    def effective_label(self) -> str | None:
        """A human's label wins over the model's."""
        return self.human_label or self.sentiment_label


class HeardCount(Base):
    """How many posts by others one UTC hour held, per campaign, platform, kind, our delivery
    (for replies), effective label and model: what the reports read once the posts
    themselves are gone (retention, erasure).

    No text, no author, no remote id: these rows are anonymous, so they outlive the
    retention and stay after a person's erasure. An hour (not a local day) is the bucket
    so that every zone's local days, the 23- and 25-hour ones too, add up exactly. A purge
    appends rows; a report sums them with the posts still stored, never both for one post.
    """

    __tablename__ = "heard_counts"
    __table_args__ = (Index("ix_heard_counts_hour_kind", "hour", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hour: Mapped[datetime] = mapped_column(UTCDateTime)
    """The start of the UTC hour the posts were written in."""
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(_enum(HeardKind))
    delivery_id: Mapped[int | None] = mapped_column(
        ForeignKey("deliveries.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str | None] = mapped_column(String(16))
    """The effective label (a person's wins); None: not classified."""
    model: Mapped[str | None] = mapped_column(String(200))
    revision: Mapped[str | None] = mapped_column(String(80))
    posts: Mapped[int] = mapped_column(Integer)
    human_labels: Mapped[int] = mapped_column(Integer, default=0)
    human_overrides: Mapped[int] = mapped_column(Integer, default=0)
    open_questions: Mapped[int] = mapped_column(Integer, default=0)


class ListeningMarker(Base):
    """Where listening stands for one account and one query ("@mentions" for mentions and
    quotes): the connector's marker, written in the same transaction as the posts it read,
    so a restart neither reads them again nor skips any."""

    __tablename__ = "listening_markers"
    __table_args__ = (UniqueConstraint("account_id", "query"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    query: Mapped[str] = mapped_column(String(300))
    marker: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class ListeningReads(Base):
    """Posts one account read by listening on one day (UTC): X's daily read budget."""

    __tablename__ = "listening_reads"
    __table_args__ = (UniqueConstraint("account_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    reads: Mapped[int] = mapped_column(Integer, default=0)


class MetricSnapshot(Base):
    __tablename__ = "metric_snapshots"
    __table_args__ = (Index("ix_metric_snapshots_delivery_taken", "delivery_id", "taken_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("deliveries.id", ondelete="CASCADE"))
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)
    likes: Mapped[int] = mapped_column(Integer, default=0)
    reposts: Mapped[int] = mapped_column(Integer, default=0)
    replies: Mapped[int] = mapped_column(Integer, default=0)
    quotes: Mapped[int] = mapped_column(Integer, default=0)
    impressions: Mapped[int | None] = mapped_column(Integer)


class PollCount(Base):
    """A poll's votes on one delivery at one moment: a time series, appended while it
    runs and once more (`closed`) when it has ended. `votes` lists the count per option,
    in the post's order; `voters` is None where the platform does not say (X)."""

    __tablename__ = "poll_counts"
    __table_args__ = (Index("ix_poll_counts_delivery_taken", "delivery_id", "taken_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("deliveries.id", ondelete="CASCADE"))
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)
    votes: Mapped[list[int]] = mapped_column(JSON)
    voters: Mapped[int | None] = mapped_column(Integer)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)


class FollowerCount(Base):
    """An account's followers on one day (the campaign zone's date): growth over a week, and
    per-1,000 rates that stay what they were when a report is written again later."""

    __tablename__ = "follower_counts"
    __table_args__ = (UniqueConstraint("account_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime)
    followers: Mapped[int] = mapped_column(Integer)


class Event(Base):
    """The audit log and alerts: every state change with its time, person and reason.

    Append-only: a database trigger refuses UPDATE and DELETE, except that an open alert
    may be marked resolved once (`resolved_at` from empty to a time, nothing else)."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_kind_at", "kind", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    kind: Mapped[str] = mapped_column(String(60))
    message: Mapped[str] = mapped_column(OutsideText())
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"))
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("deliveries.id"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    person: Mapped[str | None] = mapped_column(String(120))
    """Who did it ("daemon" for the daemon); None for events from before people."""
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Heartbeat(Base):
    """One row per running daemon; the TUI and `status` read it."""

    __tablename__ = "heartbeats"

    daemon_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    host: Mapped[str] = mapped_column(String(200))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_tick: Mapped[datetime] = mapped_column(UTCDateTime)
    queue_length: Mapped[int] = mapped_column(Integer, default=0)
    broken_accounts: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WallEntryState(enum.StrEnum):
    """A person's decision about one item on the live wall; no row means nobody decided yet."""

    APPROVED = "approved"
    HIDDEN = "hidden"


class WallEntry(Base):
    """The wall's moderation of one item, keyed by the item's source ("reply", later
    "listening") and its id there, so that every source shares one decision table."""

    __tablename__ = "wall_entries"
    __table_args__ = (UniqueConstraint("source", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(_enum(WallEntryState))
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    changed_by: Mapped[str | None] = mapped_column(String(120))


class WallBlock(Base):
    """An author kept off the wall: none of their items show, whatever was approved."""

    __tablename__ = "wall_blocks"
    __table_args__ = (UniqueConstraint("platform", "author_handle"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    author_handle: Mapped[str] = mapped_column(String(300))
    blocked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    blocked_by: Mapped[str | None] = mapped_column(String(120))


class ChangeMarker(Base):
    """One row whose counter triggers raise on every change to what the dispatcher reads
    (posts, deliveries, accounts, campaigns): an idle SQLite daemon reads this one number
    instead of its queue. PostgreSQL's triggers notify listeners instead."""

    __tablename__ = "change_marker"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    counter: Mapped[int] = mapped_column(Integer, default=0)
