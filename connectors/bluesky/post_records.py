"""Turns an `OutgoingPost` into an app.bsky.feed.post record, with the atproto models.

Building the record with the client's own pydantic models means the library checks the
lexicon's shape before anything is sent; the PDS still has the last word on lengths.
Byte offsets of facets come ready from `content/`; only mentions need the network, to
turn a handle into a DID, which the caller passes in.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from atproto_client import models

from connectors.base import Facet, MediaItem, OutgoingPost, RemotePost
from connectors.bluesky.lexicon import check_post_record

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def iso_timestamp(moment: datetime) -> str:
    """createdAt as Bluesky's own app writes it: UTC with milliseconds and "Z"."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def rich_text_facet(
    facet: Facet, mention_dids: Mapping[str, str]
) -> models.AppBskyRichtextFacet.Main:
    """One facet; a mention's value is the handle, looked up in `mention_dids`."""
    feature: (
        models.AppBskyRichtextFacet.Link
        | models.AppBskyRichtextFacet.Tag
        | models.AppBskyRichtextFacet.Mention
    )
    if facet.kind == "link":
        feature = models.AppBskyRichtextFacet.Link(uri=facet.value)
    elif facet.kind == "tag":
        feature = models.AppBskyRichtextFacet.Tag(tag=facet.value.removeprefix("#"))
    else:
        feature = models.AppBskyRichtextFacet.Mention(did=mention_dids[mention_handle(facet)])
    return models.AppBskyRichtextFacet.Main(
        features=[feature],
        index=models.AppBskyRichtextFacet.ByteSlice(
            byte_start=facet.byte_start, byte_end=facet.byte_end
        ),
    )


def mention_handle(facet: Facet) -> str:
    """The handle a mention facet names, without the leading "@"."""
    return facet.value.removeprefix("@").lower()


def strong_ref(remote: RemotePost) -> models.ComAtprotoRepoStrongRef.Main:
    """uri + cid of a published post, as a reply must name its root and parent."""
    if remote.cid is None:
        raise ValueError(f"{remote.remote_id} has no cid; a Bluesky reply needs one")
    return models.ComAtprotoRepoStrongRef.Main(uri=remote.remote_id, cid=remote.cid)


def reply_ref(post: OutgoingPost) -> models.AppBskyFeedPost.ReplyRef | None:
    """The reply's root and parent; a reply to a top-level post has it as both."""
    if post.reply_to is None:
        return None
    root = post.thread_root or post.reply_to
    return models.AppBskyFeedPost.ReplyRef(root=strong_ref(root), parent=strong_ref(post.reply_to))


def aspect_ratio(data: bytes) -> models.AppBskyEmbedDefs.AspectRatio | None:
    """Width and height straight from a PNG header; other formats go without."""
    if not data.startswith(_PNG_SIGNATURE) or len(data) < 24:
        return None
    width, height = struct.unpack(">II", data[16:24])
    if width == 0 or height == 0:
        return None
    return models.AppBskyEmbedDefs.AspectRatio(width=width, height=height)


def image_embed(
    media: Sequence[MediaItem], blobs: Sequence[models.blob_ref.BlobRef], contents: Sequence[bytes]
) -> models.AppBskyEmbedImages.Main | None:
    """The images embed, alt text for every image."""
    if not media:
        return None
    return models.AppBskyEmbedImages.Main(
        images=[
            models.AppBskyEmbedImages.Image(
                alt=item.alt_text, image=blob, aspect_ratio=aspect_ratio(data)
            )
            for item, blob, data in zip(media, blobs, contents, strict=True)
        ]
    )


def post_record(
    post: OutgoingPost,
    created_at: datetime,
    mention_dids: Mapping[str, str],
    embed: models.AppBskyEmbedImages.Main | None,
) -> models.AppBskyFeedPost.Record:
    """The complete record, ready for createRecord.

    Raises Rejected when the record breaks its lexicon (nothing has been created yet).
    """
    record = models.AppBskyFeedPost.Record(
        text=post.text,
        created_at=iso_timestamp(created_at),
        langs=[post.language],
        facets=[rich_text_facet(facet, mention_dids) for facet in post.facets] or None,
        reply=reply_ref(post),
        embed=embed,
    )
    check_post_record(record)
    return record
