"""The live wall: which items it shows, what a person decided about them, and its figures.

Every surface goes through here: the TUI's "Wand" screen and `leuchtturm wall approve|…`
write decisions, the wall server only reads. Items come from one query over the wall's
sources (`_sources`): today the replies to our posts; a later source (listening to the
campaign's hashtags) joins that union with the same columns and is moderated by the same
table, keyed by (source, source_id).

The database is the single source of truth: decisions are rows plus an audit event in the
same transaction, so the wall server, another process, sees them on its next read.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Row,
    Select,
    and_,
    case,
    func,
    literal,
    not_,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from campaign.config import WallSettings
from campaign.errors import UserError
from campaign.models import (
    Campaign,
    Delivery,
    DeliveryState,
    Event,
    HeardKind,
    Post,
    PostState,
    Reply,
    WallBlock,
    WallEntry,
    WallEntryState,
    utc_now,
)
from campaign.services import events, polls
from words import t
from words.coded import Coded

REPLY_SOURCE = "reply"
LISTENING_SOURCE = "listening"
"""Posts the city wrote on its own (hashtags, mentions, quotes) that listening collected."""
SOURCES = (REPLY_SOURCE, LISTENING_SOURCE)
MOOD_WINDOW = timedelta(hours=1)
CANDIDATES = 100


class Moderation(enum.StrEnum):
    PRE = "pre"
    POST = "post"
    AUTO = "auto"


class ItemState(enum.StrEnum):
    """What the wall makes of an item, for the moderators' list."""

    PENDING = "pending"
    """Waits for a person (pre-moderation), or is held (post-moderation)."""
    APPROVED = "approved"
    HIDDEN = "hidden"
    BLOCKED = "blocked"
    """Its author is blocked from the wall."""


@dataclass(frozen=True)
class WallKey:
    """An item's identity across sources: "reply:42" (a bare "42" means a reply)."""

    source: str
    id: int

    def __str__(self) -> str:
        return f"{self.source}:{self.id}"

    @classmethod
    def parse(cls, text: str) -> WallKey:
        source, _, number = text.strip().rpartition(":")
        source = source or REPLY_SOURCE
        if source not in SOURCES or not number.isdigit():
            raise UserError(t("wall.bad_key", text=text))
        return cls(source, int(number))


@dataclass(frozen=True)
class WallImage:
    """An image the wall shows beside an item; `src` is served by the wall itself."""

    src: str
    alt: str


@dataclass(frozen=True)
class WallItem:
    """One item as the wall and its moderators see it, flat (no lazy relationships)."""

    key: WallKey
    platform: str
    author_handle: str
    display_name: str
    text: str
    created_at: datetime
    label: str | None
    state: ItemState
    pinned: bool
    image: WallImage | None = None


@dataclass(frozen=True)
class Counters:
    """Today's figures (campaign time zone)."""

    posts: int
    replies: int
    people: int
    poll_votes: int


@dataclass(frozen=True)
class Mood:
    """Replies of the last hour by label, a person's label winning over the model's."""

    positive: int
    neutral: int
    negative: int

    @property
    def total(self) -> int:
        return self.positive + self.neutral + self.negative


@dataclass(frozen=True)
class ProgrammeItem:
    """The campaign's next scheduled post: what happens next in the studio."""

    at: datetime
    text: str


@dataclass(frozen=True)
class WallState:
    """Everything one wall shows at one moment."""

    items: list[WallItem]
    counters: Counters
    mood: Mood
    next_item: ProgrammeItem | None
    time_zone: str
    poll: list[polls.PollTally] = field(default_factory=list)
    """The running poll's latest reading, one per platform; empty when none runs."""


def _source_columns(source: str) -> Select[Any]:
    """The columns every wall source gives, in one order (they are joined by UNION ALL)."""
    return select(
        literal(source).label("source"),
        Reply.id.label("source_id"),
        Reply.platform.label("platform"),
        Reply.author_handle.label("author_handle"),
        func.coalesce(Reply.author_name, Reply.author_handle).label("display_name"),
        Reply.text.label("text"),
        Reply.created_at.label("created_at"),
        Reply.collected_at.label("collected_at"),
        func.coalesce(Reply.human_label, Reply.sentiment_label).label("label"),
        Reply.media_url.label("media_url"),
        Reply.media_alt.label("media_alt"),
    )


