"""Importing a campaign plan: validated by `content/`, written here in one transaction.

Re-importing the same plan updates posts by their stable key instead of duplicating
them. A thread becomes a chain of posts (one per part, keys `KEY`, `KEY#2`, …) because
each part is its own delivery; platforms may split a long text into different numbers of
parts, so part N goes only to the accounts whose rendering has an N-th part.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from campaign import approvals, lifecycle
from campaign.config import Settings
from campaign.errors import UserError
from campaign.models import Campaign, Post, PostState
from campaign.people import Person
from campaign.services import capabilities, events
from campaign.services.posts import PostDraft, add_post, approve, link_part
from content.local_time import LocalTimeError, to_utc
from content.plan import load_plan
from content.plan_model import AccountTarget, PlanError, PlannedPost
from content.platforms import Platform
from words import language, t
from words.coded import Coded


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did."""

    slug: str
    created: int
    updated: int
    warnings: tuple[str, ...]


def account_targets(
    settings: Settings, session: Session | None = None
) -> dict[str, AccountTarget]:
    """Where each configured account posts to, as the plan validator needs it; with a
    session, the poll rules each instance stated (else the platforms' defaults)."""
    rules = capabilities.poll_rules(session, settings) if session is not None else {}
    return {
        account.name: AccountTarget(
            Platform(account.platform), account.max_characters, rules.get(account.name)
        )
        for account in settings.accounts
    }


def _part_drafts(planned: PlannedPost, platform_of: dict[str, str]) -> list[PostDraft]:
    """One draft per thread part (a lone post is a thread of one)."""
    parts = max(len(texts) for texts in planned.rendered.values())
    drafts = []
    for index in range(parts):
        accounts = [name for name in planned.accounts if len(planned.rendered[name]) > index]
        variants = {platform_of[name]: planned.rendered[name][index] for name in accounts}
        key = planned.key if index == 0 else f"{planned.key}#{index + 1}"
        drafts.append(
            PostDraft(
                key=key,
                text=variants[platform_of[accounts[0]]],
                scheduled_at=planned.at,
                accounts=accounts,
                variants=variants,
                media=[(m.path, m.alt_text) for m in planned.media] if index == 0 else (),
                spoiler_text=planned.spoiler_text,
                poll=planned.poll if index == 0 else None,
            )
        )
    return drafts


def save_planned(
    session: Session,
    campaign: Campaign,
    planned: PlannedPost,
    platform_of: dict[str, str],
    limits: dict[str, int | None],
    *,
    now: datetime | None = None,
    person: Person | None = None,
) -> list[Post]:
    """Write one validated post (a thread: every part) as a chain of posts, by stable keys.

    Shared by plan import and the TUI's composer, so a thread is stored one way only, and
    acts as one: approved together, and when its head was cancelled every part stays
    cancelled. When a thread got shorter since it was last saved, the parts beyond its new
    end are cancelled (what was already sent stays sent, and the audit log says so).
    With `now`, a new time in the past is refused. `approved` is the saver's own approval:
    where four eyes forbid it (their own post) the thread waits for someone else's.
    """
    actor = person or approvals.UNNAMED
    saved: list[Post] = []
    hint = t("plan.past_hint")
    for position, draft in enumerate(_part_drafts(planned, platform_of)):
        post = add_post(session, campaign, draft, limits, now=now, past_hint=hint, person=actor)
        link_part(post, saved[-1] if saved else None, position)
        saved.append(post)
    session.flush()
    for leftover in _parts_beyond(session, campaign, planned.key, len(saved)):
        lifecycle.cancel(session, leftover, person=actor.name)
    head = saved[0]
    if head.state == PostState.CANCELLED:
        for part in saved[1:]:
            if part.state != PostState.CANCELLED:
                lifecycle.cancel(session, part, person=actor.name)
    elif planned.approved and head.state == PostState.DRAFT and _may_approve(saved, actor):
        approve(session, head, person=actor)
    return saved


def _may_approve(parts: list[Post], person: Person) -> bool:
    return all(approvals.refusal(part, person) is None for part in parts)


