""" "Auf einen Blick": the week in three to five sentences, before the tables.

The tables answer "what happened"; a reader with two minutes wants to know how the week
went and what to do: reach and its change, the mood and where it came from, the post that
worked best, the questions still waiting, and what the figures cannot see. Each sentence is
a template filled from the report's figures, so it never says more than they do.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from campaign.reports.figures import SentimentSplit, WeekFigures, WeeklyReport
from campaign.reports.i18n import Words


def glance(report: WeeklyReport, words: Words) -> list[str]:
    """The sentences in reading order (plain text: each renderer escapes them)."""
    week = report.current
    sentences = [
        _reach(report, words),
        _mood(report, words),
        _best_post(week, words),
        _questions(week, ZoneInfo(report.time_zone), words),
        _gaps(week, words),
    ]
    return [sentence for sentence in sentences if sentence]


def _counted(words: Words, key: str, count: int, **values: object) -> str:
    """The sentence `key` for `count` things (the catalogue picks the noun's form)."""
    return words(key, count=count, **values)


def _signed(words: Words, value: float) -> str:
    text = words.number(value)
    return f"+{text}" if value > 0 else text


def _listing(words: Words, items: tuple[str, ...]) -> str:
    """ "a, b und c" in the report's language."""
    if len(items) < 2:
        return "".join(items)
    return words("glance.and", first=", ".join(items[:-1]), last=items[-1])


def _reach(report: WeeklyReport, words: Words) -> str:
    week, before = report.current, report.previous
    if not week.posts_published:
        return words("glance.nothing_published")
    change = week.total_engagement - before.total_engagement
    if change > 0:
        trend = words("glance.more", diff=words.count(change), previous=before.total_engagement)
    elif change < 0:
        trend = words("glance.fewer", diff=words.count(-change), previous=before.total_engagement)
    else:
        trend = words("glance.same")
    sentence = words(
        "glance.reach",
        posts=_counted(words, "glance.posts", week.posts_published),
        engagement=_counted(words, "glance.interactions", week.total_engagement),
        trend=trend,
    )
    measured = [row for row in week.engagement if row.impressions is not None]
    if measured:
        impressions = sum(row.impressions or 0 for row in measured)
        platforms = ", ".join(row.platform for row in measured)
        sentence += words(
            "glance.impressions", impressions=words.count(impressions), platforms=platforms
        )
    return sentence + "."


def _mood(report: WeeklyReport, words: Words) -> str:
    replies = report.current.replies
    if replies.net is None:
        return words("glance.mood_unknown")
    sentence = words("glance.mood", net=_signed(words, replies.net))
    previous = report.previous.replies.net
    if previous is not None:
        sentence += words("glance.mood_before", net=_signed(words, previous))
    splits = [s for s in report.current.sentiment if s.counts.net is not None]
    if len(splits) > 1:
        worst = min(splits, key=_net)
        best = max(splits, key=_net)
        sentence += words(
            "glance.mood_where",
            worst=_where(worst, report),
            worst_net=_signed(words, _net(worst)),
            best=_where(best, report),
            best_net=_signed(words, _net(best)),
        )
    return sentence + "."


def _net(split: SentimentSplit) -> float:
    return split.counts.net or 0.0


def _where(split: SentimentSplit, report: WeeklyReport) -> str:
    """The platform, and the campaign too when the report covers several."""
    return split.platform if report.campaign else f"{split.platform}/{split.campaign}"


def _best_post(week: WeekFigures, words: Words) -> str:
    if not week.top_posts:
        return ""
    best = week.top_posts[0]
    sentence = words(
        "glance.best_post",
        post=best.text,
        platform=best.platform,
        engagement=_counted(words, "glance.interactions", best.engagement),
    )
    if best.per_1000_followers is not None:
        sentence += words("glance.best_post_rate", rate=words.number(best.per_1000_followers))
    return sentence + "."


def _questions(week: WeekFigures, zone: ZoneInfo, words: Words) -> str:
    if not week.unanswered_total:
        return words("glance.no_questions")
    sentence = _counted(words, "glance.questions", week.unanswered_total)
    if week.unanswered:
        oldest = min(reply.created_at for reply in week.unanswered)
        sentence += words("glance.oldest_question", since=words.moment(oldest.astimezone(zone)))
    return sentence + "."


def _gaps(week: WeekFigures, words: Words) -> str:
    gaps = week.gaps
    parts = []
    missing = [c for c in gaps.coverage if c.missing]
    if missing:
        detail = ", ".join(f"{c.platform} {words.count(c.missing)}" for c in missing)
        total = sum(c.missing for c in missing)
        parts.append(_counted(words, "glance.gap_missing", total, detail=detail))
    if gaps.x_posts_past_search_window:
        parts.append(_counted(words, "glance.gap_x_window", gaps.x_posts_past_search_window))
    if gaps.unclassified:
        parts.append(_counted(words, "glance.gap_unclassified", gaps.unclassified))
    if gaps.without_impressions:
        platforms = _listing(words, gaps.without_impressions)
        parts.append(words("glance.gap_impressions", platforms=platforms))
    if not parts:
        return ""
    return words("glance.gaps", gaps="; ".join(parts)) + "."