def _replies(campaign_slug: str | None) -> Select[Any]:
    """Replies to our posts, their campaign found through our delivery."""
    replies = (
        _source_columns(REPLY_SOURCE)
        .join(Delivery, Delivery.id == Reply.delivery_id)
        .join(Post, Post.id == Delivery.post_id)
        .join(Campaign, Campaign.id == Post.campaign_id)
        .where(Reply.kind == HeardKind.REPLY)
    )
    return replies.where(Campaign.slug == campaign_slug) if campaign_slug else replies


def _sources(campaign_slug: str | None) -> CompoundSelect[Any]:
    """Every wall source: the replies, and the posts listening found for the campaign (the
    wall shows the city's own posts under its hashtag, moderated like replies)."""
    heard = (
        _source_columns(LISTENING_SOURCE)
        .join(Campaign, Campaign.id == Reply.campaign_id)
        .where(Reply.kind != HeardKind.REPLY)
    )
    if campaign_slug:
        heard = heard.where(Campaign.slug == campaign_slug)
    return union_all(_replies(campaign_slug), heard)


def _items_query(settings: WallSettings) -> Select[Any]:
    source = _sources(settings.campaign).subquery("source")
    return (
        select(
            source,
            WallEntry.state.label("decision"),
            WallEntry.pinned,
            WallBlock.id.label("blocked_id"),
        )
        .outerjoin(
            WallEntry,
            and_(WallEntry.source == source.c.source, WallEntry.source_id == source.c.source_id),
        )
        .outerjoin(
            WallBlock,
            and_(
                WallBlock.platform == source.c.platform,
                WallBlock.author_handle == source.c.author_handle,
            ),
        )
    )


def _item(row: Row[Any], state: ItemState) -> WallItem:
    return WallItem(
        key=WallKey(row.source, row.source_id),
        platform=row.platform,
        author_handle=row.author_handle,
        display_name=row.display_name,
        text=row.text,
        created_at=row.created_at,
        label=row.label,
        state=state,
        pinned=bool(row.pinned),
        image=None
        if not row.media_url
        else WallImage(src=media_path(WallKey(row.source, row.source_id)), alt=row.media_alt or ""),
    )


def media_path(key: WallKey) -> str:
    """Where the wall serves an item's image: its own origin, by the item, never by URL."""
    return f"/media/{key}"


def _state_of(row: Row[Any]) -> ItemState:
    if row.blocked_id is not None:
        return ItemState.BLOCKED
    decision = row.decision
    return ItemState(decision) if decision else ItemState.PENDING


def candidates(
    session: Session,
    settings: WallSettings,
    *,
    limit: int = CANDIDATES,
    state: ItemState | None = None,
) -> list[WallItem]:
    """The newest items with what was decided about them (only `state` if given), for
    the moderators."""
    query = _items_query(settings)
    c = query.selected_columns
    if state == ItemState.BLOCKED:
        query = query.where(c.blocked_id.is_not(None))
    elif state is not None:
        decided = c.decision.is_(None) if state == ItemState.PENDING else c.decision == state
        query = query.where(c.blocked_id.is_(None), decided)
    query = query.order_by(c.created_at.desc(), c.source_id.desc()).limit(limit)
    return [_item(row, _state_of(row)) for row in session.execute(query)]


def _visible(settings: WallSettings, c: Any, now: datetime) -> ColumnElement[bool]:
    """The moderation rule in SQL, so that `limit` counts only what may show."""
    blocked = c.blocked_id.is_not(None)
    approved = c.decision == WallEntryState.APPROVED
    undecided = c.decision.is_(None)
    mode = Moderation(settings.moderation)
    if mode == Moderation.PRE:
        shown = approved
    elif mode == Moderation.AUTO:
        shown = or_(undecided, approved)
    else:
        released = and_(
            undecided,
            c.collected_at <= now - timedelta(seconds=settings.delay_seconds),
            c.label.is_not(None),
            c.label != "negative",
            *(not_(_contains(c.text, word)) for word in settings.hold_words if word),
        )
        shown = or_(approved, released)
    return and_(shown, not_(blocked))


