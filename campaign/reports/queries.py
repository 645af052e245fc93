"""The report's SQL: every figure is an aggregate computed by the database (GROUP BY,
ORDER BY … LIMIT), never a Python loop over rows, so a week of a million replies stays fast.

Each function takes the UTC bounds of a period (end exclusive) and an optional campaign id.
The SQL is portable between SQLite and PostgreSQL: no dialect date functions; local days
are separate indexed range queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Interval, Select, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from campaign.models import (
    Account,
    Campaign,
    Delivery,
    DeliveryState,
    FollowerCount,
    HeardCount,
    HeardKind,
    MetricSnapshot,
    Post,
    Reply,
)
from campaign.privacy.counts import overridden
from campaign.reports.figures import (
    AccountPublished,
    FollowerGrowth,
    PlatformEngagement,
    PostEngagement,
    ProblemDelivery,
    ReplyGroup,
)
from campaign.reports.week import Day
from campaign.services.inbox import unanswered_question

"""X's recent search finds replies of the last seven days only."""


def effective_label() -> Any:
    """A person's label wins over the model's."""
    return func.coalesce(Reply.human_label, Reply.sentiment_label)


def _in_campaign(statement: Select[Any], campaign_id: int | None) -> Select[Any]:
    """Restrict a statement that joins `Post` to one campaign (or leave it for all)."""
    return statement if campaign_id is None else statement.where(Post.campaign_id == campaign_id)


def followers_at(moment: datetime) -> Any:
    """An account's followers as last counted before `moment`, else as last known: a
    report written again later keeps the rates it had."""
    counted = (
        select(FollowerCount.followers)
        .where(FollowerCount.account_id == Account.id, FollowerCount.taken_at < moment)
        .order_by(FollowerCount.taken_at.desc())
        .limit(1)
        .correlate(Account)
        .scalar_subquery()
    )
    return func.coalesce(counted, Account.followers)


def follower_growth(
    session: Session, start: datetime, end: datetime, campaign_id: int | None
) -> list[FollowerGrowth]:
    """Each counted account's followers when the week began and when it ended.

    The start is the last count before the week, else the week's first; a campaign's
    report covers the accounts that ever sent one of its posts.
    """
    statement = (
        select(Account.platform, Account.name, FollowerCount.taken_at, FollowerCount.followers)
        .join(FollowerCount, FollowerCount.account_id == Account.id)
        .where(FollowerCount.taken_at < end)
        .order_by(Account.platform, Account.name, FollowerCount.taken_at)
    )
    if campaign_id is not None:
        used = (
            select(Delivery.account_id)
            .join(Post, Post.id == Delivery.post_id)
            .where(Post.campaign_id == campaign_id)
        )
        statement = statement.where(Account.id.in_(used))
    first: dict[tuple[str, str], int] = {}
    last: dict[tuple[str, str], int] = {}
    for platform, name, taken_at, followers in session.execute(statement):
        key = (platform, name)
        if taken_at < start or key not in first:
            first[key] = followers
        last[key] = followers
    return [FollowerGrowth(*key, first[key], last[key]) for key in last]


def _sent_between(start: datetime, end: datetime) -> Any:
    return and_(
        Delivery.state == DeliveryState.SENT, Delivery.sent_at >= start, Delivery.sent_at < end
    )


def published(
    session: Session, start: datetime, end: datetime, campaign_id: int | None
) -> list[AccountPublished]:
    """Deliveries sent in the period, per platform and account."""
    statement = (
        select(Account.platform, Account.name, func.count(Delivery.id))
        .join(Delivery, Delivery.account_id == Account.id)
        .join(Post, Post.id == Delivery.post_id)
        .where(_sent_between(start, end))
        .group_by(Account.platform, Account.name)
        .order_by(Account.platform, Account.name)
    )
    return [AccountPublished(*row) for row in session.execute(_in_campaign(statement, campaign_id))]


def problems(
    session: Session, start: datetime, end: datetime, campaign_id: int | None, *, limit: int = 50
) -> list[ProblemDelivery]:
    """Deliveries due in the period that failed or need review, newest first."""
    statement = (
        select(Post.key, Account.name, Delivery.state, Delivery.last_error, Delivery.due_at)
        .join(Post, Post.id == Delivery.post_id)
        .join(Account, Account.id == Delivery.account_id)
        .where(
            Delivery.state.in_((DeliveryState.FAILED, DeliveryState.NEEDS_REVIEW)),
            Delivery.due_at >= start,
            Delivery.due_at < end,
        )
        .order_by(Delivery.due_at.desc(), Delivery.id)
        .limit(limit)
    )
    return [
        ProblemDelivery(key, account, state, error or "", due_at)
        for key, account, state, error, due_at in session.execute(
            _in_campaign(statement, campaign_id)
        )
    ]


