"""Posts: create, validate, and what a person does to them (approve, reschedule, cancel,
retry, duplicate).

A thread is a chain of posts (`thread_parent_id`), and every action a person takes acts on
the whole chain, so no part is left behind, before or after the others. The states change
only through `campaign.lifecycle`; this module finds what an action touches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from campaign import approvals, lifecycle
from campaign.errors import UserError
from campaign.models import (
    Account,
    Campaign,
    Delivery,
    DeliveryState,
    Media,
    Post,
    PostState,
    PostTarget,
    Variant,
)
from campaign.people import Person
from campaign.reasons import shown_reason
from campaign.services import accounts as account_rows
from campaign.services.draft_input import input_problems
from content.check import MediaSpec, check_text
from content.platforms import Platform
from content.polls import PollSpec
from words import t
from words.coded import Coded

CHANGEABLE_DELIVERY_STATES = lifecycle.CHANGEABLE
NOT_STARTED = (*lifecycle.CHANGEABLE, DeliveryState.WITHDRAWN)


@dataclass(frozen=True)
class PostDraft:
    """What an author supplies for one post (from the CLI, the TUI or a plan)."""

    key: str
    text: str
    scheduled_at: datetime
    accounts: Sequence[str]
    variants: dict[str, str] = field(default_factory=dict)
    media: Sequence[tuple[str, str]] = ()
    approved: bool = False
    spoiler_text: str = ""
    """Mastodon's content warning (sent to Mastodon accounts only)."""
    poll: PollSpec | None = None
    """Validated by the plan (or composer) against each account's rules."""


def validation_problems(
    draft: PostDraft, accounts: Sequence[Account], limits: dict[str, int | None]
) -> list[str]:
    """Every rule the draft breaks on any of its target accounts, one line each."""
    problems = input_problems(draft, (Platform(account.platform) for account in accounts))
    if problems:  # an over-long text is not counted: counting is what takes long
        return problems
    media = [MediaSpec(path=path, alt_text=alt) for path, alt in draft.media]
    for account in accounts:
        text = draft.variants.get(account.platform, draft.text)
        result = check_text(
            Platform(account.platform), text, limit=limits.get(account.name), media=media,
            spoiler_text=draft.spoiler_text,
        )
        problems += [f"{account.name}: {violation.text()}" for violation in result.violations]
    if draft.scheduled_at.tzinfo is None:
        problems.append(t("error.time_without_zone"))
    return problems


def refuse_past(post_key: str, when: datetime, now: datetime, zone: ZoneInfo, hint: str) -> None:
    """A new time must lie ahead: a past one would only be flagged as missed later."""
    if when < now:
        local = when.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        raise UserError(t("post.past", post=post_key, when=local, zone=zone.key, hint=hint))


def add_post(
    session: Session,
    campaign: Campaign,
    draft: PostDraft,
    limits: dict[str, int | None],
    *,
    now: datetime | None = None,
    past_hint: str = "",
    person: Person | None = None,
) -> Post:
    """Create (or, for an existing key, update) a post as `person`; refuse it whole if invalid.

    With `now`, a new post (or a new time) in the past is refused, `past_hint` saying
    what to do instead. A change of what an approved post says clears its approvals;
    `draft.approved` is the saver's own approval, which counts only where they may give it.
    """
    actor = person or approvals.UNNAMED
    accounts = [account_rows.by_name(session, name) for name in draft.accounts]
    if not accounts:
        raise UserError(t("post.no_accounts", post=draft.key))
    problems = validation_problems(draft, accounts, limits)
    if problems:
        raise UserError(t("post.refused", post=draft.key, problems="; ".join(problems)))
    post = session.scalar(
        select(Post).where(Post.campaign_id == campaign.id, Post.key == draft.key)
    )
    moved = post is None or post.scheduled_at != draft.scheduled_at
    if now is not None and moved:
        hint = past_hint or t("post.past_hint")
        refuse_past(draft.key, draft.scheduled_at, now, ZoneInfo(campaign.time_zone), hint)
    before = None if post is None else approvals.Content.of(post)
    if post is None:
        post = Post(campaign=campaign, key=draft.key, state=PostState.DRAFT)
        approvals.created(post, actor.name)
        session.add(post)
    elif post.state == PostState.APPROVED and _has_started(post):
        raise UserError(t("post.already_delivering", post=draft.key))
    else:
        # Delete the old rows first: one flush would insert the new ones before deleting
        # the old, and trip the unique constraints on (post, platform) and (post, account).
        post.variants, post.media, post.targets = [], [], []
        session.flush()
    post.text = draft.text
    post.spoiler_text = draft.spoiler_text
    post.poll = draft.poll.to_json() if draft.poll else None
    post.scheduled_at = draft.scheduled_at
    post.variants = [
        Variant(platform=platform, text=text) for platform, text in sorted(draft.variants.items())
    ]
    post.media = [
        Media(position=i, path=path, alt_text=alt) for i, (path, alt) in enumerate(draft.media)
    ]
    post.targets = [PostTarget(account=account) for account in accounts]
    session.flush()
    _follow_changes(session, post, {account.id for account in accounts})
    lifecycle.move_post(
        session, post, lifecycle.PostOp.EDIT, Coded("reason.saved"), person=actor.name
    )
    if before is not None and (
        cleared := approvals.after_edit(session, post, before, moved, actor.name)
    ):
        for part in thread_of(session, post):  # a thread is approved as one, and reset as one
            if part.id != post.id:
                approvals.clear(session, part, cleared, actor.name)
    # a post cancelled by a person stays cancelled; the author's approval may not count
    if draft.approved and post.state == PostState.DRAFT and approvals.refusal(post, actor) is None:
        _approve_parts(session, [post], actor)
    return post


