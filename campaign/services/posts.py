"""Posts: create, validate, approve, reschedule, cancel.

Approval is where a post becomes deliverable: one delivery per target account is created
with its own idempotency key, so the daemon can send each exactly once.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from campaign.errors import UserError
from campaign.models import (
    Account,
    Campaign,
    Delivery,
    DeliveryState,
    Media,
    Post,
    PostState,
    PostTarget,
    Variant,
    utc_now,
)
from campaign.services import events
from campaign.services.draft_input import input_problems
from content.check import MediaSpec, check_text
from content.platforms import Platform

CHANGEABLE_DELIVERY_STATES = (DeliveryState.PENDING, DeliveryState.RETRY)


@dataclass(frozen=True)
class PostDraft:
    """What an author supplies for one post (from the CLI, the TUI or a plan)."""

    key: str
    text: str
    scheduled_at: datetime
    accounts: Sequence[str]
    variants: dict[str, str] = field(default_factory=dict)
    media: Sequence[tuple[str, str]] = ()
    approved: bool = False
    spoiler_text: str = ""
    """Mastodon's content warning (sent to Mastodon accounts only)."""


def validation_problems(
    draft: PostDraft, accounts: Sequence[Account], limits: dict[str, int | None]
) -> list[str]:
    """Every rule the draft breaks on any of its target accounts, one line each."""
    problems = input_problems(draft, (Platform(account.platform) for account in accounts))
    if problems:  # an over-long text is not counted: counting is what takes long
        return problems
    media = [MediaSpec(path=path, alt_text=alt) for path, alt in draft.media]
    for account in accounts:
        text = draft.variants.get(account.platform, draft.text)
        result = check_text(
            Platform(account.platform), text, limit=limits.get(account.name), media=media,
            spoiler_text=draft.spoiler_text,
        )
        problems += [f"{account.name}: {violation.message}" for violation in result.violations]
    if draft.scheduled_at.tzinfo is None:
        problems.append("scheduled_at: time has no time zone")
    return problems


def add_post(
    session: Session,
    campaign: Campaign,
    draft: PostDraft,
    limits: dict[str, int | None],
) -> Post:
    """Create (or, for an existing key, update) a post; refuse it whole if invalid."""
    accounts = [_account(session, name) for name in draft.accounts]
    if not accounts:
        raise UserError(f"post {draft.key!r}: no target accounts")
    problems = validation_problems(draft, accounts, limits)
    if problems:
        raise UserError(f"post {draft.key!r}: " + "; ".join(problems))
    post = session.scalar(
        select(Post).where(Post.campaign_id == campaign.id, Post.key == draft.key)
    )
    if post is None:
        post = Post(campaign=campaign, key=draft.key, state=PostState.DRAFT)
        session.add(post)
    elif post.state == PostState.APPROVED and _has_started(post):
        raise UserError(f"post {draft.key!r} is already being delivered and cannot be changed")
    else:
        # Delete the old rows first: one flush would insert the new ones before deleting
        # the old, and trip the unique constraints on (post, platform) and (post, account).
        post.variants, post.media, post.targets = [], [], []
        session.flush()
    post.text = draft.text
    post.spoiler_text = draft.spoiler_text
    post.scheduled_at = draft.scheduled_at
    post.variants = [Variant(platform=p, text=t) for p, t in sorted(draft.variants.items())]
    post.media = [
        Media(position=i, path=path, alt_text=alt) for i, (path, alt) in enumerate(draft.media)
    ]
    post.targets = [PostTarget(account=account) for account in accounts]
    _follow_changes(session, post, {account.id for account in accounts})
    session.flush()
    events.record(
        session, "post.saved", f"post {post.key} saved", campaign_id=campaign.id, post_id=post.id
    )
    if draft.approved and post.state != PostState.CANCELLED:
        approve(session, post)  # a post cancelled by a person stays cancelled on re-import
    return post


def _follow_changes(session: Session, post: Post, account_ids: set[int]) -> None:
    """Deliveries not yet started follow a changed time and drop removed accounts."""
    for delivery in list(post.deliveries):
        if delivery.state not in CHANGEABLE_DELIVERY_STATES:
            continue
        if delivery.account_id in account_ids:
            delivery.due_at = post.scheduled_at
        else:
            session.delete(delivery)


def _account(session: Session, name: str) -> Account:
    account = session.scalar(select(Account).where(Account.name == name))
    if account is None:
        raise UserError(f"unknown account {name!r}: add it to config.toml under [[accounts]]")
    return account


def _has_started(post: Post) -> bool:
    return any(d.state not in CHANGEABLE_DELIVERY_STATES for d in post.deliveries)


def get_post(session: Session, post_id: int) -> Post:
    """A post with everything the CLI and TUI show about it."""
    post = session.scalar(
        select(Post)
        .where(Post.id == post_id)
        .options(
            selectinload(Post.variants),
            selectinload(Post.media),
            selectinload(Post.targets).selectinload(PostTarget.account),
            selectinload(Post.deliveries).selectinload(Delivery.account),
        )
    )
    if post is None:
        raise UserError(f"no post with id {post_id}: see `leuchtturm post list`")
    return post


