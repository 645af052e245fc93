"""Text length as each platform counts it.

Each platform counts differently, and a post rejected at send time is a post that misses its
slot, so these functions follow the platforms' own rules rather than `len()`:

* X: twitter-text's weighted length (URLs 23, CJK and emoji 2), computed by the
  `twitter-text-parser` library, which ports X's own rules.
* Mastodon: its StatusLengthValidator (`content.mastodon_rules`): links 23, mentions
  without their domain, the content warning in full, grapheme clusters.
* Bluesky: grapheme clusters of the whole text, links included; the record's byte limit
  is `utf8_length`.
"""

import regex

from content.mastodon_rules import status_length
from content.platforms import BLUESKY_MAX_TEXT_BYTES, Platform
from content.twitter_rules import parse_tweet


def grapheme_count(text: str) -> int:
    """User-perceived characters (a family emoji or a flag is one)."""
    return len(regex.findall(r"\X", text))


def utf8_length(text: str) -> int:
    """Bytes of the UTF-8 encoding, the unit of Bluesky's `maxLength`."""
    return len(text.encode("utf-8"))


def x_weighted_length(text: str) -> int:
    """X's weighted length as twitter-text defines it."""
    return int(parse_tweet(text).weightedLength)


def mastodon_length(text: str, spoiler_text: str = "") -> int:
    """Length as a Mastodon server validates it, content warning included."""
    return status_length(text, spoiler_text)


def text_length(platform: Platform, text: str) -> int:
    """The length of `text` in the unit `platform` enforces its limit in."""
    if platform is Platform.X:
        return x_weighted_length(text)
    if platform is Platform.MASTODON:
        return mastodon_length(text)
    return grapheme_count(text)


def fits(platform: Platform, text: str, limit: int, spoiler_text: str = "") -> bool:
    """True when `text` is within `limit` and, on Bluesky, within the record's byte limit.

    `spoiler_text` is a Mastodon content warning, which counts toward Mastodon's limit.
    """
    if platform is Platform.MASTODON:
        return mastodon_length(text, spoiler_text) <= limit
    if text_length(platform, text) > limit:
        return False
    return platform is not Platform.BLUESKY or utf8_length(text) <= BLUESKY_MAX_TEXT_BYTES