def _contains(column: ColumnElement[str], word: str) -> ColumnElement[bool]:
    escaped = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def shown_items(session: Session, settings: WallSettings, now: datetime) -> list[WallItem]:
    """What the wall shows now: pinned items first, then the newest."""
    query = _items_query(settings)
    c = query.selected_columns
    query = (
        query.where(_visible(settings, c, now))
        .order_by(
            case((c.pinned.is_(True), 0), else_=1),
            c.created_at.desc(),
            c.source_id.desc(),
        )
        .limit(settings.items)
    )
    return [_item(row, ItemState.APPROVED) for row in session.execute(query)]


def shown_media_url(
    session: Session, settings: WallSettings, key: WallKey, now: datetime
) -> str | None:
    """The stored image address of `key` while the wall may show it, else None: a hidden,
    blocked or held item's image is no longer served."""
    query = _items_query(settings)
    c = query.selected_columns
    query = query.where(
        _visible(settings, c, now), c.source == key.source, c.source_id == key.id
    ).limit(1)
    row = session.execute(query).first()
    return row.media_url if row is not None and row.media_url else None


def _start_of_day(now: datetime, zone: ZoneInfo) -> datetime:
    local = now.astimezone(zone)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def counters(session: Session, settings: WallSettings, now: datetime, zone: ZoneInfo) -> Counters:
    """Today's posts sent, replies, distinct people replying, votes cast in our polls."""
    since = _start_of_day(now, zone)
    sent = (
        select(func.count(func.distinct(Delivery.post_id)))
        .join(Post, Post.id == Delivery.post_id)
        .join(Campaign, Campaign.id == Post.campaign_id)
        .where(Delivery.state == DeliveryState.SENT, Delivery.sent_at >= since)
    )
    if settings.campaign:
        sent = sent.where(Campaign.slug == settings.campaign)
    today = _replies(settings.campaign).where(Reply.created_at >= since).subquery()
    people = select(today.c.platform, today.c.author_handle).distinct().subquery()
    return Counters(
        posts=session.scalar(sent) or 0,
        replies=session.scalar(select(func.count()).select_from(today)) or 0,
        people=session.scalar(select(func.count()).select_from(people)) or 0,
        poll_votes=polls.votes_since(session, settings.campaign, since),
    )


def mood(session: Session, settings: WallSettings, now: datetime) -> Mood:
    """The last hour's replies by effective label (a person's label wins)."""
    recent = _replies(settings.campaign).where(Reply.created_at >= now - MOOD_WINDOW).subquery()
    query = select(recent.c.label, func.count()).group_by(recent.c.label)
    counts = {label: count for label, count in session.execute(query)}
    return Mood(
        positive=counts.get("positive", 0),
        neutral=counts.get("neutral", 0),
        negative=counts.get("negative", 0),
    )


def next_programme_item(
    session: Session, settings: WallSettings, now: datetime
) -> ProgrammeItem | None:
    """The campaign's next approved post (a thread by its first part)."""
    query = (
        select(Post.scheduled_at, Post.text)
        .join(Campaign, Campaign.id == Post.campaign_id)
        .where(
            Post.state == PostState.APPROVED,
            Post.scheduled_at > now,
            Post.thread_parent_id.is_(None),
        )
        .order_by(Post.scheduled_at, Post.id)
        .limit(1)
    )
    if settings.campaign:
        query = query.where(Campaign.slug == settings.campaign)
    row = session.execute(query).first()
    return None if row is None else ProgrammeItem(at=row.scheduled_at, text=row.text)


def wall_zone(session: Session, settings: WallSettings, default: ZoneInfo) -> ZoneInfo:
    """The wall's campaign's time zone, else the configured one."""
    if settings.campaign:
        zone = session.scalar(select(Campaign.time_zone).where(Campaign.slug == settings.campaign))
        if zone:
            return ZoneInfo(zone)
    return default


def wall_state(
    session: Session, settings: WallSettings, now: datetime, default_zone: ZoneInfo
) -> WallState:
    """Everything the wall shows, read in one session."""
    zone = wall_zone(session, settings, default_zone)
    return WallState(
        items=shown_items(session, settings, now),
        counters=counters(session, settings, now, zone),
        mood=mood(session, settings, now),
        next_item=next_programme_item(session, settings, now),
        time_zone=zone.key,
        poll=polls.running_poll(session, settings.campaign, now),
    )