def list_posts(
    session: Session,
    *,
    campaign_slug: str | None = None,
    state: str | None = None,
    platform: str | None = None,
    scheduled_from: datetime | None = None,
    scheduled_to: datetime | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[Post]:
    """Posts by time, optionally of one campaign, state, platform or time range; paged.

    `platform` keeps posts with a target or a delivery on an account of that platform (a
    target may have been dropped after its delivery went out). The range is aware UTC,
    `scheduled_from` inclusive and `scheduled_to` exclusive, so consecutive days or weeks
    never share a post.
    """
    query = (
        select(Post)
        .options(selectinload(Post.deliveries), selectinload(Post.campaign))
        .order_by(Post.scheduled_at, Post.id)
        .limit(limit)
        .offset(offset)
    )
    if campaign_slug:
        query = query.join(Campaign).where(Campaign.slug == campaign_slug)
    if state:
        query = query.where(Post.state == state)
    if platform:
        on_platform = select(Account.id).where(Account.platform == platform)
        targeted = select(PostTarget.post_id).where(PostTarget.account_id.in_(on_platform))
        delivered = select(Delivery.post_id).where(Delivery.account_id.in_(on_platform))
        query = query.where(Post.id.in_(targeted) | Post.id.in_(delivered))
    if scheduled_from is not None:
        query = query.where(Post.scheduled_at >= _aware(scheduled_from, "scheduled_from"))
    if scheduled_to is not None:
        query = query.where(Post.scheduled_at < _aware(scheduled_to, "scheduled_to"))
    return list(session.scalars(query))


def _aware(moment: datetime, name: str) -> datetime:
    """A range bound must say its zone: a naive one would be compared as if it were UTC."""
    if moment.tzinfo is None:
        raise ValueError(f"list_posts: {name} {moment.isoformat()} has no time zone")
    return moment


def approve(session: Session, post: Post) -> list[Delivery]:
    """Make a draft deliverable: one pending delivery per target account."""
    if post.state == PostState.CANCELLED:
        raise UserError(f"post {post.id} is cancelled; add it again instead")
    existing = {d.account_id for d in post.deliveries}
    created = []
    for target in post.targets:
        if target.account_id in existing:
            continue
        delivery = Delivery(
            post=post,
            account_id=target.account_id,
            state=DeliveryState.PENDING,
            idempotency_key=uuid.uuid4().hex,
            due_at=post.scheduled_at,
        )
        session.add(delivery)
        created.append(delivery)
    post.state = PostState.APPROVED
    post.approved_at = utc_now()
    session.flush()
    events.record(
        session,
        "post.approved",
        f"post {post.key} approved for {len(post.targets)} account(s)",
        campaign_id=post.campaign_id,
        post_id=post.id,
    )
    return created


def reschedule(session: Session, post: Post, when: datetime) -> None:
    """Move a post; deliveries that have not started move with it."""
    if when.tzinfo is None:
        raise UserError("the new time needs a time zone")
    if post.state == PostState.CANCELLED:
        raise UserError(f"post {post.id} is cancelled")
    old = post.scheduled_at
    post.scheduled_at = when
    for delivery in post.deliveries:
        if delivery.state in CHANGEABLE_DELIVERY_STATES:
            delivery.due_at = when
    events.record(
        session,
        "post.rescheduled",
        f"post {post.key} moved from {old.isoformat()} to {when.isoformat()}",
        campaign_id=post.campaign_id,
        post_id=post.id,
    )


def cancel(session: Session, post: Post) -> int:
    """Cancel a post; returns how many deliveries were withdrawn before sending."""
    withdrawn = 0
    for delivery in list(post.deliveries):
        if delivery.state in CHANGEABLE_DELIVERY_STATES:
            session.delete(delivery)
            withdrawn += 1
    already = [d for d in post.deliveries if d.state == DeliveryState.SENT]
    post.state = PostState.CANCELLED
    message = f"post {post.key} cancelled, {withdrawn} delivery(ies) withdrawn"
    if already:
        message += f", {len(already)} already sent (delete them on the platform if needed)"
    events.record(session, "post.cancelled", message, campaign_id=post.campaign_id, post_id=post.id)
    return withdrawn


def post_json(post: Post) -> dict[str, object]:
    """The stable JSON shape of a post for `--json` listings."""
    return {
        "id": post.id,
        "key": post.key,
        "campaign": post.campaign.slug,
        "state": post.state,
        "scheduled_at": post.scheduled_at.isoformat(),
        "text": post.text,
        "deliveries": [
            {
                "account_id": d.account_id,
                "state": d.state,
                "attempts": d.attempts,
                "remote_url": d.remote_url,
                "last_error": d.last_error,
            }
            for d in post.deliveries
        ],
    }


def retry(session: Session, post: Post, now: datetime) -> int:
    """Send failed or flagged deliveries of a post again, now; returns how many.

    Their attempt count is kept, so an earlier attempt that may have reached the platform
    is looked for before anything is published again.
    """
    retried = 0
    for delivery in post.deliveries:
        if delivery.state not in (DeliveryState.FAILED, DeliveryState.NEEDS_REVIEW):
            continue
        previous = delivery.state
        delivery.state = DeliveryState.RETRY
        delivery.due_at = now
        events.record(
            session,
            "delivery.retry",
            f"delivery {delivery.id}: {previous} → retry by hand (was: {delivery.last_error})",
            campaign_id=post.campaign_id,
            post_id=post.id,
            delivery_id=delivery.id,
        )
        retried += 1
    return retried
