"""Posts by others folded into anonymous hourly counts (`HeardCount`) before they go.

The purge and an erasure both call `fold` on the rows they are about to delete, so the
reports' figures stay what they were while nothing that names or quotes a person is kept.
The groups use the same expressions the reports use (`effective_label`,
`unanswered_question`), so a count means the same before and after.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from campaign.models import Delivery, HeardCount, Post, Reply
from campaign.services.inbox import unanswered_question

GroupKey = tuple[
    datetime, int | None, str, str, int | None, str | None, str | None, str | None
]
"""(hour, campaign id, platform, kind, delivery id, effective label, model, revision)."""


def heard_campaign() -> object:
    """The campaign a heard post belongs to: the one whose tracking found it, else the one
    of the delivery it answers (replies know theirs only through the delivery)."""
    return func.coalesce(Reply.campaign_id, Post.campaign_id)


def overridden() -> object:
    """A person's label that differs from the model's (or stands where the model had none)."""
    return and_(
        Reply.human_label.is_not(None),
        or_(Reply.sentiment_label.is_(None), Reply.human_label != Reply.sentiment_label),
    )


def hour_of(moment: datetime) -> datetime:
    """The start of the UTC hour `moment` falls in."""
    return moment.replace(minute=0, second=0, microsecond=0)


def fold(session: Session, reply_ids: Sequence[int]) -> int:
    """Add the posts `reply_ids` to the hourly counts (in the caller's transaction);
    returns how many were counted. Call it before deleting them."""
    if not reply_ids:
        return 0
    rows = session.execute(
        select(
            Reply.created_at,
            heard_campaign(),
            Reply.platform,
            Reply.kind,
            Reply.delivery_id,
            func.coalesce(Reply.human_label, Reply.sentiment_label),
            Reply.sentiment_model,
            Reply.sentiment_revision,
            case((Reply.human_label.is_not(None), 1), else_=0),
            case((overridden(), 1), else_=0),
            case((unanswered_question(), 1), else_=0),
        )
        .outerjoin(Delivery, Delivery.id == Reply.delivery_id)
        .outerjoin(Post, Post.id == Delivery.post_id)
        .where(Reply.id.in_(reply_ids))
    )
    posts: Counter[GroupKey] = Counter()
    human: Counter[GroupKey] = Counter()
    changed: Counter[GroupKey] = Counter()
    open_questions: Counter[GroupKey] = Counter()
    for created, campaign_id, platform, kind, delivery_id, label, model, revision, *flags in rows:
        key = (hour_of(created), campaign_id, platform, kind, delivery_id, label, model, revision)
        posts[key] += 1
        human[key] += flags[0]
        changed[key] += flags[1]
        open_questions[key] += flags[2]
    session.add_all(
        HeardCount(
            hour=key[0],
            campaign_id=key[1],
            platform=key[2],
            kind=key[3],
            delivery_id=key[4],
            label=key[5],
            model=key[6],
            revision=key[7],
            posts=count,
            human_labels=human[key],
            human_overrides=changed[key],
            open_questions=open_questions[key],
        )
        for key, count in posts.items()
    )
    return sum(posts.values())