def _not_approved(heads: list[Post], person: Person) -> str:
    """One line for every post the plan marks approved that still waits, with the first
    reason (the importer wrote them, their role, or more approvals needed)."""
    tally = approvals.tally(heads[0])
    reason = approvals.refusal(heads[0], person) or t(
        "approval.tally", given=tally.given, required=tally.required
    )
    keys = ", ".join(head.key for head in heads)
    return t("plan.not_approved", count=len(heads), reason=reason, keys=keys)


def _parts_beyond(session: Session, campaign: Campaign, key: str, parts: int) -> list[Post]:
    """Live posts `KEY#n` of this campaign with n above `parts`."""
    candidates = session.scalars(
        select(Post).where(
            Post.campaign_id == campaign.id,
            Post.key.startswith(f"{key}#", autoescape=True),
            Post.state != PostState.CANCELLED,
        )
    )
    return [
        post
        for post in candidates
        if (number := post.key.rpartition("#")[2]).isdigit() and int(number) > parts
    ]


def shifted(planned: PlannedPost, days: int, zone: ZoneInfo) -> PlannedPost:
    """The post `days` later at the same local wall-clock time (DST checked by content/)."""
    moved = planned.at.astimezone(zone).replace(tzinfo=None) + timedelta(days=days)
    try:
        return replace(planned, at=to_utc(moved, zone))
    except LocalTimeError as error:
        raise UserError(f"{planned.key}: --shift-to: {error.text()}") from None


def import_plan(
    session: Session,
    settings: Settings,
    path: Path,
    *,
    shift_to: date | None = None,
    now: datetime | None = None,
    person: Person | None = None,
) -> ImportOutcome:
    """Validate and write a plan; nothing is written when any post is invalid.

    `shift_to` moves the whole plan so that its first post falls on that local date,
    every post keeping its local time and its distance in days (last year's event week,
    reused). With `now`, a new post in the past is refused. The plan's approval policy
    (else the configured default) becomes the campaign's.
    """
    settings.require_accounts()
    actor = person or approvals.UNNAMED
    try:
        plan = load_plan(path, account_targets(settings, session), settings.media_folders())
    except PlanError as error:
        raise UserError(error.describe(language())) from None
    info = plan.campaign
    planned_posts = list(plan.posts)
    if shift_to is not None and planned_posts:
        zone = ZoneInfo(info.timezone)
        first = min(p.at for p in planned_posts).astimezone(zone).date()
        days = shift_to.toordinal() - first.toordinal()
        planned_posts = [shifted(p, days, zone) for p in planned_posts]
    campaign = session.scalar(select(Campaign).where(Campaign.slug == info.slug))
    if campaign is None:
        campaign = Campaign(slug=info.slug)
        session.add(campaign)
    campaign.name = info.name
    campaign.description = info.description
    campaign.time_zone = info.timezone
    campaign.approvals_required = info.approvals or settings.approval.approvals
    campaign.track = list(info.track)
    campaign.reapprove_on_reschedule = (
        settings.approval.reapprove_on_reschedule
        if info.reapprove_on_reschedule is None
        else info.reapprove_on_reschedule
    )
    session.flush()
    existing = set(session.scalars(select(Post.key).where(Post.campaign_id == campaign.id)))
    platform_of = {account.name: account.platform for account in settings.accounts}
    limits = capabilities.character_limits(session, settings)
    created = updated = 0
    kept_cancelled: list[str] = []
    not_approved: list[str] = []
    for planned in planned_posts:
        saved = save_planned(
            session, campaign, planned, platform_of, limits, now=now, person=actor
        )
        if planned.approved and saved[0].state == PostState.DRAFT:
            not_approved.append(saved[0])
        for post in saved:
            if post.key in existing:
                updated += 1
            else:
                created += 1
            if post.state == PostState.CANCELLED:
                kept_cancelled.append(post.key)
    events.record(
        session,
        "campaign.imported",
        Coded("event.imported", {"plan": path.name, "created": created, "updated": updated}),
        campaign_id=campaign.id,
        person=actor.name,
    )
    warnings = tuple(w.describe(plan.source, language()) for w in plan.warnings)
    if not_approved:
        warnings += (_not_approved(not_approved, actor),)
    if kept_cancelled:
        warnings += (
            f"{', '.join(kept_cancelled)}: cancelled earlier, kept cancelled; "
            "to send again, add the post under a new key",
        )
    return ImportOutcome(info.slug, created, updated, warnings)
