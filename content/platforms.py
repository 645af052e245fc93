"""The platforms Leuchtturm posts to and the limits each one enforces by default.

The limits live here, not in the connectors, so that a post can be validated while it is
being written, long before any account is contacted.
"""

from dataclasses import dataclass
from enum import StrEnum


class Platform(StrEnum):
    """A social network; the value is the identifier used in config files and the database."""

    X = "x"
    MASTODON = "mastodon"
    BLUESKY = "bluesky"


@dataclass(frozen=True)
class PlatformLimits:
    """What one post may contain: a text length (in the platform's own unit) and images."""

    text: int
    images: int


DEFAULT_LIMITS: dict[Platform, PlatformLimits] = {
    Platform.X: PlatformLimits(text=280, images=4),  # weighted characters
    # Mastodon servers may raise the limit; the caller passes the instance's value.
    Platform.MASTODON: PlatformLimits(text=500, images=4),
    Platform.BLUESKY: PlatformLimits(text=300, images=4),  # graphemes
}

# app.bsky.feed.post's `text`: maxGraphemes 300 (the limit above) and maxLength 3000, which
# the lexicon counts in UTF-8 bytes; an emoji-heavy text reaches the bytes first.
BLUESKY_MAX_TEXT_BYTES = 3000

DISPLAY_NAMES: dict[Platform, str] = {
    Platform.X: "X",
    Platform.MASTODON: "Mastodon",
    Platform.BLUESKY: "Bluesky",
}


def text_limit(platform: Platform, override: int | None = None) -> int:
    """The text limit to enforce: the caller's (e.g. a Mastodon instance's) or the default."""
    if override is not None:
        if override <= 0:
            raise ValueError(f"{platform}: text limit must be positive, got {override}")
        return override
    return DEFAULT_LIMITS[platform].text