def _latest_snapshots(start: datetime, end: datetime, campaign_id: int | None) -> Any:
    """Per delivery sent in the period: its newest metric snapshot taken before `end`."""
    newest = _in_campaign(
        select(
            MetricSnapshot.delivery_id.label("delivery_id"),
            func.max(MetricSnapshot.taken_at).label("taken_at"),
        )
        .join(Delivery, Delivery.id == MetricSnapshot.delivery_id)
        .join(Post, Post.id == Delivery.post_id)
        .where(_sent_between(start, end), MetricSnapshot.taken_at < end)
        .group_by(MetricSnapshot.delivery_id),
        campaign_id,
    ).subquery()
    return (
        select(MetricSnapshot)
        .join(
            newest,
            and_(
                MetricSnapshot.delivery_id == newest.c.delivery_id,
                MetricSnapshot.taken_at == newest.c.taken_at,
            ),
        )
        .subquery()
    )


def engagement_per_platform(
    session: Session, start: datetime, end: datetime, campaign_id: int | None
) -> list[PlatformEngagement]:
    """Each platform's sums over its posts' latest snapshots.

    Impressions stay None when no snapshot of the platform carries them (Mastodon, Bluesky).
    """
    snapshot = _latest_snapshots(start, end, campaign_id)
    rows = session.execute(
        select(
            Account.platform,
            func.count(snapshot.c.delivery_id),
            func.sum(snapshot.c.likes),
            func.sum(snapshot.c.reposts),
            func.sum(snapshot.c.replies),
            func.sum(snapshot.c.quotes),
            func.sum(snapshot.c.impressions),
            func.coalesce(func.sum(followers_at(end)), 0),
        )
        .select_from(snapshot)
        .join(Delivery, Delivery.id == snapshot.c.delivery_id)
        .join(Account, Account.id == Delivery.account_id)
        .group_by(Account.platform)
        .order_by(Account.platform)
    )
    return [
        PlatformEngagement(
            platform,
            posts,
            int(likes),
            int(reposts),
            int(replies),
            int(quotes),
            None if impressions is None else int(impressions),
            int(followers),
        )
        for platform, posts, likes, reposts, replies, quotes, impressions, followers in rows
    ]


def top_posts(
    session: Session, start: datetime, end: datetime, campaign_id: int | None, *, limit: int = 5
) -> list[PostEngagement]:
    """The posts with the highest engagement per 1,000 followers of their account, as the
    title says; posts of accounts whose followers are unknown follow, by engagement."""
    snapshot = _latest_snapshots(start, end, campaign_id)
    engagement = snapshot.c.likes + snapshot.c.reposts + snapshot.c.replies + snapshot.c.quotes
    followers = followers_at(end)
    rate = engagement * 1000.0 / func.nullif(followers, 0)
    rows = session.execute(
        select(
            Post.key,
            Post.text,
            Account.platform,
            Account.name,
            Delivery.remote_url,
            engagement,
            snapshot.c.impressions,
            followers,
        )
        .select_from(snapshot)
        .join(Delivery, Delivery.id == snapshot.c.delivery_id)
        .join(Account, Account.id == Delivery.account_id)
        .join(Post, Post.id == Delivery.post_id)
        .order_by(rate.desc().nulls_last(), engagement.desc(), Delivery.id)
        .limit(limit)
    )
    return [PostEngagement(*row) for row in rows]


def _reply_scope(
    statement: Select[Any],
    start: datetime,
    end: datetime,
    campaign_id: int | None,
    kept_since: datetime | None = None,
) -> Select[Any]:
    """Replies created in the period (and, with `kept_since`, not before it: texts past the
    retention are never shown); joined to their post only to filter by campaign.

    A join, not `delivery_id IN (the campaign's deliveries)`: with IN, SQLite probed every
    delivery of the campaign across all time (1.3 s at 100,000 posts) instead of reading
    the period's replies by `ix_replies_created_labels`.
    """
    statement = statement.where(
        Reply.kind == HeardKind.REPLY, Reply.created_at >= start, Reply.created_at < end
    )
    if kept_since is not None:
        statement = statement.where(Reply.created_at >= kept_since)
    if campaign_id is None:
        return statement
    return (
        statement.join(Delivery, Delivery.id == Reply.delivery_id)
        .join(Post, Post.id == Delivery.post_id)
        .where(Post.campaign_id == campaign_id)
    )


