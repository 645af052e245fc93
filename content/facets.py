"""Bluesky facets: the byte ranges that make links, mentions and hashtags clickable.

Bluesky does not parse post text; the client must send each entity with its UTF-8 byte
offsets. Detection uses the atproto SDK's port of the official TypeScript rules, so what we
mark is what the Bluesky app would mark.
"""

from dataclasses import dataclass
from typing import Literal

from atproto_client.models import AppBskyRichtextFacet
from atproto_client.utils.facet_detection import detect_facets, detect_mentions

FacetKind = Literal["link", "mention", "tag"]


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


def _from_sdk(facet: AppBskyRichtextFacet.Main) -> Facet | None:
    feature = facet.features[0]
    if isinstance(feature, AppBskyRichtextFacet.Link):
        kind: FacetKind = "link"
        value = feature.uri
    elif isinstance(feature, AppBskyRichtextFacet.Tag) and not feature.tag.startswith("$"):
        kind = "tag"
        value = feature.tag
    else:
        return None
    return Facet(facet.index.byte_start, facet.index.byte_end, kind, value)


def bluesky_facets(text: str) -> tuple[Facet, ...]:
    """Links, mentions and hashtags of `text`, ordered by position."""
    found = [facet for sdk in detect_facets(text) if (facet := _from_sdk(sdk)) is not None]
    found.extend(
        Facet(mention.byte_start, mention.byte_end, "mention", mention.handle)
        for mention in detect_mentions(text)
    )
    return tuple(sorted(found, key=lambda facet: facet.byte_start))
