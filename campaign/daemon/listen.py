"""Listening: mentions, quotes and the campaigns' hashtags and keywords, read as they come.

Each (account, query) has a marker in `listening_markers`; a call's posts and its new marker
are written in one transaction, so after a crash or a restart the next call neither reads a
post again nor leaves one out. Posts are stored once (platform + remote id) in `replies`
with their kind: a post found as a reply and under a hashtag stays one row. X charges per
post read: its accounts read only within their daily budget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from campaign.config import Settings
from campaign.daemon.heard_rows import insert_new
from campaign.db import Database
from campaign.models import (
    Account,
    AccountState,
    Campaign,
    Delivery,
    Event,
    HeardKind,
    ListeningMarker,
    ListeningReads,
    Post,
    Reply,
)
from campaign.services import events
from connectors.base import Connector, HeardPage, HeardPost, ListenQuery
from connectors.errors import ConnectorError
from content.track import TrackEntry, parse_track
from sentiment.questions import is_question

log = logging.getLogger(__name__)

MENTIONS = "@mentions"
"""The marker's query name for an account's mentions and quotes."""


@dataclass(frozen=True)
class ListenTarget:
    """One call to make: an account and a query (None: its mentions and quotes)."""

    account_id: int
    account_name: str
    platform: str
    entry: TrackEntry | None
    campaign_id: int | None
    daily_reads: int | None

    @property
    def query_name(self) -> str:
        return self.entry.written if self.entry else MENTIONS


def tracked_entries(session: Session, settings: Settings) -> list[tuple[TrackEntry, int]]:
    """Every entry some campaign follows (its plan's and config.toml's), with the first
    campaign that follows it; one entry followed by two campaigns is read once."""
    found: dict[str, tuple[TrackEntry, int]] = {}
    for campaign in session.scalars(select(Campaign).order_by(Campaign.id)):
        written = [parse_track(entry) for entry in campaign.track or []]
        for entry in [*written, *settings.listening.track_for(campaign.slug)]:
            found.setdefault(entry.written.lower(), (entry, campaign.id))
    return list(found.values())


def listen_targets(session: Session, settings: Settings, now: datetime) -> list[ListenTarget]:
    """The calls due in this round, per listening account in working order."""
    entries = tracked_entries(session, settings)
    targets: list[ListenTarget] = []
    for configured in settings.accounts:
        if not configured.listens():
            continue
        account = session.scalar(select(Account).where(Account.name == configured.name))
        if account is None or account.state != AccountState.OK:
            continue
        if account.rate_limited_until is not None and account.rate_limited_until > now:
            continue
        budget = configured.daily_reads if configured.platform == "x" else None
        common = (account.id, account.name, account.platform)
        targets.append(ListenTarget(*common, None, None, budget))
        targets += [ListenTarget(*common, entry, cid, budget) for entry, cid in entries]
    return targets


@dataclass
class Listener:
    """One listening round at a time; remembers what it has said once (unsupported
    queries, an exhausted budget) so the log is not flooded."""

    database: Database
    settings: Settings
    connector_for: Callable[[str], Connector]
    clock: Callable[[], datetime]
    on_error: Callable[[str, ConnectorError], None]
    _said: set[str] = field(default_factory=set)

    def round(self) -> int:
        """Read every due target once; returns how many new posts were stored."""
        now = self.clock()
        since = now - timedelta(hours=self.settings.listening.first_lookback_hours)
        with self.database.session() as session:
            targets = listen_targets(session, self.settings, now)
        stored = 0
        failed: set[str] = set()
        for target in targets:
            if target.account_name in failed:
                continue
            limit = self._remaining(target, now)
            if limit == 0:
                continue
            with self.database.session() as session:
                marker = _marker_row(session, target).marker
            connector = self.connector_for(target.account_name)
            try:
                page = self._read(connector, target, marker, since, limit)
            except ConnectorError as error:
                failed.add(target.account_name)
                self.on_error(target.account_name, error)
                continue
            if page.unsupported:
                self._say_once(target, page.unsupported)
                continue
            with self.database.session() as session:
                stored += store_heard(session, target, page.posts, now)
                row = _marker_row(session, target)
                row.marker = page.marker or row.marker
                row.updated_at = now
                if target.daily_reads is not None:
                    _reads_row(session, target, now).reads += page.reads
        return stored

    @staticmethod
    def _read(
        connector: Connector,
        target: ListenTarget,
        marker: str | None,
        since: datetime,
        limit: int | None,
    ) -> HeardPage:
        if target.entry is None:
            return connector.fetch_mentions(marker, since=since, limit=limit)
        query = ListenQuery(target.entry.kind, target.entry.text)
        return connector.search(query, marker, since=since, limit=limit)

    def _remaining(self, target: ListenTarget, now: datetime) -> int | None:
        """Reads left today on a budgeted account (None: no budget); 0 is said once a day."""
        if target.daily_reads is None:
            return None
        with self.database.session() as session:
            used = _reads_row(session, target, now).reads
        left = max(target.daily_reads - used, 0)
        if left == 0:
            key = f"budget:{target.account_id}:{now.date()}"
            if key not in self._said:
                self._said.add(key)
                log.warning(
                    "listening on %s paused until tomorrow (UTC): its daily budget of %d "
                    "posts read is used up (X charges per post read)",
                    target.account_name,
                    target.daily_reads,
                )
        return left

    def _say_once(self, target: ListenTarget, note: str) -> None:
        """An account that cannot follow a query says so once: in the log and, for
        `leuchtturm status` and the audit trail, as one event."""
        key = f"{target.account_id}:{target.query_name}"
        if key in self._said:
            return
        self._said.add(key)
        log.warning("listening for %s on %s: %s", target.query_name, target.account_name, note)
        with self.database.session() as session:
            already = session.scalar(
                select(Event.id).where(
                    Event.kind == "listening.unsupported",
                    Event.account_id == target.account_id,
                    Event.message.startswith(f"{target.query_name}: "),
                )
            )
            if already is None:
                events.record(
                    session,
                    "listening.unsupported",
                    f"{target.query_name}: {note}",
                    account_id=target.account_id,
                )


def _marker_row(session: Session, target: ListenTarget) -> ListeningMarker:
    row = session.scalar(
        select(ListeningMarker).where(
            ListeningMarker.account_id == target.account_id,
            ListeningMarker.query == target.query_name,
        )
    )
    if row is None:
        row = ListeningMarker(account_id=target.account_id, query=target.query_name)
        session.add(row)
        session.flush()
    return row


def _reads_row(session: Session, target: ListenTarget, now: datetime) -> ListeningReads:
    row = session.scalar(
        select(ListeningReads).where(
            ListeningReads.account_id == target.account_id, ListeningReads.day == now.date()
        )
    )
    if row is None:
        row = ListeningReads(account_id=target.account_id, day=now.date(), reads=0)
        session.add(row)
        session.flush()
    return row


def store_heard(
    session: Session, target: ListenTarget, posts: Sequence[HeardPost], now: datetime
) -> int:
    """Store the posts not yet held (by platform + remote id); a post held already keeps
    its row and kind, and only its repost count moves. Returns how many were new."""
    if not posts:
        return 0
    held = {
        reply.remote_id: reply
        for reply in session.scalars(
            select(Reply).where(
                Reply.platform == target.platform,
                Reply.remote_id.in_([post.remote_id for post in posts]),
            )
        )
    }
    ours = _our_deliveries(session, target, posts)
    new: dict[str, dict[str, object]] = {}
    for post in posts:
        if (reply := held.get(post.remote_id)) is not None:
            reply.reposts = max(reply.reposts or 0, post.reposts)
            continue
        if post.remote_id in new:
            continue
        delivery = ours.get(post.quoted_id or "") or ours.get(post.in_reply_to_id)
        image = post.media[0] if post.media else None
        new[post.remote_id] = dict(
            platform=target.platform,
            remote_id=post.remote_id,
            kind=HeardKind(post.via),
            delivery_id=delivery[0] if delivery else None,
            campaign_id=delivery[1] if delivery else target.campaign_id,
            account_id=target.account_id,
            query=target.entry.written if target.entry else None,
            in_reply_to_id=post.in_reply_to_id,
            url=post.url,
            cid=post.cid,
            author_handle=post.author_handle,
            author_name=post.author_name,
            text=post.text,
            language=post.language,
            created_at=post.created_at,
            collected_at=now,
            is_question=is_question(post.text),
            media_url=image.url if image else None,
            media_alt=image.alt_text if image else None,
            reposts=post.reposts,
        )
    return insert_new(session, list(new.values()))


def _our_deliveries(
    session: Session, target: ListenTarget, posts: Sequence[HeardPost]
) -> dict[str, tuple[int, int]]:
    """Our deliveries the posts quote or answer: remote id → (delivery id, campaign id)."""
    wanted = {post.quoted_id for post in posts if post.quoted_id}
    wanted |= {post.in_reply_to_id for post in posts if post.in_reply_to_id}
    if not wanted:
        return {}
    rows = session.execute(
        select(Delivery.remote_id, Delivery.id, Post.campaign_id)
        .join(Post, Post.id == Delivery.post_id)
        .join(Account, Account.id == Delivery.account_id)
        .where(Account.platform == target.platform, Delivery.remote_id.in_(wanted))
    )
    return {str(remote): (delivery, campaign) for remote, delivery, campaign in rows}
