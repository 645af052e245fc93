"""The inbox: replies and the posts found by listening, paged, with filters (sentiment,
campaign, platform, source), label overrides and answers.

Pages use keyset pagination on (created_at, id) so the millionth reply costs the same as
the first: OFFSET would make the database walk every skipped row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from campaign.errors import UserError
from campaign.models import Account, Campaign, Delivery, HeardKind, Post, Reply, utc_now
from campaign.people import Person
from campaign.services import events
from campaign.services.posts import PostDraft, add_post
from words import t
from words.coded import Coded

LABELS = ("positive", "neutral", "negative")
KINDS = tuple(kind.value for kind in HeardKind)
"""The sources the inbox filters by: replies, mentions, quotes, tag and keyword matches."""


@dataclass(frozen=True)
class ReplyFilter:
    """What the inbox shows; None means "any"."""

    label: str | None = None
    campaign_slug: str | None = None
    platform: str | None = None
    unanswered_questions: bool = False
    """Questions nobody has answered yet, nor started to (see `unanswered_question`)."""
    kind: str | None = None
    """Where it came from: a reply to us, a mention, a quote, a tag or keyword match."""


@dataclass(frozen=True)
class ReplyRow:
    """One inbox line, flat so the TUI never touches a lazy relationship."""

    id: int
    platform: str
    created_at: datetime
    author_handle: str
    text: str
    url: str
    label: str | None
    score: float | None
    human_labelled: bool
    is_question: bool
    answered: bool
    campaign_slug: str
    account_name: str
    kind: str = HeardKind.REPLY.value
    query: str | None = None
    """The hashtag or keyword query that found it (listening only)."""
    author_name: str | None = None


@dataclass(frozen=True)
class PageCursor:
    """The last row of a page; the next page starts just after it."""

    created_at: datetime
    id: int


def page_replies(
    session: Session,
    reply_filter: ReplyFilter,
    *,
    after: PageCursor | None = None,
    limit: int = 100,
) -> list[ReplyRow]:
    """Newest first, one page, after `after` if given.

    A reply knows its campaign and account through our delivery; a post found by listening
    carries its own (and may have no campaign).
    """
    label = Reply.sentiment_label
    query = (
        select(Reply, Campaign.slug, Account.name)
        .outerjoin(Delivery, Delivery.id == Reply.delivery_id)
        .outerjoin(Post, Post.id == Delivery.post_id)
        .outerjoin(Campaign, Campaign.id == func.coalesce(Post.campaign_id, Reply.campaign_id))
        .outerjoin(Account, Account.id == func.coalesce(Delivery.account_id, Reply.account_id))
        .order_by(Reply.created_at.desc(), Reply.id.desc())
        .limit(limit)
    )
    if reply_filter.kind:
        query = query.where(Reply.kind == reply_filter.kind)
    if reply_filter.label:
        query = query.where(
            or_(
                Reply.human_label == reply_filter.label,
                and_(Reply.human_label.is_(None), label == reply_filter.label),
            )
        )
    if reply_filter.campaign_slug:
        query = query.where(Campaign.slug == reply_filter.campaign_slug)
    if reply_filter.platform:
        # The account's platform, not the reply's: a condition on `replies.platform` leads
        # SQLite to the (platform, remote_id) index and a sort of a third of all replies.
        query = query.where(Account.platform == reply_filter.platform)
    if reply_filter.unanswered_questions:
        query = query.where(unanswered_question())
    if after is not None:
        query = query.where(
            or_(
                Reply.created_at < after.created_at,
                and_(Reply.created_at == after.created_at, Reply.id < after.id),
            )
        )
    return [_row(reply, slug, account) for reply, slug, account in session.execute(query)]


def unanswered_question() -> ColumnElement[bool]:
    """The one definition of an open question, for the inbox and the weekly report alike:
    asked, and nobody has answered it nor started to (an answer waiting to go out is the
    daemon's job now; should it fail, `status` names it)."""
    return and_(
        Reply.is_question.is_(True), Reply.answered_at.is_(None), Reply.answer_post_id.is_(None)
    )


def mark_answered(session: Session, answer_post_id: int, at: datetime) -> None:
    """The answer post went out: the reply it answers is answered from then on."""
    replies = session.scalars(
        select(Reply).where(Reply.answer_post_id == answer_post_id, Reply.answered_at.is_(None))
    )
    for reply in replies:
        reply.answered_at = at


def _row(reply: Reply, campaign_slug: str | None, account_name: str | None) -> ReplyRow:
    return ReplyRow(
        id=reply.id,
        platform=reply.platform,
        created_at=reply.created_at,
        author_handle=reply.author_handle,
        text=reply.text,
        url=reply.url,
        label=reply.effective_label,
        score=reply.sentiment_score,
        human_labelled=reply.human_label is not None,
        is_question=reply.is_question,
        answered=reply.answered_at is not None or reply.answer_post_id is not None,
        campaign_slug=campaign_slug or "",
        account_name=account_name or "",
        kind=reply.kind,
        query=reply.query,
        author_name=reply.author_name,
    )


def _reply(session: Session, reply_id: int) -> Reply:
    reply = session.get(Reply, reply_id)
    if reply is None:
        raise UserError(t("error.no_reply", id=reply_id))
    return reply


def set_human_label(
    session: Session, reply_id: int, label: str | None, *, person: str | None = None
) -> Reply:
    """Override the model's label (None removes the override); the model's stays beside it."""
    if label is not None and label not in LABELS:
        raise UserError(t("error.bad_label", label=label, known=", ".join(LABELS)))
    reply = _reply(session, reply_id)
    reply.human_label = label
    reply.human_labelled_at = utc_now() if label else None
    events.record(
        session,
        "reply.labelled",
        Coded(
            "event.labelled" if label else "event.label_cleared",
            {"id": reply.id, "label": Coded(f"label.{label}") if label else None},
        ),
        delivery_id=reply.delivery_id,
        person=person,
    )
    return reply


def answer_reply(
    session: Session,
    reply_id: int,
    text: str,
    limits: dict[str, int | None],
    *,
    now: datetime | None = None,
    person: Person | None = None,
) -> Post:
    """Answer a reply as `person`: a post due now on the account that was replied to,
    approved by them unless four eyes ask for someone else's approval first.

    The daemon sends it as a threaded answer (it finds the reply by `answer_post_id`) and
    marks the reply answered once it is out, so the answer goes through the same
    exactly-once delivery machinery as any post.
    """
    reply = _reply(session, reply_id)
    if reply.answer_post_id is not None:
        raise UserError(t("error.already_answered", id=reply.id, post=reply.answer_post_id))
    delivery = reply.delivery
    account_id = delivery.account_id if delivery else reply.account_id
    campaign_id = delivery.post.campaign_id if delivery else reply.campaign_id
    if account_id is None or campaign_id is None:
        raise UserError(t("error.answer_without_campaign", id=reply.id))
    account = session.get_one(Account, account_id)
    campaign = session.get_one(Campaign, campaign_id)
    draft = PostDraft(
        key=f"answer-reply-{reply.id}",
        text=text,
        scheduled_at=now or utc_now(),
        accounts=[account.name],
        approved=True,
    )
    post = add_post(session, campaign, draft, limits, person=person)
    reply.answer_post_id = post.id
    return post
