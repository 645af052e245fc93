"""A text too long for a platform, saved as a thread: split per target account, by that
account's own limit, and written as a chain of posts the way a plan's thread is imported
(`plans.save_planned`), so the queue and the daemon treat both alike.

The composer and `leuchtturm post add --thread` both save here; they only gather the draft
and show the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from campaign.config import Settings
from campaign.errors import UserError
from campaign.people import Person
from campaign.services import campaigns, plans, poll_draft
from campaign.services.posts import PostDraft
from content.check import MediaSpec
from content.plan_model import AccountTarget, PlannedPost
from content.platforms import Platform
from content.thread import ThreadSplitError, split_thread
from words import t


@dataclass(frozen=True)
class SavedThread:
    """What was saved: the head's key and state, and how many parts each account gets."""

    key: str
    state: str
    parts: Mapping[str, int]
    """Per target account: its number of parts (an account with a longer limit may need
    fewer)."""
    post_ids: tuple[int, ...]
    """The chain's posts, head first."""

    @property
    def length(self) -> int:
        """The number of posts in the chain (the most any account needs)."""
        return len(self.post_ids)


def thread_parts(
    draft: PostDraft, targets: Mapping[str, AccountTarget], limits: Mapping[str, int | None]
) -> dict[str, tuple[str, ...]]:
    """Per target account, the texts it gets: its platform's variant (or the base text)
    split by its limit; the content warning counts on Mastodon only.

    Raises UserError for an account no longer configured, or a word too long for a part.
    """
    rendered: dict[str, tuple[str, ...]] = {}
    for name in draft.accounts:
        target = targets.get(name)
        if target is None:
            raise UserError(t("compose.unknown_account", name=name))
        text = draft.variants.get(target.platform.value, draft.text)
        spoiler = draft.spoiler_text if target.platform is Platform.MASTODON else ""
        limit = limits.get(name) or target.limit
        try:
            parts = split_thread(target.platform, text, limit=limit, spoiler_text=spoiler)
        except ThreadSplitError as error:
            raise UserError(f"{name}: {error.text()}") from None
        rendered[name] = tuple(parts)
    return rendered


def save_thread(
    session: Session,
    settings: Settings,
    campaign_slug: str,
    draft: PostDraft,
    limits: dict[str, int | None],
    *,
    survey_url: str = "",
    now: datetime | None = None,
    person: Person | None = None,
) -> SavedThread:
    """Split `draft` per account and save the parts as posts `KEY`, `KEY#2`, … (each
    pointing to the part before it), refused whole if any part breaks a rule.

    The draft's poll goes with the first part; accounts whose platform has no polls get
    `survey_url` in their text before it is split. With `now`, a time in the past is
    refused.
    """
    campaign = campaigns.by_slug(session, campaign_slug)
    polled = poll_draft.with_poll(session, settings, draft, draft.poll, survey_url)
    targets = plans.account_targets(settings, session)
    rendered = thread_parts(polled, targets, limits)
    planned = PlannedPost(
        key=polled.key,
        at=polled.scheduled_at,
        text=polled.text,
        variants={Platform(platform): text for platform, text in polled.variants.items()},
        media=tuple(MediaSpec(path=path, alt_text=alt) for path, alt in polled.media),
        accounts=tuple(polled.accounts),
        approved=polled.approved,
        thread=True,
        rendered=rendered,
        spoiler_text=polled.spoiler_text,
        poll=polled.poll,
    )
    platform_of = {name: target.platform.value for name, target in targets.items()}
    saved = plans.save_planned(
        session, campaign, planned, platform_of, limits, now=now, person=person
    )
    return SavedThread(
        key=planned.key,
        state=saved[0].state,
        parts={name: len(parts) for name, parts in rendered.items()},
        post_ids=tuple(post.id for post in saved),
    )
