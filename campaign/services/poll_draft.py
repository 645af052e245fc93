"""A poll typed in the composer or given to `post add`, checked as a plan's poll is.

The rules themselves live in content/polls.py; this module only knows where each account
posts to and what its instance said, so the TUI and the CLI refuse the same polls the plan
import refuses, with the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from sqlalchemy.orm import Session

from campaign.config import Settings
from campaign.errors import UserError
from campaign.services import plans
from campaign.services.posts import PostDraft
from content.polls import (
    PollSpec,
    needs_survey_link,
    poll_violations,
    survey_link_violation,
    with_survey_link,
)
from words import language, t


def poll_spec(options: Sequence[str], hours: float | None, multiple: bool) -> PollSpec | None:
    """The poll as typed: None when no option is given; blank options are left out."""
    chosen = tuple(option.strip() for option in options if option.strip())
    if not chosen:
        if hours is not None or multiple:
            raise UserError(t("poll.no_options"))
        return None
    if hours is None:
        raise UserError(t("poll.no_hours"))
    return PollSpec(chosen, timedelta(hours=hours), multiple)


def with_poll(
    session: Session,
    settings: Settings,
    draft: PostDraft,
    poll: PollSpec | None,
    survey_url: str = "",
) -> PostDraft:
    """The draft carrying the poll, refused whole (UserError) if any target breaks a rule;
    accounts whose platform has no polls get the survey link on their own line."""
    survey_url = survey_url.strip()
    if poll is None:
        if survey_url:
            raise UserError(t("poll.survey_without_poll"))
        return draft
    lang = language()
    problems = []
    if survey_url and (wrong := survey_link_violation(survey_url)) is not None:
        problems.append(wrong.text(lang))
    targets = plans.account_targets(settings, session)
    variants = dict(draft.variants)
    for name in draft.accounts:
        target = targets.get(name)
        if target is None:
            continue  # the post service names an unknown account
        problems += [
            f"{name}: {violation.text(lang)}"
            for violation in poll_violations(
                target.platform, poll, target.poll_rules, survey_url=survey_url,
                images=len(draft.media),
            )
        ]
        if survey_url and needs_survey_link(target.platform, target.poll_rules):
            platform = target.platform.value
            variants[platform] = with_survey_link(variants.get(platform, draft.text), survey_url)
    if problems:
        raise UserError(t("poll.refused", post=draft.key, problems="; ".join(problems)))
    return replace(draft, poll=poll, variants=variants)


