"""Assembles one week's figures (and the week before, for comparison) from the queries.

Reply texts are shortened, their authors pseudonymised when asked, and every configured
secret is blanked from delivery errors, so nothing a report shows needs redacting later.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from campaign.logs import REDACTED
from campaign.models import Reply
from campaign.reports import queries
from campaign.reports.figures import (
    DataGaps,
    DayVolume,
    ProblemDelivery,
    ReplyExcerpt,
    SentimentSplit,
    WeekFigures,
    WeeklyReport,
)
from campaign.reports.week import Week
from campaign.services import campaigns

EXCERPT_CHARACTERS = 140


@dataclass(frozen=True)
class Privacy:
    """How a report treats people: `pseudonym` maps handles (None shows them as they are);
    `secrets` are blanked wherever they appear."""

    pseudonym: Callable[[str], str] | None
    secrets: Sequence[str] = ()

    def author(self, handle: str) -> str:
        return self.pseudonym(handle) if self.pseudonym else handle

    def scrub(self, text: str, handle: str | None = None) -> str:
        """`text` without secrets, and with the author's own handle replaced."""
        for secret in self.secrets:
            if len(secret) >= 4:
                text = text.replace(secret, REDACTED)
        if handle and self.pseudonym:
            text = text.replace(handle, self.pseudonym(handle))
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
    return WeeklyReport(
        campaign=campaign_slug,
        time_zone=zone.key,
        generated_at=now,
        pseudonymised=privacy.pseudonym is not None,
        current=week_figures(session, chosen, campaign_id, now, privacy),
        previous=week_figures(session, chosen.previous(), campaign_id, now, privacy),
    )


def week_figures(
    session: Session, week: Week, campaign_id: int | None, now: datetime, privacy: Privacy
) -> WeekFigures:
    """Every figure of one week."""
    start, end = week.start, week.end
    unanswered_total, unanswered = queries.unanswered_questions(session, start, end, campaign_id)
    labelled, overrides = queries.human_labels(session, start, end, campaign_id)
    x_closed, x_late = queries.x_search_window(session, start, end, campaign_id, now)
    engagement = queries.engagement_per_platform(session, start, end, campaign_id)
    days = tuple(
        DayVolume(day.day, queries.label_counts(session, day.start, day.end, campaign_id))
        for day in week.days()
    )

    def excerpts(replies: list[Reply]) -> tuple[ReplyExcerpt, ...]:
        return tuple(_excerpt(reply, privacy) for reply in replies)

    return WeekFigures(
        week=week.label,
        start=start,
        end=end,
        published=tuple(queries.published(session, start, end, campaign_id)),
        problems=tuple(
            ProblemDelivery(p.post_key, p.account, p.state, privacy.scrub(p.reason), p.due_at)
            for p in queries.problems(session, start, end, campaign_id)
        ),
        engagement=tuple(engagement),
        top_posts=tuple(queries.top_posts(session, start, end, campaign_id)),
        days=days,
        sentiment=tuple(
            SentimentSplit(platform, slug, counts)
            for platform, slug, counts in queries.sentiment_split(session, start, end, campaign_id)
        ),
        most_negative=excerpts(
            queries.extreme_replies(session, start, end, campaign_id, "negative")
        ),
        most_positive=excerpts(
            queries.extreme_replies(session, start, end, campaign_id, "positive")
        ),
        unanswered=excerpts(unanswered),
        unanswered_total=unanswered_total,
        gaps=DataGaps(
            coverage=tuple(queries.reply_coverage(session, start, end, campaign_id)),
            x_posts_past_search_window=x_closed,
            x_posts_collected_too_late=x_late,
            without_impressions=tuple(e.platform for e in engagement if e.impressions is None),
            unclassified=sum(day.counts.unclassified for day in days),
            models=tuple(queries.models_used(session, start, end, campaign_id)),
            human_labels=labelled,
            human_overrides=overrides,
        ),
    )


def _excerpt(reply: Reply, privacy: Privacy) -> ReplyExcerpt:
    return ReplyExcerpt(
        platform=reply.platform,
        author=privacy.author(reply.author_handle),
        text=shorten(privacy.scrub(reply.text, reply.author_handle)),
        label=reply.effective_label,
        score=reply.sentiment_score,
        url="" if privacy.pseudonym else reply.url,
        created_at=reply.created_at,
    )
