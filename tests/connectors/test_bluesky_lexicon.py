"""The app.bsky.feed.post lexicon check that runs on every record before it is sent."""

from datetime import UTC, datetime

import pytest
from atproto_client import models

from connectors.base import Facet, OutgoingPost, RemotePost
from connectors.bluesky.lexicon import post_record_problems
from connectors.bluesky.post_records import post_record
from connectors.errors import Rejected

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
DID = "did:plc:abcdefghijklmnopqrstuvwx"
PARENT = RemotePost(
    remote_id=f"at://{DID}/app.bsky.feed.post/3kabcdefghij2",
    url="https://bsky.app/profile/todo.example/post/3kabcdefghij2",
    published_at=NOW,
    cid="bafyreib2rxk3rh6kzwq3jhtlcmvvb4nfrstlzpwbtywwfbltb3ylyqsycq",
)


def _record(text: str, **fields: object) -> models.AppBskyFeedPost.Record:
    base = {"text": text, "created_at": "2026-12-01T10:00:00.000Z", "langs": ["de"]}
    return models.AppBskyFeedPost.Record(**(base | fields))


def _facet(start: int, end: int, tag: str) -> models.AppBskyRichtextFacet.Main:
    return models.AppBskyRichtextFacet.Main(
        features=[models.AppBskyRichtextFacet.Tag(tag=tag)],
        index=models.AppBskyRichtextFacet.ByteSlice(byte_start=start, byte_end=end),
    )


def test_a_valid_record_with_reply_and_facets_has_no_problems() -> None:
    post = OutgoingPost(
        text="Grüße #ToDo", idempotency_key="k", facets=(Facet(7, 12, "tag", "ToDo"),),
        reply_to=PARENT, thread_root=PARENT,
    )
    assert post_record_problems(post_record(post, NOW, {}, None)) == []


def test_text_is_limited_in_bytes_and_graphemes() -> None:
    assert post_record_problems(_record(FAMILY * 300)) == [
        "text has 7500 UTF-8 bytes, the lexicon allows 3000"
    ]
    assert post_record_problems(_record("a" * 301)) == [
        "text has 301 graphemes, the lexicon allows 300"
    ]


def test_facets_must_lie_inside_the_text_and_on_character_boundaries() -> None:
    text = "Grüße #x"
    assert post_record_problems(_record(text, facets=[_facet(7, 30, "x")])) == [
        "facets[0] covers bytes 7–30 of a 10-byte text"
    ]
    assert post_record_problems(_record(text, facets=[_facet(3, 5, "x")])) == [
        "facets[0] bytes 3–5 cut a character in two"
    ]
    assert post_record_problems(_record(text, facets=[_facet(5, 5, "x")])) == [
        "facets[0] covers bytes 5–5 of a 10-byte text"
    ]


def test_tags_are_limited_to_64_graphemes() -> None:
    tag = "a" * 65
    problems = post_record_problems(_record(f"#{tag}", facets=[_facet(0, 66, tag)]))
    assert problems == ["facets[0] tag has 65 graphemes, the lexicon allows 64"]


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"langs": ["deutsch"]}, "langs.0"),
        ({"created_at": "1. Dezember 2026"}, "createdAt"),
        (
            {"facets": [models.AppBskyRichtextFacet.Main(
                features=[models.AppBskyRichtextFacet.Mention(did="presse")],
                index=models.AppBskyRichtextFacet.ByteSlice(byte_start=0, byte_end=1),
            )]},
            "facets.0.features.0",
        ),
        (
            {"reply": models.AppBskyFeedPost.ReplyRef(
                root=models.ComAtprotoRepoStrongRef.Main(uri="https://bsky.app/x", cid="bafy"),
                parent=models.ComAtprotoRepoStrongRef.Main(uri="https://bsky.app/x", cid="bafy"),
            )},
            "reply",
        ),
    ],
)
def test_formats_are_checked_strictly(fields: dict[str, object], where: str) -> None:
    problems = post_record_problems(_record("Hallo", **fields))
    assert problems and all(problem.startswith(where) for problem in problems), problems


def test_images_need_alt_text() -> None:
    blob = models.blob_ref.BlobRef(
        mime_type="image/png", size=10,
        ref=models.blob_ref.IpldLink(
            link="bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy"
        ),
    )
    embed = models.AppBskyEmbedImages.Main(
        images=[models.AppBskyEmbedImages.Image(alt="  ", image=blob)]
    )
    assert post_record_problems(_record("Bild", embed=embed)) == [
        "embed.images[0] has no alt text"
    ]


def test_post_record_refuses_a_record_that_breaks_the_lexicon() -> None:
    with pytest.raises(Rejected, match="7500 UTF-8 bytes"):
        post_record(OutgoingPost(text=FAMILY * 300, idempotency_key="k"), NOW, {}, None)