def change_marker(session: Session) -> tuple[int, int, int]:
    """A cheap sign that something the wall shows may have changed: the newest audit event
    (every decision, label and delivery writes one), the newest reply and the newest poll
    reading."""
    newest_event = session.scalar(select(func.max(Event.id))) or 0
    newest_reply = session.scalar(select(func.max(Reply.id))) or 0
    return newest_event, newest_reply, polls.newest_reading(session)


def _source_row(session: Session, key: WallKey) -> Reply:
    reply = session.get(Reply, key.id) if key.source in SOURCES else None
    if reply is None or (reply.kind == HeardKind.REPLY) != (key.source == REPLY_SOURCE):
        raise UserError(t("wall.unknown_item", item=key))
    return reply


def _entry(session: Session, key: WallKey) -> WallEntry | None:
    return session.scalars(
        select(WallEntry).where(WallEntry.source == key.source, WallEntry.source_id == key.id)
    ).one_or_none()


def _decide(
    session: Session,
    key: WallKey,
    by: str | None,
    *,
    state: str | None = None,
    pinned: bool | None = None,
) -> WallEntry:
    _source_row(session, key)
    entry = _entry(session, key)
    if entry is None:
        entry = WallEntry(source=key.source, source_id=key.id, state=WallEntryState.APPROVED)
        session.add(entry)
    if state is not None:
        entry.state = state
    if pinned is not None:
        entry.pinned = pinned
        if pinned:
            entry.state = WallEntryState.APPROVED  # a pinned item is one a person wants shown
    if entry.state == WallEntryState.HIDDEN:
        entry.pinned = False
    entry.changed_at = utc_now()
    entry.changed_by = by
    return entry


def _record(session: Session, kind: str, key: WallKey, by: str | None) -> None:
    """The moderation step in the audit trail; its words are the catalogue's `event.<kind>`."""
    events.record(
        session,
        kind,
        Coded(f"event.{kind}", {"item": str(key)}),
        data={"item": str(key), "by": by} if by else {"item": str(key)},
    )


def approve(session: Session, key: WallKey, by: str | None = None) -> WallEntry:
    """Let the item show on the wall."""
    entry = _decide(session, key, by, state=WallEntryState.APPROVED)
    _record(session, "wall.approved", key, by)
    return entry


def hide(session: Session, key: WallKey, by: str | None = None) -> WallEntry:
    """Take the item off every wall (and keep it off in post-moderation too)."""
    entry = _decide(session, key, by, state=WallEntryState.HIDDEN)
    _record(session, "wall.hidden", key, by)
    return entry


def pin(session: Session, key: WallKey, by: str | None = None, *, pinned: bool = True) -> WallEntry:
    """Keep the item at the top of the wall (approving it), or let it go back in line."""
    entry = _decide(session, key, by, pinned=pinned)
    _record(session, "wall.pinned" if pinned else "wall.unpinned", key, by)
    return entry


@dataclass(frozen=True)
class Author:
    """Who wrote an item, as blocking names them."""

    platform: str
    author_handle: str


def _block_of(session: Session, author: Author) -> WallBlock | None:
    return session.scalars(
        select(WallBlock).where(
            WallBlock.platform == author.platform,
            WallBlock.author_handle == author.author_handle,
        )
    ).one_or_none()


def _author(session: Session, key: WallKey) -> Author:
    reply = _source_row(session, key)
    return Author(reply.platform, reply.author_handle)


def block(session: Session, key: WallKey, by: str | None = None) -> Author:
    """Keep the item's author off the wall: all their items, now and later."""
    author = _author(session, key)
    if _block_of(session, author) is None:
        session.add(
            WallBlock(platform=author.platform, author_handle=author.author_handle, blocked_by=by)
        )
        _record(session, "wall.blocked", key, by)
    return author


def unblock(session: Session, key: WallKey, by: str | None = None) -> Author:
    """Let the item's author back onto the wall (their items still need approval)."""
    author = _author(session, key)
    blocked = _block_of(session, author)
    if blocked is not None:
        session.delete(blocked)
        _record(session, "wall.unblocked", key, by)
    return author
