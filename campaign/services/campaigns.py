"""Campaigns: listing with counts, pausing and resuming their queues."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from campaign.errors import UserError
from campaign.models import Campaign, Delivery, DeliveryState, Event, Post, Reply, utc_now
from campaign.services import events


@dataclass(frozen=True)
class CampaignSummary:
    """One line of `campaign list`."""

    slug: str
    name: str
    time_zone: str
    paused: bool
    posts: int
    delivered: int
    replies: int


def by_slug(session: Session, slug: str) -> Campaign:
    """The campaign with this slug."""
    campaign = session.scalar(select(Campaign).where(Campaign.slug == slug))
    if campaign is None:
        raise UserError(f"no campaign {slug!r}: see `leuchtturm campaign list`")
    return campaign


def summaries(session: Session) -> list[CampaignSummary]:
    """Every campaign with its counts, computed in SQL."""
    posts = (
        select(Post.campaign_id, func.count(Post.id).label("n"))
        .group_by(Post.campaign_id)
        .subquery()
    )
    delivered = (
        select(Post.campaign_id, func.count(Delivery.id).label("n"))
        .join(Delivery, Delivery.post_id == Post.id)
        .where(Delivery.state == DeliveryState.SENT)
        .group_by(Post.campaign_id)
        .subquery()
    )
    replies = (
        select(Post.campaign_id, func.count(Reply.id).label("n"))
        .join(Delivery, Delivery.post_id == Post.id)
        .join(Reply, Reply.delivery_id == Delivery.id)
        .group_by(Post.campaign_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Campaign,
            func.coalesce(posts.c.n, 0),
            func.coalesce(delivered.c.n, 0),
            func.coalesce(replies.c.n, 0),
        )
        .outerjoin(posts, posts.c.campaign_id == Campaign.id)
        .outerjoin(delivered, delivered.c.campaign_id == Campaign.id)
        .outerjoin(replies, replies.c.campaign_id == Campaign.id)
        .order_by(Campaign.slug)
    )
    return [CampaignSummary(c.slug, c.name, c.time_zone, c.paused, p, d, r) for c, p, d, r in rows]


def pause(session: Session, slug: str, reason: str) -> Campaign:
    """Hold every pending delivery of the campaign until resumed."""
    campaign = by_slug(session, slug)
    campaign.paused = True
    campaign.paused_reason = reason
    events.record(session, "campaign.paused", f"{slug}: {reason}", campaign_id=campaign.id)
    return campaign


def resume(session: Session, slug: str) -> Campaign:
    """Let the campaign's deliveries go out again."""
    campaign = by_slug(session, slug)
    campaign.paused = False
    campaign.paused_reason = None
    open_alerts = select(Event).where(
        Event.campaign_id == campaign.id,
        Event.kind.startswith("alert."),
        Event.resolved_at.is_(None),
    )
    for alert in session.scalars(open_alerts):
        alert.resolved_at = utc_now()
    events.record(session, "campaign.resumed", f"{slug} resumed", campaign_id=campaign.id)
    return campaign