def reply_groups(
    session: Session, days: Sequence[Day], campaign_id: int | None
) -> list[ReplyGroup]:
    """The period's replies counted per platform, campaign, local day, effective label and
    model: one scan, from which the report sums volumes, splits, models and overrides.

    The grouping runs on a subquery so PostgreSQL sees the same expression in SELECT and
    GROUP BY.
    """
    open_question = unanswered_question()
    rows = _in_campaign(
        select(
            Reply.platform.label("platform"),
            Post.campaign_id.label("campaign_id"),
            local_day(days).label("day"),
            effective_label().label("label"),
            Reply.sentiment_model.label("model"),
            Reply.sentiment_revision.label("revision"),
            case((Reply.human_label.is_not(None), 1), else_=0).label("human"),
            case((overridden(), 1), else_=0).label("overridden"),
            case((open_question, 1), else_=0).label("open_question"),
        )
        .join(Delivery, Delivery.id == Reply.delivery_id)
        .join(Post, Post.id == Delivery.post_id)
        .where(
            Reply.kind == HeardKind.REPLY,
            Reply.created_at >= days[0].start,
            Reply.created_at < days[-1].end,
        ),
        campaign_id,
    ).subquery()
    keys = (
        rows.c.platform,
        rows.c.campaign_id,
        rows.c.day,
        rows.c.label,
        rows.c.model,
        rows.c.revision,
    )
    grouped = session.execute(
        select(
            *keys,
            func.count(),
            func.sum(rows.c.human),
            func.sum(rows.c.overridden),
            func.sum(rows.c.open_question),
        ).group_by(*keys)
    )
    slugs = dict(session.execute(select(Campaign.id, Campaign.slug)).all())
    live = [
        ReplyGroup(row[0], slugs[row[1]], *row[2:6], *(int(count) for count in row[6:]))
        for row in grouped
    ]
    return live + _counted_reply_groups(session, days, campaign_id, slugs)


def counted_rows(days: Sequence[Day], campaign_id: int | None, *, replies: bool) -> Any:
    """The purged posts' hourly counts of the period (replies, or everything else heard),
    each with the index of its local day: hours start on the hour and so do the days of
    every whole-hour zone, so a count falls on the day its posts fell on.

    A subquery, so PostgreSQL sees one day expression in SELECT and GROUP BY."""
    kind = HeardCount.kind == HeardKind.REPLY
    statement = select(
        case(*((HeardCount.hour < day.end, index) for index, day in enumerate(days))).label(
            "day"
        ),
        HeardCount,
    ).where(
        kind if replies else ~kind,
        HeardCount.hour >= days[0].start,
        HeardCount.hour < days[-1].end,
    )
    if campaign_id is not None:
        statement = statement.where(HeardCount.campaign_id == campaign_id)
    return statement.subquery()


def _counted_reply_groups(
    session: Session, days: Sequence[Day], campaign_id: int | None, slugs: dict[int, str]
) -> list[ReplyGroup]:
    """`reply_groups` of the posts already purged, from their counts."""
    counted = counted_rows(days, campaign_id, replies=True)
    keys = (
        counted.c.platform,
        counted.c.campaign_id,
        counted.c.day,
        counted.c.label,
        counted.c.model,
        counted.c.revision,
    )
    rows = session.execute(
        select(
            *keys,
            func.sum(counted.c.posts),
            func.sum(counted.c.human_labels),
            func.sum(counted.c.human_overrides),
            func.sum(counted.c.open_questions),
        ).group_by(*keys)
    )
    return [
        ReplyGroup(row[0], slugs[row[1]], *row[2:6], *(int(count) for count in row[6:]))
        for row in rows
    ]


def day_volumes(
    session: Session, days: Sequence[Day], campaign_id: int | None
) -> list[tuple[int, str | None, int]]:
    """(day index, effective label, replies) of the period: all the previous week's
    comparison needs, so it skips `reply_groups`' joins and keys (half its time)."""
    rows = _reply_scope(
        select(local_day(days).label("day"), effective_label().label("label")),
        days[0].start,
        days[-1].end,
        campaign_id,
    ).subquery()
    grouped = session.execute(
        select(rows.c.day, rows.c.label, func.count()).group_by(rows.c.day, rows.c.label)
    )
    purged = counted_rows(days, campaign_id, replies=True)
    counted = session.execute(
        select(purged.c.day, purged.c.label, func.sum(purged.c.posts)).group_by(
            purged.c.day, purged.c.label
        )
    )
    return [(day, label, int(count)) for day, label, count in [*grouped, *counted]]


