"""The figures of "Was die Stadt sagt": posts by others that are not replies to us
(mentions, quotes, posts under tracked hashtags and keywords).

Counts are the stored posts plus the hourly counts of posts already purged, so they stay
the same after the purge; voices and terms need texts and authors, so they come from the
posts since the retention cutoff only (before or after the purge alike), and the report
says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from campaign.models import Delivery, HeardKind, Post, Reply
from campaign.privacy.counts import heard_campaign
from campaign.reports.figures import (
    HEARD_KINDS,
    LABELS,
    CityFigures,
    HeardDay,
    LabelCounts,
    PlatformSplit,
    ReplyExcerpt,
    SharedPost,
    Term,
    Voice,
)
from campaign.reports.queries import counted_rows, effective_label, local_day
from campaign.reports.terms import top_terms
from campaign.reports.week import Week

VOICES = 10
TERMS = 15
SHARED = 5

Group = tuple[int, str, str, str | None, int, int]
"""(day index, platform, kind, effective label, posts, human labels)."""


def _heard(statement: Select[Any], week: Week, campaign_id: int | None) -> Select[Any]:
    """Posts by others of the week that are not replies, in the campaign (or all)."""
    statement = (
        statement.outerjoin(Delivery, Delivery.id == Reply.delivery_id)
        .outerjoin(Post, Post.id == Delivery.post_id)
        .where(
            Reply.kind != HeardKind.REPLY,
            Reply.created_at >= week.start,
            Reply.created_at < week.end,
        )
    )
    return statement if campaign_id is None else statement.where(heard_campaign() == campaign_id)


def groups(session: Session, week: Week, campaign_id: int | None) -> list[Group]:
    """The week's posts by others counted per day, platform, kind and label: stored posts
    and purged ones' counts."""
    days = week.days()
    rows = _heard(
        select(
            local_day(days).label("day"),
            Reply.platform.label("platform"),
            Reply.kind.label("kind"),
            effective_label().label("label"),
            case((Reply.human_label.is_not(None), 1), else_=0).label("human"),
        ).select_from(Reply),
        week,
        campaign_id,
    ).subquery()
    keys = (rows.c.day, rows.c.platform, rows.c.kind, rows.c.label)
    live = session.execute(select(*keys, func.count(), func.sum(rows.c.human)).group_by(*keys))
    purged = counted_rows(days, campaign_id, replies=False)
    purged_keys = (purged.c.day, purged.c.platform, purged.c.kind, purged.c.label)
    counted = session.execute(
        select(*purged_keys, func.sum(purged.c.posts), func.sum(purged.c.human_labels))
        .group_by(*purged_keys)
    )
    return [(d, p, k, lb, int(n), int(h)) for d, p, k, lb, n, h in [*live, *counted]]


def _kept(statement: Select[Any], kept_since: datetime | None) -> Select[Any]:
    return statement if kept_since is None else statement.where(Reply.created_at >= kept_since)


def voices(
    session: Session,
    week: Week,
    campaign_id: int | None,
    kept_since: datetime | None,
    author: Callable[[str], str],
) -> tuple[Voice, ...]:
    """The authors with the most posts (as platforms compare handles: any case, no @)."""
    handle = func.lower(func.ltrim(Reply.author_handle, "@"))
    rows = session.execute(
        _kept(_heard(select(Reply.platform, handle, func.count()), week, campaign_id), kept_since)
        .group_by(Reply.platform, handle)
        .order_by(func.count().desc(), Reply.platform, handle)
        .limit(VOICES)
    )
    return tuple(Voice(author(name), platform, posts) for platform, name, posts in rows)


def shared(
    session: Session,
    week: Week,
    campaign_id: int | None,
    kept_since: datetime | None,
    excerpt: Callable[[Reply], ReplyExcerpt],
) -> tuple[SharedPost, ...]:
    """The posts by others shared most often; like voices, only those whose text is kept."""
    rows = session.scalars(
        _kept(_heard(select(Reply), week, campaign_id), kept_since)
        .where(Reply.reposts > 0)
        .order_by(Reply.reposts.desc(), Reply.created_at, Reply.id)
        .limit(SHARED)
    )
    return tuple(SharedPost(excerpt(post), post.reposts) for post in rows)


def terms(
    session: Session, week: Week, campaign_id: int | None, kept_since: datetime | None
) -> tuple[tuple[Term, ...], int]:
    """The most frequent terms and how many posts they were counted in."""
    texts = list(
        session.scalars(_kept(_heard(select(Reply.text), week, campaign_id), kept_since))
    )
    return tuple(Term(term, n) for term, n in top_terms(texts, TERMS)), len(texts)


def city_figures(
    session: Session,
    week: Week,
    campaign_id: int | None,
    kept_since: datetime | None,
    author: Callable[[str], str],
    excerpt: Callable[[Reply], ReplyExcerpt],
) -> CityFigures:
    """Every figure of the section for `week`."""
    counted = groups(session, week, campaign_id)
    per_day: Counter[tuple[int, str, str]] = Counter()
    per_label: Counter[tuple[str, str | None]] = Counter()
    for day, platform, kind, label, posts, _ in counted:
        per_day[(day, platform, kind)] += posts
        per_label[(platform, label)] += posts
    days = week.days()
    platforms = sorted({platform for _, platform, *_ in counted})
    found_terms, listed = terms(session, week, campaign_id, kept_since)
    return CityFigures(
        days=tuple(
            HeardDay(day.day, platform, *(per_day[(index, platform, k)] for k in HEARD_KINDS))
            for index, day in enumerate(days)
            for platform in platforms
            if any(per_day[(index, platform, k)] for k in HEARD_KINDS)
        ),
        sentiment=tuple(
            PlatformSplit(
                platform,
                LabelCounts(*(per_label[(platform, label)] for label in (*LABELS, None))),
            )
            for platform in platforms
        ),
        voices=voices(session, week, campaign_id, kept_since, author),
        terms=found_terms,
        listed_posts=listed,
        kept_since=kept_since,
        human_labels=sum(group[5] for group in counted),
        shared=shared(session, week, campaign_id, kept_since, excerpt),
    )
