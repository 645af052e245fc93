"""Negative-spike alerts: when a campaign's replies, or what the city posts about it, turn
sour faster than usual.

Replies and posts found by listening are judged apart (`REPLIES`, `HEARD`), each against
its own baseline and with its own thresholds: a hashtag is louder and more mixed than the
answers under our posts, and one must not hide or trigger the other.

The share of negative posts in the last hour is compared with the campaign's own
baseline (the seven days before) by a one-sided binomial z-score, so a campaign that is
always criticised does not alarm, and one loud hour in a quiet campaign does. Counts come
from SQL aggregates; a human label wins over the model's.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session

from campaign.db import Database
from campaign.models import Campaign, Delivery, Event, HeardKind, Post, Reply
from campaign.services import events
from words.coded import Coded

WINDOW = timedelta(hours=1)
BASELINE = timedelta(days=7)
FLOOR = 0.05
"""Lowest baseline share assumed, so a campaign without any negative history does not
alarm on its first two critical replies."""
PRIOR_SHARE = 0.3
"""Baseline for a campaign with too little history of its own: about the share of negative
replies a public-sector account usually gets, so a new campaign's first hour is not an
alarm by itself."""


@dataclass(frozen=True)
class Source:
    """Which posts an alert counts and how they find their campaign; the event kind is
    also the catalogue key of the alert's words."""

    event_kind: str
    campaign_id: ColumnElement[Any]
    joined: Callable[[Select[Any]], Select[Any]]
    condition: ColumnElement[bool]


REPLIES = Source(
    "alert.negative_spike",
    Post.campaign_id,
    lambda query: query.join(Delivery, Reply.delivery_id == Delivery.id).join(
        Post, Delivery.post_id == Post.id
    ),
    Reply.kind == HeardKind.REPLY,
)
HEARD = Source(
    "alert.listening_spike",
    Reply.campaign_id,
    lambda query: query,
    (Reply.kind != HeardKind.REPLY) & Reply.campaign_id.is_not(None),
)


@dataclass(frozen=True)
class SpikeCheck:
    """The figures behind one decision, kept in the alert for people to judge."""

    campaign_id: int
    replies: int
    negative: int
    baseline_share: float
    z: float


def z_score(negative: int, replies: int, baseline_share: float) -> float:
    """How many standard errors the observed share lies above the baseline."""
    p0 = min(max(baseline_share, FLOOR), 1 - FLOOR)
    observed = negative / replies
    return (observed - p0) / math.sqrt(p0 * (1 - p0) / replies)


def _shares(
    session: Session, source: Source, since: datetime, until: datetime
) -> dict[int, tuple[int, int]]:
    label = func.coalesce(Reply.human_label, Reply.sentiment_label)
    query = select(
        source.campaign_id,
        func.count(Reply.id),
        func.sum(case((label == "negative", 1), else_=0)),
    )
    rows = session.execute(
        source.joined(query)
        .where(
            source.condition,
            Reply.created_at >= since,
            Reply.created_at < until,
            label.is_not(None),
        )
        .group_by(source.campaign_id)
    )
    return {campaign_id: (total, int(negative or 0)) for campaign_id, total, negative in rows}


def check_spikes(
    database: Database,
    now: datetime,
    threshold: float,
    min_replies: int,
    source: Source = REPLIES,
) -> list[SpikeCheck]:
    """Write an alert event for every campaign whose last hour spiked; returns those."""
    raised = []
    with database.session() as session:
        recent = _shares(session, source, now - WINDOW, now)
        baseline = _shares(session, source, now - WINDOW - BASELINE, now - WINDOW)
        for campaign_id, (replies, negative) in recent.items():
            if replies < min_replies:
                continue
            base_total, base_negative = baseline.get(campaign_id, (0, 0))
            share = base_negative / base_total if base_total >= min_replies else PRIOR_SHARE
            check = SpikeCheck(
                campaign_id, replies, negative, share, z_score(negative, replies, share)
            )
            if check.z < threshold or _already_alerted(session, source, campaign_id, now):
                continue
            _raise(session, source, check, now)
            raised.append(check)
    return raised


def _already_alerted(session: Session, source: Source, campaign_id: int, now: datetime) -> bool:
    open_alert = session.scalar(
        select(Event.id).where(
            Event.kind == source.event_kind,
            Event.campaign_id == campaign_id,
            Event.resolved_at.is_(None),
            Event.at > now - WINDOW,
        )
    )
    return open_alert is not None


def _raise(session: Session, source: Source, check: SpikeCheck, now: datetime) -> None:
    campaign = session.get_one(Campaign, check.campaign_id)
    label = func.coalesce(Reply.human_label, Reply.sentiment_label)
    causes = list(
        session.scalars(
            source.joined(select(Reply.id))
            .where(
                source.condition,
                source.campaign_id == check.campaign_id,
                Reply.created_at >= now - WINDOW,
                label == "negative",
            )
            .order_by(Reply.created_at.desc())
            .limit(50)
        )
    )
    events.record(
        session,
        source.event_kind,
        Coded(
            source.event_kind,
            {
                "slug": campaign.slug,
                "negative": check.negative,
                "replies": check.replies,
                "baseline": check.baseline_share,
            },
        ),
        at=now,
        campaign_id=check.campaign_id,
        data={
            "replies": check.replies,
            "negative": check.negative,
            "baseline_share": round(check.baseline_share, 4),
            "z": round(check.z, 2),
            "reply_ids": causes,
        },
    )
