"""The dashboard's aggregates and the alerts every TUI screen shows, computed in SQL.

Each query is bounded (a time window on an indexed column, or a LIMIT), so the dashboard
stays fast with a million replies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from campaign.models import (
    Account,
    AccountState,
    Campaign,
    Delivery,
    DeliveryState,
    Event,
    Heartbeat,
    Post,
    Reply,
)
from campaign.reasons import shown_reason

HEARTBEAT_STALE = timedelta(seconds=30)
"""A daemon silent for longer than this is shown as not running (it ticks every few s)."""


@dataclass(frozen=True)
class DueDelivery:
    """A delivery waiting to go out."""

    due_at: datetime
    post_key: str
    account: str
    state: str
    zone: ZoneInfo
    """The post's campaign's zone: the due time is shown in it."""


@dataclass(frozen=True)
class DaemonHealth:
    """The newest daemon's heartbeat; `last_seen` None means no daemon ever ran."""

    running: bool
    last_seen: timedelta | None
    queue_length: int
    errors: int


@dataclass(frozen=True)
class DaySentiment:
    """Replies of one local day, split by effective label (a person's label wins)."""

    day: datetime
    positive: int
    neutral: int
    negative: int
    unclassified: int

    @property
    def total(self) -> int:
        return self.positive + self.neutral + self.negative + self.unclassified


@dataclass(frozen=True)
class Alert:
    """Something a person must look at; `campaign_slug` is what the pause key acts on."""

    kind: str
    message: str
    campaign_slug: str | None
    campaign_paused: bool


@dataclass(frozen=True)
class FlaggedDelivery:
    """A delivery a person must look at: failed, or held for review with the reason."""

    post_id: int
    post_key: str
    account: str
    state: str
    error: str | None
    campaign_slug: str
    campaign_paused: bool


@dataclass(frozen=True)
class Overview:
    """The dashboard's quick figures, read in one worker call every refresh.

    The 7-day sentiment split is read apart (`sentiment_by_day`): it counts a week of
    replies, and the rest of the screen should not wait for it.
    """

    due: list[DueDelivery]
    last_day_states: dict[str, int]
    broken_accounts: list[tuple[str, str, str | None]]
    daemon: DaemonHealth
    newest_reply_id: int | None = None
    """The newest stored reply: when it moves, the 7-day split is read again."""


def next_due(session: Session, *, limit: int = 8) -> list[DueDelivery]:
    """The next deliveries waiting to go out, soonest first."""
    rows = session.execute(
        select(Delivery.due_at, Post.key, Account.name, Delivery.state, Campaign.time_zone)
        .join(Post, Post.id == Delivery.post_id)
        .join(Campaign, Campaign.id == Post.campaign_id)
        .join(Account, Account.id == Delivery.account_id)
        .where(Delivery.state.in_((DeliveryState.PENDING, DeliveryState.RETRY)))
        .order_by(Delivery.due_at, Delivery.id)
        .limit(limit)
    )
    return [
        DueDelivery(due_at, key, account, state, ZoneInfo(time_zone))
        for due_at, key, account, state, time_zone in rows
    ]


def delivery_states_since(session: Session, since: datetime) -> dict[str, int]:
    """How many deliveries changed into each state since `since`."""
    rows = session.execute(
        select(Delivery.state, func.count(Delivery.id))
        .where(Delivery.updated_at >= since)
        .group_by(Delivery.state)
    )
    return {state: count for state, count in rows}


def broken_accounts(session: Session, zone: ZoneInfo) -> list[tuple[str, str, str | None]]:
    """(name, state, reason) of every account that cannot post, times in `zone`."""
    rows = session.execute(
        select(Account.name, Account.state, Account.state_reason)
        .where(Account.state != AccountState.OK)
        .order_by(Account.name)
    )
    return [(name, state, shown_reason(reason, zone) or None) for name, state, reason in rows]


@dataclass(frozen=True)
class DaemonBeat:
    """One daemon that has not said it stopped; `running` is False once its heartbeat is
    older than `HEARTBEAT_STALE` (it died without saying so)."""

    daemon_id: str
    running: bool
    last_seen: timedelta
    queue_length: int
    errors: int


def _running(beat: Heartbeat, now: datetime) -> bool:
    """The one staleness rule for the TUI's header and `leuchtturm status`."""
    return beat.stopped_at is None and now - beat.last_tick <= HEARTBEAT_STALE


def daemon_health(session: Session, now: datetime) -> DaemonHealth:
    """Running, last seen N s ago, or never started."""
    beat = session.scalar(select(Heartbeat).order_by(Heartbeat.last_tick.desc()).limit(1))
    if beat is None:
        return DaemonHealth(running=False, last_seen=None, queue_length=0, errors=0)
    return DaemonHealth(_running(beat, now), now - beat.last_tick, beat.queue_length, beat.errors)


def daemons(session: Session, now: datetime) -> list[DaemonBeat]:
    """Every daemon that has not said it stopped, newest heartbeat first."""
    beats = session.scalars(
        select(Heartbeat)
        .where(Heartbeat.stopped_at.is_(None))
        .order_by(Heartbeat.last_tick.desc(), Heartbeat.daemon_id)
    )
    return [
        DaemonBeat(
            beat.daemon_id,
            _running(beat, now),
            now - beat.last_tick,
            beat.queue_length,
            beat.errors,
        )
        for beat in beats
    ]