def local_day(days: Sequence[Day]) -> Any:
    """The index of the local day a reply falls on: a CASE over the days' UTC bounds
    (portable, no date functions)."""
    return case(*((Reply.created_at < day.end, index) for index, day in enumerate(days)))


def extreme_replies(
    session: Session,
    start: datetime,
    end: datetime,
    campaign_id: int | None,
    label: str,
    *,
    kept_since: datetime | None = None,
    limit: int = 3,
) -> list[Reply]:
    """The replies labelled `label` that the model was surest of; human labels first."""
    statement = _reply_scope(select(Reply), start, end, campaign_id, kept_since).where(
        effective_label() == label
    )
    return list(
        session.scalars(
            statement.order_by(
                Reply.human_label.is_(None),
                Reply.sentiment_score.desc().nulls_last(),
                Reply.id,
            ).limit(limit)
        )
    )


def oldest_open_questions(
    session: Session,
    start: datetime,
    end: datetime,
    campaign_id: int | None,
    *,
    kept_since: datetime | None = None,
    limit: int = 10,
) -> list[Reply]:
    """The period's questions still unanswered, oldest first."""
    statement = _reply_scope(select(Reply), start, end, campaign_id, kept_since).where(
        unanswered_question()
    )
    return list(session.scalars(statement.order_by(Reply.created_at, Reply.id).limit(limit)))


def replies_collected(
    session: Session, start: datetime, end: datetime, campaign_id: int | None
) -> dict[str, int]:
    """Per platform: replies stored for the period's posts that have a metric snapshot
    (whenever the replies were written), to set against the replies the platform counts.

    An EXISTS per delivery, not a join to `_latest_snapshots`: PostgreSQL estimates that
    max()-join at one row and then re-ran a second copy of it per delivery (a minute).
    """
    measured = (
        select(MetricSnapshot.id)
        .where(MetricSnapshot.delivery_id == Delivery.id, MetricSnapshot.taken_at < end)
        .exists()
    )

    def per_platform(posts: Any, source: Any, kind: Any) -> Select[Any]:
        """Stored replies (`Reply`) or purged ones' counts (`HeardCount`) per platform."""
        return _in_campaign(
            select(Account.platform, posts)
            .select_from(Delivery)
            .join(source, source.delivery_id == Delivery.id)
            .join(Account, Account.id == Delivery.account_id)
            .join(Post, Post.id == Delivery.post_id)
            .where(_sent_between(start, end), measured, kind == HeardKind.REPLY)
            .group_by(Account.platform),
            campaign_id,
        )

    statement = per_platform(func.count(Reply.id), Reply, Reply.kind)
    counted = per_platform(func.sum(HeardCount.posts), HeardCount, HeardCount.kind)
    found: dict[str, int] = {}
    for platform, count in [*session.execute(statement), *session.execute(counted)]:
        found[platform] = found.get(platform, 0) + int(count)
    return found


def search_window(
    session: Session,
    start: datetime,
    end: datetime,
    campaign_id: int | None,
    now: datetime,
    windows: dict[int, timedelta],
) -> tuple[int, int]:
    """Posts of the period on accounts whose replies come from a search window (X: 7 days,
    as each account's connector says: `windows` by account id) whose window has closed,
    and how many of those were last collected before it closed (replies in between are
    lost to us)."""
    closed = late = 0
    by_window: dict[timedelta, list[int]] = {}
    for account_id, window in windows.items():
        by_window.setdefault(window, []).append(account_id)
    for window, account_ids in by_window.items():
        statement = _in_campaign(
            select(
                func.count(Delivery.id),
                func.count(
                    case(
                        (
                            or_(
                                Delivery.last_collected_at.is_(None),
                                _collected_before_window_closed(session, window),
                            ),
                            1,
                        )
                    )
                ),
            )
            .join(Post, Post.id == Delivery.post_id)
            .join(Account, Account.id == Delivery.account_id)
            .where(
                _sent_between(start, end),
                Account.id.in_(account_ids),
                Delivery.sent_at < now - window,
            ),
            campaign_id,
        )
        counted, counted_late = session.execute(statement).one()
        closed, late = closed + int(counted), late + int(counted_late)
    return closed, late


def _collected_before_window_closed(session: Session, window: timedelta) -> Any:
    """Last collected less than the search window after sending; date maths differs by
    dialect (SQLite stores text and compares Julian days)."""
    if session.get_bind().dialect.name == "sqlite":
        days = func.julianday(Delivery.last_collected_at) - func.julianday(Delivery.sent_at)
        return days < window.total_seconds() / 86400
    return Delivery.last_collected_at < Delivery.sent_at + literal(window, Interval())
