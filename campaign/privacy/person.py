"""A person's right to see and to erase what we hold about them (GDPR Art. 15 and 17).

`export` gathers every stored post of theirs with its labels, question flags, answers and
wall decisions, and their wall block; `erase` deletes the same (after folding the posts
into the anonymous counts, which stay), blanks @mentions of them in other people's posts,
and records the erasure under a keyed hash of the handle, never the handle: the trail
says that a request was served without keeping whom it was about.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from campaign.db import Database
from campaign.models import Campaign, Delivery, Post, Reply, WallBlock, WallEntry
from campaign.privacy.counts import heard_campaign
from campaign.privacy.handles import Person
from campaign.privacy.retention import delete_posts, release_freed_pages
from campaign.services import events
from campaign.services.wall import SOURCES
from words.coded import Coded

ERASED_KIND = "privacy.erased"
ERASED_MENTION = "@[gelöscht]"


def subject_hash(key: bytes, person: Person) -> str:
    """HMAC-SHA256 of platform and handle under the installation's key: the same request
    always gives the same hash (so a later question can be answered), and without the key
    nobody can test a list of known handles against the trail."""
    message = f"{person.platform}:{person.handle}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _posts(session: Session, person: Person) -> list[Reply]:
    return list(
        session.scalars(
            select(Reply)
            .where(Reply.platform == person.platform, person.is_author(Reply.author_handle))
            .order_by(Reply.created_at, Reply.id)
        )
    )


def _blocks(session: Session, person: Person) -> list[WallBlock]:
    return list(
        session.scalars(
            select(WallBlock).where(
                WallBlock.platform == person.platform, person.is_author(WallBlock.author_handle)
            )
        )
    )


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def export(session: Session, person: Person, now: datetime) -> dict[str, Any]:
    """Everything stored about `person`, as JSON-ready data (nothing of anyone else's)."""
    posts = _posts(session, person)
    ids = [post.id for post in posts]
    campaigns = dict(
        session.execute(
            select(Reply.id, Campaign.slug)
            .outerjoin(Delivery, Delivery.id == Reply.delivery_id)
            .outerjoin(Post, Post.id == Delivery.post_id)
            .join(Campaign, Campaign.id == heard_campaign())
            .where(Reply.id.in_(ids))
        ).all()
    )
    wall = {
        entry.source_id: entry
        for entry in session.scalars(
            select(WallEntry).where(WallEntry.source.in_(SOURCES), WallEntry.source_id.in_(ids))
        )
    }
    answers = {
        post.id: post
        for post in session.scalars(
            select(Post).where(Post.id.in_([p.answer_post_id for p in posts if p.answer_post_id]))
        )
    }
    return {
        "platform": person.platform,
        "handle": person.handle,
        "exported_at": now.isoformat(),
        "posts": [
            _post(post, campaigns.get(post.id), wall.get(post.id), answers) for post in posts
        ],
        "wall_blocks": [
            {"handle": block.author_handle, "blocked_at": _moment(block.blocked_at)}
            for block in _blocks(session, person)
        ],
        "mentioned_in_posts_by_others": len(_mentioning(session, person, exclude=ids)),
    }


def _post(
    post: Reply, campaign: str | None, entry: WallEntry | None, answers: dict[int, Post]
) -> dict[str, Any]:
    answer = answers.get(post.answer_post_id) if post.answer_post_id else None
    return {
        "kind": post.kind,
        "platform": post.platform,
        "remote_id": post.remote_id,
        "url": post.url,
        "author_handle": post.author_handle,
        "author_name": post.author_name,
        "text": post.text,
        "media_url": post.media_url,
        "media_alt": post.media_alt,
        "reposts": post.reposts,
        "language": post.language,
        "created_at": _moment(post.created_at),
        "collected_at": _moment(post.collected_at),
        "campaign": campaign,
        "found_by_query": post.query,
        "in_reply_to_id": post.in_reply_to_id,
        "labels": {
            "model": post.sentiment_label,
            "score": post.sentiment_score,
            "model_name": post.sentiment_model,
            "model_revision": post.sentiment_revision,
            "classified_at": _moment(post.classified_at),
            "person": post.human_label,
            "person_labelled_at": _moment(post.human_labelled_at),
        },
        "question": {
            "is_question": post.is_question,
            "answered_at": _moment(post.answered_at),
            "answer": answer.text if answer else None,
        },
        "wall": None
        if entry is None
        else {
            "state": entry.state,
            "pinned": entry.pinned,
            "changed_at": _moment(entry.changed_at),
        },
    }


def _mentioning(session: Session, person: Person, *, exclude: list[int]) -> list[Reply]:
    """Other people's posts that @mention `person` (a LIKE narrows, the pattern decides)."""
    pattern = person.mention()
    near = func.lower(Reply.text).contains(person.handle.partition("@")[0])
    candidates = session.scalars(select(Reply).where(near, Reply.id.not_in(exclude)))
    return [reply for reply in candidates if pattern.search(reply.text)]


@dataclass(frozen=True)
class Erasure:
    posts: int
    wall_entries: int
    blocks: int
    mentions: int


def erase(
    database: Database, person: Person, key: bytes, *, by: str | None, now: datetime
) -> Erasure:
    """Delete everything `export` shows and blank @mentions of them elsewhere; then make
    the deleted rows unreadable in the database files too."""
    with database.session() as session:
        posts = _posts(session, person)
        ids = [post.id for post in posts]
        touched = {
            campaign_id
            for (campaign_id,) in session.execute(
                select(heard_campaign())
                .select_from(Reply)
                .outerjoin(Delivery, Delivery.id == Reply.delivery_id)
                .outerjoin(Post, Post.id == Delivery.post_id)
                .where(Reply.id.in_(ids))
            )
        }
        entries = session.scalar(
            select(func.count())
            .select_from(WallEntry)
            .where(WallEntry.source.in_(SOURCES), WallEntry.source_id.in_(ids))
        )
        delete_posts(session, ids)
        blocks = session.execute(
            delete(WallBlock).where(
                WallBlock.platform == person.platform, person.is_author(WallBlock.author_handle)
            )
        ).rowcount
        mentioning = _mentioning(session, person, exclude=ids)
        pattern = person.mention()
        for reply in mentioning:
            reply.text = pattern.sub(ERASED_MENTION, reply.text)
        done = Erasure(len(ids), entries or 0, blocks or 0, len(mentioning))
        for campaign_id in sorted(touched, key=lambda c: (c is None, c or 0)) or [None]:
            events.record(
                session,
                ERASED_KIND,
                Coded("privacy.erased.event", {"posts": done.posts, "platform": person.platform}),
                at=now,
                campaign_id=campaign_id,
                person=by,
                data={
                    "subject": subject_hash(key, person),
                    "platform": person.platform,
                    "posts": done.posts,
                    "wall_entries": done.wall_entries,
                    "wall_blocks": done.blocks,
                    "mentions_blanked": done.mentions,
                },
            )
    release_freed_pages(database, vacuum=True)
    return done
