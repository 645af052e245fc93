"""Assembles one week's figures (and the week before, for comparison) from the queries.

The reported week's replies are read as one grouped aggregate (`queries.reply_groups`);
the few dozen groups it returns are summed here into day volumes, splits, models and
overrides. The previous week needs only its day volumes (`queries.day_volumes`).
Reply texts are shortened, their authors pseudonymised when asked, and every configured
secret is blanked from delivery errors, so nothing a report shows needs redacting later.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from campaign.models import Account, Reply
from campaign.privacy.retention import cutoff
from campaign.redaction import redact
from campaign.reports import queries
from campaign.reports.city import city_figures
from campaign.reports.figures import (
    LABELS,
    DataGaps,
    DayVolume,
    LabelCounts,
    ModelUse,
    PlatformEngagement,
    ProblemDelivery,
    ReplyCoverage,
    ReplyExcerpt,
    ReplyGroup,
    SentimentSplit,
    WeekFigures,
    WeeklyReport,
    WeekSummary,
)
from campaign.reports.poll_section import poll_outcomes
from campaign.reports.week import Week
from campaign.services import campaigns, capabilities
from connectors.base import PlatformLimits

EXCERPT_CHARACTERS = 140
MENTION = re.compile(r"(?<![\w@])(@)([\w-]+(?:[.@][\w-]+)*)")
"""@name (X), @name.bsky.social (Bluesky), @name@server.example (Mastodon); a sentence's
full stop after it is not part of the handle."""


@dataclass(frozen=True)
class Privacy:
    """How a report treats people: `pseudonym` maps handles (None shows them as they are);
    `secrets` are blanked wherever they appear."""

    pseudonym: Callable[[str], str] | None
    secrets: Sequence[str] = ()
    retention_days: int | None = None
    """Texts and authors older than this are never shown (`retention.cutoff`), whether or
    not the nightly purge has deleted them yet; None shows all that is stored."""

    def kept_since(self, now: datetime) -> datetime | None:
        """The oldest moment whose texts a report may show."""
        return None if self.retention_days is None else cutoff(now, self.retention_days)

    def author(self, handle: str) -> str:
        return self.pseudonym(handle) if self.pseudonym else handle

    def scrub(self, text: str, handle: str | None = None) -> str:
        """`text` without secrets; when pseudonymising, the author's own handle and every
        @mention (someone else's handle) replaced by its pseudonym, in any letter case."""
        text = redact(text, self.secrets)
        pseudonym = self.pseudonym
        if pseudonym is None:
            return text
        text = MENTION.sub(lambda m: m.group(1) + pseudonym(m.group(2)), text)
        if handle:
            text = re.sub(re.escape(handle), lambda _: pseudonym(handle), text, flags=re.I)
        return text


def shorten(text: str, limit: int = EXCERPT_CHARACTERS) -> str:
    """One line of at most `limit` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def weekly_report(
    session: Session,
    *,
    now: datetime,
    zone: ZoneInfo,
    privacy: Privacy,
    week: str | None = None,
    campaign_slug: str | None = None,
) -> WeeklyReport:
    """The report for ISO `week` (default: the last complete week before `now`).

    With `campaign_slug`, the week is the campaign's week in its own time zone.
    """
    campaign_id = None
    if campaign_slug is not None:
        campaign = campaigns.by_slug(session, campaign_slug)
        campaign_id, zone = campaign.id, ZoneInfo(campaign.time_zone)
    chosen = Week.parse(week, zone) if week else Week.containing(now, zone).previous()
    previous = chosen.previous()
    return WeeklyReport(
        campaign=campaign_slug,
        time_zone=zone.key,
        generated_at=now,
        pseudonymised=privacy.pseudonym is not None,
        current=week_figures(session, chosen, campaign_id, now, privacy),
        previous=week_summary(
            session,
            previous,
            campaign_id,
            queries.day_volumes(session, previous.days(), campaign_id),
        ),
    )


def week_summary(
    session: Session,
    week: Week,
    campaign_id: int | None,
    volumes: Sequence[tuple[int, str | None, int]],
) -> WeekSummary:
    """The headline figures of `week`, given its replies as (day index, label, count)."""
    return WeekSummary(
        week=week.label,
        start=week.start,
        end=week.end,
        published=tuple(queries.published(session, week.start, week.end, campaign_id)),
        engagement=tuple(
            queries.engagement_per_platform(session, week.start, week.end, campaign_id)
        ),
        days=tuple(
            DayVolume(day.day, label_counts((lb, n) for d, lb, n in volumes if d == index))
            for index, day in enumerate(week.days())
        ),
    )


def week_figures(
    session: Session, week: Week, campaign_id: int | None, now: datetime, privacy: Privacy
) -> WeekFigures:
    """Every figure of the reported week."""
    start, end = week.start, week.end
    groups = queries.reply_groups(session, week.days(), campaign_id)
    summary = week_summary(
        session, week, campaign_id, [(g.day, g.label, g.replies) for g in groups]
    )
    known = _capabilities(session)
    windows = {
        account_id: limits.replies_window
        for account_id, (_, limits) in known.items()
        if limits.replies_window is not None
    }
    x_closed, x_late = queries.search_window(session, start, end, campaign_id, now, windows)
    federated = {platform for platform, limits in known.values() if limits.federated_replies}

    def excerpts(replies: list[Reply]) -> tuple[ReplyExcerpt, ...]:
        return tuple(_excerpt(reply, privacy) for reply in replies)

    kept_since = privacy.kept_since(now)

    return WeekFigures(
        **{name: getattr(summary, name) for name in WeekSummary.__dataclass_fields__},
        problems=tuple(
            ProblemDelivery(
                p.post_key,
                p.account,
                p.state,
                privacy.scrub(p.reason),  # a stored code: worded in the report's language
                p.due_at,
            )
            for p in queries.problems(session, start, end, campaign_id)
        ),
        followers=tuple(queries.follower_growth(session, start, end, campaign_id)),
        top_posts=tuple(
            replace(post, text=shorten(privacy.scrub(post.text)))
            for post in queries.top_posts(session, start, end, campaign_id)
        ),
        sentiment=tuple(
            SentimentSplit(
                platform,
                slug,
                label_counts(
                    (g.label, g.replies)
                    for g in groups
                    if g.platform == platform and g.campaign == slug
                ),
            )
            for platform, slug in sorted({(g.platform, g.campaign) for g in groups})
        ),
        most_negative=excerpts(
            queries.extreme_replies(
                session, start, end, campaign_id, "negative", kept_since=kept_since
            )
        ),
        most_positive=excerpts(
            queries.extreme_replies(
                session, start, end, campaign_id, "positive", kept_since=kept_since
            )
        ),
        unanswered=excerpts(
            queries.oldest_open_questions(
                session, start, end, campaign_id, kept_since=kept_since
            )
        ),
        unanswered_total=sum(g.open_questions for g in groups),
        gaps=DataGaps(
            coverage=reply_coverage(
                summary.engagement,
                queries.replies_collected(session, start, end, campaign_id),
                federated,
            ),
            x_posts_past_search_window=x_closed,
            x_posts_collected_too_late=x_late,
            without_impressions=tuple(
                e.platform for e in summary.engagement if e.impressions is None
            ),
            unclassified=summary.replies.unclassified,
            models=models_used(groups),
            human_labels=sum(g.human_labels for g in groups),
            human_overrides=sum(g.human_overrides for g in groups),
        ),
        city=city_figures(
            session,
            week,
            campaign_id,
            kept_since,
            privacy.author,
            lambda post: _excerpt(post, privacy),
        ),
        polls=poll_outcomes(session, start, end, campaign_id),
    )


def reply_coverage(
    engagement: Iterable[PlatformEngagement],
    collected: dict[str, int],
    federated: frozenset[str] | set[str] = frozenset(),
) -> tuple[ReplyCoverage, ...]:
    """Replies each platform counts on the week's posts (their latest snapshots) against
    replies stored: a shortfall is what federation (platforms in `federated`, as their
    connectors say), the search window or deleted replies hid."""
    return tuple(
        ReplyCoverage(
            row.platform,
            row.replies,
            collected.get(row.platform, 0),
            federated=row.platform in federated,
        )
        for row in engagement
    )


def _capabilities(session: Session) -> dict[int, tuple[str, PlatformLimits]]:
    """Each account's platform and limits, where its connector was asked."""
    found: dict[int, tuple[str, PlatformLimits]] = {}
    for row in session.scalars(select(Account)):
        limits = capabilities.of(row)
        if limits is not None:
            found[row.id] = (row.platform, limits)
    return found


def label_counts(counted: Iterable[tuple[str | None, int]]) -> LabelCounts:
    """(effective label, replies) pairs summed into one split."""
    totals = dict.fromkeys((*LABELS, None), 0)
    for label, replies in counted:
        totals[label] += replies
    return LabelCounts(*totals.values())


def models_used(groups: Iterable[ReplyGroup]) -> tuple[ModelUse, ...]:
    """Which model and revision judged how many replies, most used first."""
    totals: dict[tuple[str, str], int] = {}
    for group in groups:
        if group.model is not None:
            key = (group.model, group.revision or "?")
            totals[key] = totals.get(key, 0) + group.replies
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ModelUse(model, revision, count) for (model, revision), count in ranked)


def _excerpt(reply: Reply, privacy: Privacy) -> ReplyExcerpt:
    """The model's score only where its label stands: it says nothing about a person's."""
    return ReplyExcerpt(
        platform=reply.platform,
        author=privacy.author(reply.author_handle),
        text=shorten(privacy.scrub(reply.text, reply.author_handle)),
        label=reply.effective_label,
        score=reply.sentiment_score if reply.human_label in (None, reply.sentiment_label) else None,
        url="" if privacy.pseudonym else reply.url,
        created_at=reply.created_at,
    )
