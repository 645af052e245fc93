"""The Warteschlange's rows: one period's posts as flat, frozen rows, so the screen holds
no query and no database object, and reads nothing lazily on the UI thread.

A row carries its campaign's zone: a post's time, its deliveries' reasons and its trail
are shown in the zone the campaign plans in, whatever zone the reader configured.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from campaign import approvals
from campaign.models import Post
from campaign.people import Person
from campaign.reasons import shown_reason
from campaign.services import events, polls, posts
from campaign.services.polls import PollTally
from campaign.times import shown


@dataclass(frozen=True)
class DeliveryLine:
    """One account's delivery of a post, its reason worded (times in the campaign's zone)."""

    account: str
    state: str
    reason: str


@dataclass(frozen=True)
class QueueRow:
    """One post of the queue with what its line, its detail and its poll pane show."""

    id: int
    key: str
    campaign_slug: str
    state: str
    scheduled_at: datetime
    zone: ZoneInfo
    """The campaign's zone: the post's time is read and shown in it."""
    author: str | None
    text: str
    tally: approvals.Tally
    deliveries: tuple[DeliveryLine, ...]
    has_poll: bool
    polls: tuple[PollTally, ...] = ()
    """The poll at its latest reading, per platform (none before the first reading)."""

    @property
    def when(self) -> str:
        """ "2026-11-24 09:30", local to the campaign."""
        return shown(self.scheduled_at, self.zone)


@dataclass(frozen=True)
class TrailEntry:
    """One audit event of a post: when, who, what, and the text diff of an edit."""

    at: datetime
    kind: str
    person: str | None
    message: str
    diff: str


def queue_rows(
    session: Session,
    *,
    scheduled_from: datetime,
    scheduled_to: datetime,
    campaign_slug: str | None = None,
    state: str | None = None,
    platform: str | None = None,
    limit: int = 200,
    awaiting: Person | None = None,
) -> list[QueueRow]:
    """The posts of one period with the filters of `posts.list_posts`, by time."""
    found = posts.list_posts(
        session,
        campaign_slug=campaign_slug,
        state=state,
        platform=platform,
        scheduled_from=scheduled_from,
        scheduled_to=scheduled_to,
        limit=limit,
        awaiting=awaiting,
    )
    polled = {post.id for post in found if post.poll}
    readings: dict[int, list[PollTally]] = {}
    for tally in polls.latest(session) if polled else ():
        if tally.post_id in polled:
            readings.setdefault(tally.post_id, []).append(tally)
    return [_row(post, tuple(readings.get(post.id, ()))) for post in found]


def _row(post: Post, readings: tuple[PollTally, ...]) -> QueueRow:
    zone = ZoneInfo(post.campaign.time_zone)
    return QueueRow(
        id=post.id,
        key=post.key,
        campaign_slug=post.campaign.slug,
        state=post.state,
        scheduled_at=post.scheduled_at,
        zone=zone,
        author=post.author,
        text=post.text,
        tally=approvals.tally(post),
        deliveries=tuple(
            DeliveryLine(
                account=delivery.account.name,
                state=delivery.state,
                reason=shown_reason(delivery.last_error, zone),
            )
            for delivery in post.deliveries
        ),
        has_poll=bool(post.poll),
        polls=readings,
    )


def trail(session: Session, post_id: int) -> list[TrailEntry]:
    """The post's audit trail, oldest first (see `events.of_post`), worded in the reader's
    language with its times in the post's campaign's zone."""
    zone = ZoneInfo(session.get_one(Post, post_id).campaign.time_zone)
    return [
        TrailEntry(
            at=event.at,
            kind=event.kind,
            person=event.person,
            message=events.shown_message(event, zone),
            diff=(event.data or {}).get("diff") or "",
        )
        for event in events.of_post(session, post_id)
    ]