def sentiment_by_day(
    session: Session, now: datetime, zone: ZoneInfo, *, days: int = 7
) -> list[DaySentiment]:
    """Reply volume and label split per local day, oldest first, today last.

    One indexed range query per day keeps the day boundaries in the campaign's time zone
    without dialect-specific date functions.
    """
    effective = func.coalesce(Reply.human_label, Reply.sentiment_label)
    today = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    result = []
    for back in range(days - 1, -1, -1):
        start = (today - timedelta(days=back)).replace(tzinfo=None).replace(tzinfo=zone)
        end = (start.replace(tzinfo=None) + timedelta(days=1)).replace(tzinfo=zone)
        counts = dict(
            session.execute(
                select(effective, func.count(Reply.id))
                .where(Reply.created_at >= start, Reply.created_at < end)
                .group_by(effective)
            ).all()
        )
        result.append(
            DaySentiment(
                day=start,
                positive=counts.get("positive", 0),
                neutral=counts.get("neutral", 0),
                negative=counts.get("negative", 0),
                unclassified=counts.get(None, 0),
            )
        )
    return result


def overview(session: Session, now: datetime, zone: ZoneInfo) -> Overview:
    """The dashboard's quick figures (reasons worded with times in `zone`)."""
    return Overview(
        due=next_due(session),
        last_day_states=delivery_states_since(session, now - timedelta(hours=24)),
        broken_accounts=broken_accounts(session, zone),
        daemon=daemon_health(session, now),
        newest_reply_id=newest_reply_id(session),
    )


def newest_reply_id(session: Session) -> int | None:
    """The id of the newest stored reply (None before the first): one primary-key lookup,
    cheap enough for every refresh, so a screen can tell that replies arrived."""
    return session.scalar(select(func.max(Reply.id)))
def campaign_zones(session: Session) -> dict[str, ZoneInfo]:
    """Every campaign's slug with the zone its times are read and shown in."""
    rows = session.execute(select(Campaign.slug, Campaign.time_zone).order_by(Campaign.slug))
    return {slug: ZoneInfo(zone) for slug, zone in rows}


def campaign_slugs(session: Session) -> list[str]:
    """Every campaign's slug, for the screens' filters: no counts, so it stays instant."""
    return list(session.scalars(select(Campaign.slug).order_by(Campaign.slug)))


def open_alerts(session: Session, zone: ZoneInfo, *, limit: int = 5) -> list[Alert]:
    """Open alert events, broken accounts and missed posts (deliveries needing review);
    an account's reason worded with times in `zone`, a delivery's in its campaign's."""
    alerts: list[Alert] = []
    events = session.execute(
        select(Event.kind, Event.message, Campaign.slug, Campaign.paused)
        .outerjoin(Campaign, Campaign.id == Event.campaign_id)
        .where(Event.kind.startswith("alert."), Event.resolved_at.is_(None))
        .order_by(Event.at.desc(), Event.id.desc())
        .limit(limit)
    )
    alerts += [
        Alert(kind, shown_reason(message, zone), slug, bool(paused))
        for kind, message, slug, paused in events
    ]
    for name, state, reason in broken_accounts(session, zone):
        slug, paused = _campaign_waiting_on(session, name)
        alerts.append(Alert(f"account.{state}", f"{name}: {reason or state}", slug, paused))
    alerts += [
        Alert(
            "delivery.needs_review",
            f"{flagged.post_key} → {flagged.account}: {flagged.error or '?'}",
            flagged.campaign_slug,
            flagged.campaign_paused,
        )
        for flagged in flagged_deliveries(session, (DeliveryState.NEEDS_REVIEW,), limit=limit)
    ]
    return alerts[:limit]


def flagged_deliveries(
    session: Session,
    states: tuple[DeliveryState, ...] = (DeliveryState.NEEDS_REVIEW, DeliveryState.FAILED),
    *,
    limit: int | None = 20,
) -> list[FlaggedDelivery]:
    """Deliveries in `states`, newest due first, with their post, account and campaign
    (all of them with `limit=None`)."""
    rows = session.execute(
        select(
            Post.id,
            Post.key,
            Account.name,
            Delivery.state,
            Delivery.last_error,
            Campaign.slug,
            Campaign.paused,
            Campaign.time_zone,
        )
        .join(Post, Post.id == Delivery.post_id)
        .join(Campaign, Campaign.id == Post.campaign_id)
        .join(Account, Account.id == Delivery.account_id)
        .where(Delivery.state.in_(states))
        .order_by(Delivery.due_at.desc(), Delivery.id.desc())
        .limit(limit)
    )
    return [
        FlaggedDelivery(
            post_id,
            key,
            account,
            state,
            shown_reason(error, ZoneInfo(time_zone)) or None,
            slug,
            bool(paused),
        )
        for post_id, key, account, state, error, slug, paused, time_zone in rows
    ]


def flagged_count(
    session: Session,
    states: tuple[DeliveryState, ...] = (DeliveryState.NEEDS_REVIEW, DeliveryState.FAILED),
) -> int:
    """How many deliveries are in `states`: what a shortened list leaves out."""
    return session.scalar(select(func.count(Delivery.id)).where(Delivery.state.in_(states))) or 0


def _campaign_waiting_on(session: Session, account_name: str) -> tuple[str | None, bool]:
    """The campaign whose next delivery is stuck on this account (what to pause)."""
    row = session.execute(
        select(Campaign.slug, Campaign.paused)
        .join(Post, Post.campaign_id == Campaign.id)
        .join(Delivery, Delivery.post_id == Post.id)
        .join(Account, Account.id == Delivery.account_id)
        .where(
            Account.name == account_name,
            Delivery.state.in_((DeliveryState.PENDING, DeliveryState.RETRY)),
        )
        .order_by(Delivery.due_at)
        .limit(1)
    ).first()
    return (row[0], bool(row[1])) if row else (None, False)