def _follow_changes(session: Session, post: Post, account_ids: set[int]) -> None:
    """Deliveries not yet started follow a changed time and drop removed accounts."""
    for delivery in post.deliveries:
        if delivery.state not in CHANGEABLE_DELIVERY_STATES:
            continue
        if delivery.account_id in account_ids:
            delivery.due_at = post.scheduled_at
        else:
            lifecycle.withdraw(session, delivery, Coded("reason.account_removed"))


def _has_started(post: Post) -> bool:
    return any(d.state not in NOT_STARTED for d in post.deliveries)


def get_post(session: Session, post_id: int) -> Post:
    """A post with everything the CLI and TUI show about it."""
    post = session.scalar(
        select(Post)
        .where(Post.id == post_id)
        .options(
            selectinload(Post.variants),
            selectinload(Post.media),
            selectinload(Post.targets).selectinload(PostTarget.account),
            selectinload(Post.deliveries).selectinload(Delivery.account),
            selectinload(Post.approvals),
        )
    )
    if post is None:
        raise UserError(t("post.unknown", id=post_id))
    return post


def list_posts(
    session: Session,
    *,
    campaign_slug: str | None = None,
    state: str | None = None,
    platform: str | None = None,
    scheduled_from: datetime | None = None,
    scheduled_to: datetime | None = None,
    limit: int = 200,
    offset: int = 0,
    awaiting: Person | None = None,
) -> list[Post]:
    """Posts by time, optionally of one campaign, state, platform or time range; paged.

    `platform` keeps posts with a target or a delivery on an account of that platform (a
    target may have been dropped after its delivery went out). The range is aware UTC,
    `scheduled_from` inclusive and `scheduled_to` exclusive, so consecutive days or weeks
    never share a post. `awaiting` keeps the drafts that wait for that person's approval.
    """
    query = (
        select(Post)
        .options(
            selectinload(Post.deliveries).selectinload(Delivery.account),
            selectinload(Post.campaign),
            selectinload(Post.approvals),
        )
        .order_by(Post.scheduled_at, Post.id)
        .limit(limit)
        .offset(offset)
    )
    if campaign_slug:
        query = query.join(Campaign).where(Campaign.slug == campaign_slug)
    if state:
        query = query.where(Post.state == state)
    if platform:
        on_platform = select(Account.id).where(Account.platform == platform)
        targeted = select(PostTarget.post_id).where(PostTarget.account_id.in_(on_platform))
        delivered = select(Delivery.post_id).where(Delivery.account_id.in_(on_platform))
        query = query.where(Post.id.in_(targeted) | Post.id.in_(delivered))
    if scheduled_from is not None:
        query = query.where(Post.scheduled_at >= _aware(scheduled_from, "scheduled_from"))
    if scheduled_to is not None:
        query = query.where(Post.scheduled_at < _aware(scheduled_to, "scheduled_to"))
    if awaiting is not None:
        query = query.where(approvals.awaiting(awaiting))
    return list(session.scalars(query))


