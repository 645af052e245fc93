"""Text length as each platform counts it.

Each platform counts differently, and a post rejected at send time is a post that misses its
slot, so these functions follow the platforms' own rules rather than `len()`:

* X: twitter-text's weighted length (URLs 23, CJK and emoji 2), computed by the
  `twitter-text-parser` library, which ports X's own rules.
* Mastodon: grapheme clusters, every http(s) URL counts 23 and a mention `@user@domain`
  counts only as `@user` (the server's StatusLengthValidator does the same).
* Bluesky: grapheme clusters of the whole text, links included.
"""

import re

import regex

from content.platforms import Platform
from content.twitter_rules import extract_urls_with_indices, parse_tweet

MASTODON_URL_LENGTH = 23
_MASTODON_URL_PLACEHOLDER = "x" * MASTODON_URL_LENGTH

# A remote mention: the domain part is dropped for counting, the local part kept.
_MASTODON_MENTION = re.compile(
    r"(?<![\w@/])(@[a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_])?)@[\w.-]+\w", re.IGNORECASE
)


def grapheme_count(text: str) -> int:
    """User-perceived characters (a family emoji or a flag is one)."""
    return len(regex.findall(r"\X", text))


def x_weighted_length(text: str) -> int:
    """X's weighted length as twitter-text defines it."""
    return int(parse_tweet(text).weightedLength)


def mastodon_length(text: str) -> int:
    """Length as a Mastodon server validates it."""
    urls = extract_urls_with_indices(text, extract_urls_without_protocol=False)
    pieces: list[str] = []
    cursor = 0
    for url in urls:
        start, end = url["indices"]
        pieces.append(_MASTODON_MENTION.sub(r"\1", text[cursor:start]))
        pieces.append(_MASTODON_URL_PLACEHOLDER)
        cursor = end
    pieces.append(_MASTODON_MENTION.sub(r"\1", text[cursor:]))
    return grapheme_count("".join(pieces))


def text_length(platform: Platform, text: str) -> int:
    """The length of `text` in the unit `platform` enforces its limit in."""
    if platform is Platform.X:
        return x_weighted_length(text)
    if platform is Platform.MASTODON:
        return mastodon_length(text)
    return grapheme_count(text)
