"""Campaigns: listing with counts, pausing and resuming their queues."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from campaign.errors import UserError
from campaign.models import (
    Account,
    AccountState,
    Campaign,
    Delivery,
    DeliveryState,
    Event,
    HeardKind,
    Post,
    Reply,
    utc_now,
)
from campaign.reasons import shown_reason
from campaign.services import events
from words import t
from words.coded import Coded


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
        raise UserError(t("error.no_campaign", slug=slug))
    return campaign


def summaries(session: Session) -> list[CampaignSummary]:
    """Every campaign with its counts, computed in SQL.

    One grouped query per table instead of one wide join: replies are first counted per
    delivery (a walk over the covering index ix_replies_delivery_created, no table rows
    read), and only those per-delivery counts are joined to posts; sent deliveries are
    found through ix_deliveries_state_sent. With a million replies this reads in a fraction
    of the time the joined row-per-reply query took.
    """
    posts = _by_campaign(session, select(Post.campaign_id, func.count()).group_by(Post.campaign_id))
    delivered = _by_campaign(
        session,
        select(Post.campaign_id, func.count())
        .select_from(Delivery)
        .join(Post, Post.id == Delivery.post_id)
        .where(Delivery.state == DeliveryState.SENT)
        .group_by(Post.campaign_id),
    )
    per_delivery = (
        select(Reply.delivery_id, func.count().label("n")).group_by(Reply.delivery_id).subquery()
    )
    replies = _by_campaign(
        session,
        select(Post.campaign_id, func.sum(per_delivery.c.n))
        .select_from(per_delivery)
        .join(Delivery, Delivery.id == per_delivery.c.delivery_id)
        .join(Post, Post.id == Delivery.post_id)
        .group_by(Post.campaign_id),
    )
    return [
        CampaignSummary(
            c.slug,
            c.name,
            c.time_zone,
            c.paused,
            posts.get(c.id, 0),
            delivered.get(c.id, 0),
            replies.get(c.id, 0),
        )
        for c in session.scalars(select(Campaign).order_by(Campaign.slug))
    ]


def _by_campaign(session: Session, counts: Select[tuple[int, int]]) -> dict[int, int]:
    """A grouped (campaign id, count) query as a dict; a campaign without rows is absent."""
    return {campaign_id: int(count) for campaign_id, count in session.execute(counts)}


@dataclass(frozen=True)
class CampaignProgress:
    """How far one campaign has come: what the demo prints at its end."""

    posts: int
    delivered: int
    failed: int
    """Failed, or held for a person to look at."""
    replies: int
    classified: int
    tracked: int
    """Posts the city wrote on its own (tags, mentions, quotes) that listening collected."""


def progress(session: Session, slug: str) -> CampaignProgress:
    """One campaign's posts, deliveries and collected replies, counted in SQL."""
    campaign_posts = select(Post.id).join(Campaign).where(Campaign.slug == slug)
    own = Delivery.post_id.in_(campaign_posts)

    def deliveries(*states: DeliveryState) -> int:
        query = select(func.count(Delivery.id)).where(own, Delivery.state.in_(states))
        return session.scalar(query) or 0

    replies = select(func.count(Reply.id)).join(Delivery).where(own)
    campaign_id = select(Campaign.id).where(Campaign.slug == slug).scalar_subquery()
    tracked = select(func.count(Reply.id)).where(
        Reply.kind != HeardKind.REPLY, Reply.campaign_id == campaign_id
    )
    return CampaignProgress(
        posts=session.scalar(select(func.count()).select_from(campaign_posts.subquery())) or 0,
        delivered=deliveries(DeliveryState.SENT),
        failed=deliveries(DeliveryState.FAILED, DeliveryState.NEEDS_REVIEW),
        replies=session.scalar(replies) or 0,
        classified=session.scalar(replies.where(Reply.classified_at.is_not(None))) or 0,
        tracked=session.scalar(tracked) or 0,
    )


def pause(session: Session, slug: str, reason: str, *, person: str | None = None) -> Campaign:
    """Hold every pending delivery of the campaign until resumed."""
    campaign = by_slug(session, slug)
    campaign.paused = True
    campaign.paused_reason = reason
    events.record(
        session,
        "campaign.paused",
        Coded("event.paused", {"slug": slug, "reason": reason}),
        campaign_id=campaign.id,
        person=person,
    )
    return campaign


@dataclass(frozen=True)
class HeldByAccount:
    """An account that keeps a resumed campaign's posts waiting, and why."""

    name: str
    state: str
    reason: str
    waiting: int


def held_by_accounts(
    session: Session, campaign: Campaign, zone: ZoneInfo
) -> list[HeldByAccount]:
    """Accounts that cannot post (broken, out of credits) while this campaign's posts wait
    for them: resuming the campaign does not release those; `accounts verify` does. Their
    reasons are worded with times in `zone` (the configured one)."""
    rows = session.execute(
        select(Account.name, Account.state, Account.state_reason, func.count(Delivery.id))
        .join(Delivery, Delivery.account_id == Account.id)
        .join(Post, Post.id == Delivery.post_id)
        .where(
            Post.campaign_id == campaign.id,
            Delivery.state.in_((DeliveryState.PENDING, DeliveryState.RETRY)),
            Account.state != AccountState.OK,
        )
        .group_by(Account.name, Account.state, Account.state_reason)
        .order_by(Account.name)
    )
    return [
        HeldByAccount(name, state, shown_reason(reason, zone) or state, n)
        for name, state, reason, n in rows
    ]


def resume(session: Session, slug: str, *, person: str | None = None) -> Campaign:
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
    events.record(
        session,
        "campaign.resumed",
        Coded("event.resumed", {"slug": slug}),
        campaign_id=campaign.id,
        person=person,
    )
    return campaign
