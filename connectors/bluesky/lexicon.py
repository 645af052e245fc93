"""The app.bsky.feed.post lexicon, checked on the finished record before it is sent.

The atproto models check a record's shape, and its string formats (DID, AT-URI, CID,
language, datetime, URI) when asked to be strict, but they count `maxLength` in code points
where the lexicon counts UTF-8 bytes, and they know nothing of `maxGraphemes` or of facets
pointing outside the text. A PDS refuses such a record with a bare 400, after the images
were uploaded; refusing it here names the field.
"""

from __future__ import annotations

from typing import Any

import regex
from atproto_client import models
from pydantic import ValidationError

from connectors.errors import Rejected

PLATFORM = "bluesky"
# lexicons/app/bsky/feed/post.json and app/bsky/richtext/facet.json
TEXT_MAX_BYTES = 3000
TEXT_MAX_GRAPHEMES = 300
TAG_MAX_BYTES = 640
TAG_MAX_GRAPHEMES = 64
_STRICT = {"strict_string_format": True}


def _graphemes(text: str) -> int:
    return len(regex.findall(r"\X", text))


def _string_problems(where: str, value: str, max_bytes: int, max_graphemes: int) -> list[str]:
    problems = []
    size = len(value.encode("utf-8"))
    if size > max_bytes:
        problems.append(f"{where} has {size} UTF-8 bytes, the lexicon allows {max_bytes}")
    graphemes = _graphemes(value)
    if graphemes > max_graphemes:
        problems.append(f"{where} has {graphemes} graphemes, the lexicon allows {max_graphemes}")
    return problems


def _facet_problems(index: int, facet: dict[str, Any], text: bytes) -> list[str]:
    where = f"facets[{index}]"
    start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
    problems = []
    if not 0 <= start < end <= len(text):
        problems.append(f"{where} covers bytes {start}–{end} of a {len(text)}-byte text")
    else:
        try:
            text[start:end].decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"{where} bytes {start}–{end} cut a character in two")
    if not facet["features"]:
        problems.append(f"{where} has no feature")
    for feature in facet["features"]:
        if "tag" in feature:
            problems += _string_problems(
                f"{where} tag", feature["tag"], TAG_MAX_BYTES, TAG_MAX_GRAPHEMES
            )
    return problems


def _image_problems(embed: dict[str, Any] | None) -> list[str]:
    if embed is None or embed.get("$type") != "app.bsky.embed.images":
        return []
    return [
        f"embed.images[{index}] has no alt text"
        for index, image in enumerate(embed["images"])
        if not image["alt"].strip()
    ]


def post_record_problems(record: models.AppBskyFeedPost.Record) -> list[str]:
    """What in `record` app.bsky.feed.post (or a PDS) would refuse; empty when nothing."""
    data = record.model_dump(mode="json", by_alias=True, exclude_none=True)
    try:
        models.AppBskyFeedPost.Record.model_validate(data, context=_STRICT)
    except ValidationError as error:
        return [
            f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}"
            for item in error.errors()
        ]
    text = data["text"]
    problems = _string_problems("text", text, TEXT_MAX_BYTES, TEXT_MAX_GRAPHEMES)
    encoded = text.encode("utf-8")
    for index, facet in enumerate(data.get("facets", [])):
        problems += _facet_problems(index, facet, encoded)
    return problems + _image_problems(data.get("embed"))


def check_post_record(record: models.AppBskyFeedPost.Record) -> None:
    """Raises Rejected, naming every problem, when the record breaks its lexicon."""
    problems = post_record_problems(record)
    if problems:
        raise Rejected(
            PLATFORM,
            "the post record breaks the app.bsky.feed.post lexicon: " + "; ".join(problems),
        )