def _aware(moment: datetime, name: str) -> datetime:
    """A range bound must say its zone: a naive one would be compared as if it were UTC."""
    if moment.tzinfo is None:
        raise ValueError(f"list_posts: {name} {moment.isoformat()} has no time zone")
    return moment


def thread_of(session: Session, post: Post) -> list[Post]:
    """The chain `post` belongs to, head first (a lone post is a thread of one)."""
    head = post
    while head.thread_parent_id is not None:
        head = session.get_one(Post, head.thread_parent_id)
    chain = [head]
    while (
        child := session.scalar(
            select(Post).where(Post.thread_parent_id == chain[-1].id).order_by(Post.id).limit(1)
        )
    ) is not None:
        chain.append(child)
    return chain


def _live_parts(session: Session, post: Post, action: str) -> list[Post]:
    """The chain up to its first cancelled part (parts beyond it never go out).

    Raises TransitionError naming `action` when the thread's head is cancelled.
    """
    chain = thread_of(session, post)
    if chain[0].state == PostState.CANCELLED:
        raise lifecycle.TransitionError(
            t("lifecycle.post_refused", post=chain[0].key, op=action, state=PostState.CANCELLED)
        )
    live = []
    for part in chain:
        if part.state == PostState.CANCELLED:
            break
        live.append(part)
    return live


def approve(
    session: Session,
    post: Post,
    *,
    now: datetime | None = None,
    person: Person | None = None,
) -> list[Delivery]:
    """Approve the post's whole thread as `person`; once the campaign's approvals are
    complete, deliveries are queued and held ones released (at the post's time, or `now`
    when that has passed). ApprovalRefused when the person may not approve it (role, own
    post, approved already)."""
    parts = _live_parts(session, post, lifecycle.PostOp.APPROVE)
    return _approve_parts(session, parts, person or approvals.UNNAMED, now=now)


def _approve_parts(
    session: Session, parts: list[Post], person: Person, *, now: datetime | None = None
) -> list[Delivery]:
    created: list[Delivery] = []
    if approvals.give(session, parts, person):
        for part in parts:
            created += lifecycle.approve(session, part, now=now, person=person.name)
    session.flush()
    return created


def request_changes(session: Session, post: Post, person: Person, text: str) -> None:
    """Send the thread back to its author with a comment ("Änderung erbeten")."""
    approvals.request_changes(session, _live_parts(session, post, "request_changes"), person, text)


def reschedule(
    session: Session,
    post: Post,
    when: datetime,
    *,
    now: datetime | None = None,
    person: str | None = None,
) -> None:
    """Move the post's thread so that `post` is at `when`; every part keeps its spacing.

    With `now`, a time in the past is refused. Held deliveries are released to the new time.
    """
    if when.tzinfo is None:
        raise UserError(t("error.time_without_zone"))
    if now is not None:
        zone = ZoneInfo(post.campaign.time_zone)
        refuse_past(post.key, when, now, zone, t("post.past_hint"))
    delta: timedelta = when - post.scheduled_at
    for part in _live_parts(session, post, lifecycle.PostOp.RESCHEDULE):
        lifecycle.reschedule(session, part, part.scheduled_at + delta, person=person)
        approvals.after_reschedule(session, part, person or lifecycle.DAEMON)


def cancel(session: Session, post: Post, *, person: str | None = None) -> int:
    """Cancel the post's whole thread; returns how many deliveries were withdrawn."""
    chain = thread_of(session, post)
    live = [part for part in chain if part.state != PostState.CANCELLED]
    if not live:
        raise lifecycle.TransitionError(
            t(
                "lifecycle.post_refused",
                post=post.key,
                op=lifecycle.PostOp.CANCEL,
                state=PostState.CANCELLED,
            )
        )
    return sum(lifecycle.cancel(session, part, person=person) for part in live)


def restore(session: Session, post: Post, *, person: str | None = None) -> int:
    """Undo the cancel of the post's thread: every cancelled part is a draft again, its
    approvals cleared, so it goes out only after four eyes looked again; returns how many
    parts came back. TransitionError when no part is cancelled."""
    cancelled = [
        part for part in thread_of(session, post) if part.state == PostState.CANCELLED
    ]
    if not cancelled:
        lifecycle.require_post(post, lifecycle.PostOp.RESTORE)
    actor = person or lifecycle.DAEMON
    for part in cancelled:
        lifecycle.restore(session, part, person=person)
        approvals.clear(session, part, t("approval.reason_restored"), actor)
    return len(cancelled)


