"""Turning a delivery row into the `OutgoingPost` a connector publishes.

The rendering rules (normalisation, Bluesky facets) come from `content/`; the thread and
answer links come from deliveries already sent, so a thread part waits for its parent.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from campaign.models import Delivery, DeliveryState, Post, Reply
from connectors.base import Facet, MediaItem, OutgoingPoll, OutgoingPost, RemotePost
from content.media_file import HEAD_BYTES, image_type
from content.platforms import Platform
from content.polls import PollSpec
from content.render import render_variant


class WaitingForParent(Exception):
    """A thread part whose previous part has not been sent on this account yet."""


def _sent_remote(session: Session, post_id: int, account_id: int) -> RemotePost | None:
    delivery = session.scalar(
        select(Delivery).where(Delivery.post_id == post_id, Delivery.account_id == account_id)
    )
    if delivery is None or delivery.state != DeliveryState.SENT or delivery.remote_id is None:
        return None
    assert delivery.sent_at is not None
    return RemotePost(
        remote_id=delivery.remote_id,
        url=delivery.remote_url or "",
        published_at=delivery.sent_at,
        cid=delivery.remote_cid,
    )


def _thread_links(
    session: Session, post: Post, account_id: int
) -> tuple[RemotePost | None, RemotePost | None]:
    """(parent, root) of a thread part on this account; (None, None) for a lone post."""
    if post.thread_parent_id is None:
        return None, None
    parent = _sent_remote(session, post.thread_parent_id, account_id)
    if parent is None:
        raise WaitingForParent(f"post {post.key} waits for the previous part of its thread")
    root_post = post
    while root_post.thread_parent_id is not None:
        root_post = session.get_one(Post, root_post.thread_parent_id)
    root = _sent_remote(session, root_post.id, account_id)
    return parent, root


def _answer_links(session: Session, post: Post) -> tuple[RemotePost | None, RemotePost | None]:
    """(reply, our original post) when this post answers a citizen's reply."""
    reply = session.scalar(select(Reply).where(Reply.answer_post_id == post.id))
    if reply is None:
        return None, None
    target = RemotePost(
        remote_id=reply.remote_id, url=reply.url, published_at=reply.created_at, cid=reply.cid
    )
    if reply.delivery is None:  # a post found by listening starts its own thread
        return target, target
    original = _sent_remote(session, reply.delivery.post_id, reply.delivery.account_id)
    return target, original


def _content_type(path: Path) -> str:
    """The type the file's bytes announce, not its name; a file that is no longer an image
    is sent as octets, so the platform refuses it rather than showing it as one."""
    try:
        with path.open("rb") as handle:
            return image_type(handle.read(HEAD_BYTES)) or "application/octet-stream"
    except OSError:
        return "application/octet-stream"


def build_outgoing(session: Session, delivery: Delivery, limit: int | None) -> OutgoingPost:
    """The post as this delivery's platform should receive it."""
    post = delivery.post
    platform = Platform(delivery.account.platform)
    rendered = render_variant(platform, post.text_for(platform.value), limit=limit)
    reply_to, root = _thread_links(session, post, delivery.account_id)
    if reply_to is None:
        reply_to, root = _answer_links(session, post)
    media = tuple(
        MediaItem(
            path=Path(item.path),
            alt_text=item.alt_text,
            mime_type=_content_type(Path(item.path)),
        )
        for item in post.media
    )
    facets = tuple(
        Facet(byte_start=f.byte_start, byte_end=f.byte_end, kind=f.kind, value=f.value)
        for f in rendered.facets
    )
    return OutgoingPost(
        text=rendered.text,
        idempotency_key=delivery.idempotency_key,
        media=media,
        facets=facets,
        reply_to=reply_to,
        thread_root=root or reply_to,
        spoiler_text=post.spoiler_text if platform is Platform.MASTODON else "",
        poll=_poll(post),
    )


def _poll(post: Post) -> OutgoingPoll | None:
    """The post's poll; connectors of platforms without polls leave it off."""
    if not post.poll:
        return None
    spec = PollSpec.from_json(post.poll)
    return OutgoingPoll(spec.options, spec.duration, spec.multiple)
