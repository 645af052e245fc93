"""Turn a variant's text into exactly what will be sent to a platform.

Normalising once, here, means the length that was checked is the length that is sent, and
the facets' byte offsets point into the very bytes Bluesky receives.
"""

from dataclasses import dataclass

from content.facets import Facet, bluesky_facets
from content.length import fits, text_length
from content.normalise import normalise
from content.platforms import Platform, text_limit


@dataclass(frozen=True)
class RenderedVariant:
    """The text to send, its length in the platform's unit, and (Bluesky only) its facets.

    `limit` is the text limit it was rendered for, so a sender can refuse a text that grew
    past it after it was checked.
    """

    platform: Platform
    text: str
    length: int
    facets: tuple[Facet, ...]
    limit: int

    @property
    def fits(self) -> bool:
        """True when the text is within the platform's (or instance's) limits."""
        return fits(self.platform, self.text, self.limit)


def render_variant(platform: Platform, text: str, *, limit: int | None = None) -> RenderedVariant:
    """The normalised text for `platform`, with Bluesky facets computed on that text.

    `limit` overrides the platform's default (e.g. a Mastodon instance's own limit).
    """
    normalised = normalise(text)
    facets = bluesky_facets(normalised) if platform is Platform.BLUESKY else ()
    length = text_length(platform, normalised)
    return RenderedVariant(platform, normalised, length, facets, text_limit(platform, limit))