@dataclass(frozen=True)
class RetryOutcome:
    """What a retry by hand queued, and when it goes: at the post's time, or now."""

    count: int
    at: datetime | None
    now: bool


def retry(
    session: Session, post: Post, now: datetime, *, person: str | None = None
) -> RetryOutcome:
    """Queue the thread's failed or held deliveries again with a fresh attempt budget.

    Each goes at its post's time, or now when that has passed. An earlier attempt that may
    have reached the platform is still looked for before anything is published again.
    """
    count = 0
    first: datetime | None = None
    for part in _live_parts(session, post, "retry"):
        if part.state != PostState.APPROVED:
            continue
        due = max(part.scheduled_at, now)
        for delivery in part.deliveries:
            if (DeliveryState(delivery.state), lifecycle.DeliveryOp.RETRY_BY_HAND) in (
                lifecycle.DELIVERY_TRANSITIONS
            ):
                lifecycle.retry_by_hand(session, delivery, due, person=person)
                count += 1
                first = due if first is None else min(first, due)
    return RetryOutcome(count, first, first is not None and first <= now)


def describe_retry(
    post_id: int, outcome: RetryOutcome, local: Callable[[datetime], str]
) -> str:
    """What a retry by hand queued and when it goes (the CLI and the TUI say the same)."""
    if outcome.count == 0 or outcome.at is None:
        return t("post.retry_none", id=post_id)
    when = t("post.retry_now") if outcome.now else t("post.retry_at", at=local(outcome.at))
    return t("post.retried", id=post_id, count=outcome.count, when=when)


def duplicate(
    session: Session,
    post: Post,
    limits: dict[str, int | None],
    stamp: datetime,
    *,
    at: datetime | None = None,
    person: Person | None = None,
) -> list[Post]:
    """A draft copy of the whole thread (texts, variants, media, content warning, poll),
    keyed by the copy's time `stamp`, linked as a thread.

    The copy keeps the original's times; with `at`, the copy of `post` is at `at` and
    every part keeps its spacing, and a time before `stamp` is refused.
    """
    key = f"{thread_of(session, post)[0].key}-{stamp:%Y%m%d%H%M%S}"
    shift = timedelta(0) if at is None else at - post.scheduled_at
    copies: list[Post] = []
    for position, part in enumerate(_live_parts(session, post, "duplicate")):
        draft = PostDraft(
            key=key if position == 0 else f"{key}#{position + 1}",
            text=part.text,
            scheduled_at=part.scheduled_at + shift,
            accounts=[target.account.name for target in part.targets],
            variants={variant.platform: variant.text for variant in part.variants},
            media=[(item.path, item.alt_text) for item in part.media],
            spoiler_text=part.spoiler_text,
            poll=PollSpec.from_json(part.poll) if part.poll else None,
        )
        if not draft.accounts:
            raise UserError(t("post.no_accounts_to_copy", post=part.key))
        now = stamp if at is not None else None
        copy = add_post(session, part.campaign, draft, limits, now=now, person=person)
        link_part(copy, copies[-1] if copies else None, position)
        copies.append(copy)
    return copies


def link_part(post: Post, parent: Post | None, position: int) -> None:
    """Place `post` in its thread, after `parent`."""
    post.thread_parent_id = parent.id if parent is not None else None
    post.thread_position = position


def post_json(post: Post) -> dict[str, object]:
    """The stable JSON shape of a post for `--json` listings."""
    zone = ZoneInfo(post.campaign.time_zone)
    return {
        "id": post.id,
        "key": post.key,
        "campaign": post.campaign.slug,
        "state": post.state,
        "scheduled_at": post.scheduled_at.isoformat(),
        "text": post.text,
        "author": post.author,
        "last_editor": post.last_editor,
        "approvals": {
            "given": (tally := approvals.tally(post)).given,
            "required": tally.required,
            "by": list(tally.approvers),
            "changes_requested": tally.changes_requested,
        },
        "deliveries": [
            {
                "account_id": d.account_id,
                "state": d.state,
                "attempts": d.attempts,
                "remote_url": d.remote_url,
                "last_error": shown_reason(d.last_error, zone) or None,
            }
            for d in post.deliveries
        ],
    }
