"""Four eyes: who may approve a post, how approvals are counted, and when they are cleared.

A campaign asks for `approvals_required` distinct approvers; with a team configured none
of them may be the post's author or its last editor, and only approvers and admins
approve. An approval is for what the post says at that moment: any change of text,
variants, media or target accounts clears it (and a change of time, where the campaign
says so), so text nobody approved never goes out. A thread is approved as one unit.
The state moves themselves stay in `campaign.lifecycle`; this module decides when.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, false, not_, or_
from sqlalchemy.orm import Session

from campaign import lifecycle
from campaign.errors import UserError
from campaign.models import Approval, Post, PostState, utc_now
from campaign.people import DAEMON, Person, Role
from campaign.services import events
from words import t
from words.coded import Coded

UNNAMED = Person(DAEMON, DAEMON, Role.ADMIN, solo=True)
"""Who acts for a caller that names nobody (the demo, benchmarks, older tests): a single
user setup, as before people were recorded. Every command and screen names its person."""


class ApprovalRefused(UserError):
    """This person may not approve this post (role, own post, already approved)."""


@dataclass(frozen=True)
class Tally:
    """Where a post stands: approvals given of those required, and by whom."""

    given: int
    required: int
    approvers: tuple[str | None, ...]
    changes_requested: bool

    @property
    def complete(self) -> bool:
        return self.given >= self.required


def active(post: Post) -> list[Approval]:
    """The approvals that still count (not cleared by a change)."""
    return [approval for approval in post.approvals if approval.cleared_at is None]


def tally(post: Post) -> Tally:
    """Distinct approvers who still count; an old approval without a name counts once."""
    names = tuple(dict.fromkeys(approval.person for approval in active(post)))
    required = max(post.campaign.approvals_required, 1)
    return Tally(len(names), required, names, post.changes_requested_at is not None)


def refusal(post: Post, person: Person) -> str | None:
    """Why `person` may not approve `post`, or None when they may."""
    if not person.may_approve:
        return t("approval.role", name=person.name, role=person.role.value, post=post.key)
    if not person.solo and person.name in (post.author, post.last_editor):
        return t("approval.own", name=person.name, post=post.key)
    current = tally(post)
    if person.name in current.approvers and not current.complete:
        return t("approval.twice", name=person.name, post=post.key,
                 missing=current.required - current.given)
    return None


def give(session: Session, parts: Sequence[Post], person: Person) -> bool:
    """Record `person`'s approval of every part; True when all parts are now approved.

    Every part is checked before any is written, so a refusal (ApprovalRefused) leaves
    the thread as it was.
    """
    for part in parts:
        if (reason := refusal(part, person)) is not None:
            raise ApprovalRefused(reason)
    for part in parts:
        if person.name in tally(part).approvers:
            continue
        part.approvals.append(Approval(person=person.name, at=utc_now()))
        part.changes_requested_at = None
        now = tally(part)
        events.record(
            session,
            "post.approval_given",
            Coded(
                "approval.given", {"post": part.key, "given": now.given, "required": now.required}
            ),
            campaign_id=part.campaign_id,
            post_id=part.id,
            data={"given": now.given, "required": now.required},
            person=person.name,
        )
    session.flush()
    return all(tally(part).complete for part in parts)


def clear(session: Session, post: Post, reason: str, person: str) -> bool:
    """Clear the post's approvals with `reason`; an approved post goes back to draft.

    Returns whether anything was cleared.
    """
    current = active(post)
    if not current and post.state != PostState.APPROVED:
        return False
    now = utc_now()
    for approval in current:
        approval.cleared_at = now
    if post.state == PostState.APPROVED:
        cleared = Coded("approval.cleared", {"reason": reason})
        lifecycle.revoke(session, post, cleared, person=person)
    else:
        events.record(
            session,
            "post.approvals_cleared",
            Coded(
                "event.post",
                {"post": post.key, "reason": Coded("approval.cleared", {"reason": reason})},
            ),
            campaign_id=post.campaign_id,
            post_id=post.id,
            person=person,
        )
    return True


# what a post says, and what a change did to it ----------------------------------------
@dataclass(frozen=True)
class Content:
    """Everything an approval is for: a change of any of it clears approvals."""

    text: str
    variants: tuple[tuple[str, str], ...]
    media: tuple[tuple[str, str], ...]
    accounts: tuple[str, ...]
    content_warning: str
    poll: str = ""

    @classmethod
    def of(cls, post: Post) -> Content:
        return cls(
            post.text,
            tuple(sorted((variant.platform, variant.text) for variant in post.variants)),
            tuple((item.path, item.alt_text) for item in post.media),
            tuple(sorted(target.account.name for target in post.targets)),
            post.spoiler_text or "",
            json.dumps(post.poll, sort_keys=True, ensure_ascii=False) if post.poll else "",
        )

    def changed(self, other: Content) -> list[str]:
        """Names of the parts that differ (text, variants, media, accounts, content warning,
        poll)."""
        parts = ("text", "variants", "media", "accounts", "content_warning", "poll")
        return [name for name in parts if getattr(self, name) != getattr(other, name)]

    def lines(self) -> list[str]:
        """The content as lines, for a unified diff people can read."""
        lines = self.text.splitlines() or [""]
        for platform, text in self.variants:
            lines += [f"[{platform}] {line}" for line in text.splitlines() or [""]]
        lines += [f"[media] {path}: {alt}" for path, alt in self.media]
        lines.append(f"[accounts] {', '.join(self.accounts)}")
        if self.poll:
            lines.append(f"[poll] {self.poll}")
        return lines


def diff(before: Content, after: Content) -> str:
    """A unified diff of what the post says, before and after a change."""
    return "\n".join(
        difflib.unified_diff(before.lines(), after.lines(), "vorher", "nachher", lineterm="", n=1)
    )


def created(post: Post, person: str) -> None:
    """A new post: its author is also its last editor."""
    post.author = post.last_editor = person


def after_edit(
    session: Session, post: Post, before: Content, moved: bool, person: str
) -> str | None:
    """After a person saved `post`: record what changed (with a diff) and clear its
    approvals if what it says changed, or its time where the campaign asks for that.

    Returns why approvals were cleared (the caller clears the rest of the thread with
    it), None when they stand.
    """
    after = Content.of(post)
    fields = before.changed(after)
    if not fields:
        return after_reschedule(session, post, person) if moved else None
    post.last_editor = person
    post.changes_requested_at = None
    events.record(
        session,
        "post.changed",
        Coded("approval.changed", {"post": post.key, "fields": ", ".join(fields)}),
        campaign_id=post.campaign_id,
        post_id=post.id,
        data={"fields": fields, "diff": diff(before, after)},
        person=person,
    )
    reason = t("approval.reason_content", fields=", ".join(fields))
    clear(session, post, reason, person)
    return reason


def after_reschedule(session: Session, post: Post, person: str) -> str | None:
    """A new time keeps approvals unless the campaign asks for them again; returns why
    they were cleared, or None."""
    if not post.campaign.reapprove_on_reschedule:
        return None
    post.last_editor = person
    reason = t("approval.reason_time")
    clear(session, post, reason, person)
    return reason


def request_changes(session: Session, parts: Sequence[Post], person: Person, text: str) -> None:
    """Send the thread back to its author with `text`; its approvals are cleared."""
    if not person.may_approve:
        raise ApprovalRefused(
            t("approval.role", name=person.name, role=person.role.value, post=parts[0].key)
        )
    comment(session, parts[0], person, text, kind="post.changes_requested")
    for part in parts:
        part.changes_requested_at = utc_now()
        clear(session, part, t("approval.reason_requested", name=person.name), person.name)


def comment(
    session: Session, post: Post, person: Person, text: str, *, kind: str = "post.comment"
) -> None:
    """An internal note on the post, kept in its audit trail with person and time."""
    note = " ".join(text.split())
    if not note:
        raise UserError(t("comment.empty"))
    events.record(
        session,
        kind,
        note,
        campaign_id=post.campaign_id,
        post_id=post.id,
        data={"comment": note},
        person=person.name,
    )


def awaiting(person: Person) -> ColumnElement[bool]:
    """SQL condition: drafts that wait for this person's approval (not their own, not
    approved by them yet, not sent back), for the queue's "wartet auf meine Freigabe"."""
    if not person.may_approve:
        return false()
    mine = exists().where(
        Approval.post_id == Post.id, Approval.cleared_at.is_(None), Approval.person == person.name
    )
    conditions = [Post.state == PostState.DRAFT, Post.changes_requested_at.is_(None), not_(mine)]
    if not person.solo:
        conditions += [
            or_(Post.author.is_(None), Post.author != person.name),
            or_(Post.last_editor.is_(None), Post.last_editor != person.name),
        ]
    return and_(*conditions)

