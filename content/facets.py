"""Bluesky facets: the byte ranges that make links, mentions and hashtags clickable.

Bluesky does not parse post text; the client must send each entity with its UTF-8 byte
offsets. Links, mentions and cashtags come from the atproto SDK's port of the official
TypeScript detection, so what we mark is what the Bluesky app would mark. Hashtags are
detected here with the SDK's patterns but with a true grapheme count for the 64-grapheme
limit (the SDK only approximates it), and a tag may start with `$` (`#$teuer` is the tag
`$teuer`, as in the official app; `$AAPL` alone is the cashtag tag `$AAPL`).
"""

from dataclasses import dataclass
from typing import Literal

from atproto_client.models import AppBskyRichtextFacet
from atproto_client.utils.facet_detection import detect_facets, detect_mentions
from atproto_client.utils.facet_regexes import TAG_REGEX, TRAILING_PUNCTUATION_REGEX

from content.length import grapheme_count, utf8_length

FacetKind = Literal["link", "mention", "tag"]
MAX_TAG_GRAPHEMES = 64


@dataclass(frozen=True)
class Facet:
    """One entity: bytes [byte_start, byte_end) of the UTF-8 text.

    `value` is the full URI for a link, the handle without @ for a mention (the connector
    resolves it to a DID when posting), and the tag without # for a hashtag.
    """

    byte_start: int
    byte_end: int
    kind: FacetKind
    value: str


def _hashtags(text: str) -> list[Facet]:
    """`#tag` facets: trailing punctuation is not part of a tag; over 64 graphemes, no tag."""
    found: list[Facet] = []
    for match in TAG_REGEX.finditer(text):
        tag = match.group(2)
        if not tag:
            continue
        tag = TRAILING_PUNCTUATION_REGEX.sub("", tag)
        if not tag or grapheme_count(tag) > MAX_TAG_GRAPHEMES:
            continue
        start = match.end(1)
        end = start + 1 + len(tag)
        found.append(Facet(utf8_length(text[:start]), utf8_length(text[:end]), "tag", tag))
    return found


def _links_and_cashtags(text: str) -> list[Facet]:
    """Links and `$TICKER` cashtags from the SDK; its `#tag` facets are left to _hashtags."""
    encoded = text.encode("utf-8")
    found: list[Facet] = []
    for facet in detect_facets(text):
        feature = facet.features[0]
        start, end = facet.index.byte_start, facet.index.byte_end
        if isinstance(feature, AppBskyRichtextFacet.Link):
            found.append(Facet(start, end, "link", feature.uri))
        elif isinstance(feature, AppBskyRichtextFacet.Tag) and encoded[start:end].startswith(b"$"):
            found.append(Facet(start, end, "tag", feature.tag))
    return found


def bluesky_facets(text: str) -> tuple[Facet, ...]:
    """Links, mentions, hashtags and cashtags of `text`, ordered by position."""
    found = _links_and_cashtags(text) + _hashtags(text)
    found.extend(
        Facet(mention.byte_start, mention.byte_end, "mention", mention.handle)
        for mention in detect_mentions(text)
    )
    return tuple(sorted(found, key=lambda facet: facet.byte_start))
