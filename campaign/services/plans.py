"""Importing a campaign plan: validated by `content/`, written here in one transaction.

Re-importing the same plan updates posts by their stable key instead of duplicating
them. A thread becomes a chain of posts (one per part, keys `KEY`, `KEY#2`, …) because
each part is its own delivery; platforms may split a long text into different numbers of
parts, so part N goes only to the accounts whose rendering has an N-th part.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from campaign.config import Settings
from campaign.errors import UserError
from campaign.i18n import language
from campaign.models import Campaign, Post, PostState
from campaign.services import capabilities, events
from campaign.services.posts import PostDraft, add_post, cancel
from content.plan import load_plan
from content.plan_model import AccountTarget, PlanError, PlannedPost
from content.platforms import Platform


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did."""

    slug: str
    created: int
    updated: int
    warnings: tuple[str, ...]


def account_targets(settings: Settings) -> dict[str, AccountTarget]:
    """Where each configured account posts to, as the plan validator needs it."""
    return {
        account.name: AccountTarget(Platform(account.platform), account.max_characters)
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
                approved=planned.approved,
                spoiler_text=planned.spoiler_text,
            )
        )
    return drafts


def save_planned(
    session: Session,
    campaign: Campaign,
    planned: PlannedPost,
    platform_of: dict[str, str],
    limits: dict[str, int | None],
) -> list[Post]:
    """Write one validated post (a thread: every part) as a chain of posts, by stable keys.

    Shared by plan import and the TUI's composer, so a thread is stored one way only.
    When a thread got shorter since it was last saved, the parts beyond its new end are
    cancelled (what was already sent stays sent, and the audit log says so).
    """
    saved: list[Post] = []
    for position, draft in enumerate(_part_drafts(planned, platform_of)):
        post = add_post(session, campaign, draft, limits)
        post.thread_parent_id = saved[-1].id if saved else None
        post.thread_position = position
        saved.append(post)
    for leftover in _parts_beyond(session, campaign, planned.key, len(saved)):
        cancel(session, leftover)
    return saved


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


def import_plan(session: Session, settings: Settings, path: Path) -> ImportOutcome:
    """Validate and write a plan; nothing is written when any post is invalid."""
    settings.require_accounts()
    try:
        plan = load_plan(path, account_targets(settings), settings.media_folders())
    except PlanError as error:
        raise UserError(error.describe(language())) from None
    info = plan.campaign
    campaign = session.scalar(select(Campaign).where(Campaign.slug == info.slug))
    if campaign is None:
        campaign = Campaign(slug=info.slug)
        session.add(campaign)
    campaign.name = info.name
    campaign.description = info.description
    campaign.time_zone = info.timezone
    session.flush()
    existing = set(session.scalars(select(Post.key).where(Post.campaign_id == campaign.id)))
    platform_of = {account.name: account.platform for account in settings.accounts}
    limits = capabilities.character_limits(session, settings)
    created = updated = 0
    kept_cancelled: list[str] = []
    for planned in plan.posts:
        for post in save_planned(session, campaign, planned, platform_of, limits):
            if post.key in existing:
                updated += 1
            else:
                created += 1
            if post.state == PostState.CANCELLED:
                kept_cancelled.append(post.key)
    events.record(
        session,
        "campaign.imported",
        f"plan {path.name}: {created} created, {updated} updated",
        campaign_id=campaign.id,
    )
    warnings = tuple(w.describe(plan.source, language()) for w in plan.warnings)
    if kept_cancelled:
        warnings += (
            f"{', '.join(kept_cancelled)}: cancelled earlier, kept cancelled; "
            "to send again, add the post under a new key",
        )
    return ImportOutcome(info.slug, created, updated, warnings)
