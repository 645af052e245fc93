"""Validate one post variant against one platform's rules.

The result carries stable rule ids (for code and JSON) and, for people, a message code with
its parameters (worded through the one catalogue, `words`), each naming the platform, the
rule and by how much the post is over.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from content.advice import Advice, advise
from content.length import mastodon_length, text_length, utf8_length
from content.platforms import (
    BLUESKY_MAX_TEXT_BYTES,
    DEFAULT_LIMITS,
    DISPLAY_NAMES,
    Platform,
    text_limit,
)
from content.twitter_rules import X_INVALID_CHARACTERS
from words.coded import Coded

_CHARACTER_NAMES = {
    "\ufeff": "content.char.bom",
    "\ufffe": "content.char.noncharacter",
    "\uffff": "content.char.noncharacter",
}


@dataclass(frozen=True)
class MediaSpec:
    """An image attached to a post; every image needs a description for blind readers."""

    path: str
    alt_text: str


@dataclass(frozen=True)
class Violation:
    """A broken rule: the platform would reject the post (or it would exclude readers)."""

    rule: str
    said: Coded
    over: int

    def text(self, lang: str | None = None) -> str:
        """The message in `lang` (default: the output language)."""
        return self.said.text(lang)


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking one variant: its length, the limit, and what is wrong."""

    platform: Platform
    length: int
    limit: int
    violations: tuple[Violation, ...]
    warnings: tuple[Advice, ...]

    @property
    def ok(self) -> bool:
        """True when no rule is broken; warnings do not count."""
        return not self.violations

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        """The stable JSON shape of `leuchtturm content check --json`."""
        return {
            "platform": self.platform.value,
            "length": self.length,
            "limit": self.limit,
            "ok": self.ok,
            "violations": [
                {"rule": v.rule, "message": v.text(lang), "over": v.over} for v in self.violations
            ],
            "warnings": [{"rule": w.rule, "message": w.text(lang)} for w in self.warnings],
        }


def _length_violation(
    platform: Platform, length: int, limit: int, *, with_warning: bool = False
) -> Violation | None:
    if length <= limit:
        return None
    over = length - limit
    values = {
        "name": DISPLAY_NAMES[platform],
        "length": length,
        "limit": limit,
        "unit": Coded(f"content.unit.{platform.value}"),
        "over": over,
    }
    key = "content.length_warned" if with_warning else "content.length"
    return Violation(rule="length", said=Coded(key, values), over=over)


def _empty_violation(platform: Platform, text: str, media: Sequence[MediaSpec]) -> Violation | None:
    # An image alone is a valid post on all three platforms; nothing at all is not.
    if text.strip() or media:
        return None
    said = Coded("content.empty", {"name": DISPLAY_NAMES[platform]})
    return Violation(rule="empty", said=said, over=0)


def _x_invalid_characters_violation(text: str) -> Violation | None:
    """twitter-text's validity rule: X refuses a text with U+FFFE, U+FEFF or U+FFFF."""
    found = [(match.start(), match.group()) for match in X_INVALID_CHARACTERS.finditer(text)]
    if not found:
        return None
    position, char = found[0]
    values = {
        "count": len(found),
        "code": f"U+{ord(char):04X}",
        "char": Coded(_CHARACTER_NAMES.get(char, "content.char.other")),
        "position": position + 1,
    }
    return Violation(
        rule="invalid_characters", said=Coded("content.invalid_characters", values), over=len(found)
    )


def _bluesky_bytes_violation(text: str) -> Violation | None:
    """app.bsky.feed.post limits the text to 3,000 UTF-8 bytes besides 300 graphemes."""
    size = utf8_length(text)
    if size <= BLUESKY_MAX_TEXT_BYTES:
        return None
    over = size - BLUESKY_MAX_TEXT_BYTES
    values = {"size": size, "limit": BLUESKY_MAX_TEXT_BYTES, "over": over}
    return Violation(rule="bytes", said=Coded("content.bytes", values), over=over)


def _platform_violations(platform: Platform, text: str) -> tuple[Violation | None, ...]:
    if platform is Platform.X:
        return (_x_invalid_characters_violation(text),)
    if platform is Platform.BLUESKY:
        return (_bluesky_bytes_violation(text),)
    return ()


def _media_count_violation(platform: Platform, media: Sequence[MediaSpec]) -> Violation | None:
    allowed = DEFAULT_LIMITS[platform].images
    if len(media) <= allowed:
        return None
    over = len(media) - allowed
    values = {"name": DISPLAY_NAMES[platform], "count": len(media), "allowed": allowed}
    said = Coded("content.media_count", {**values, "over": over})
    return Violation(rule="media_count", said=said, over=over)


def _alt_text_violation(platform: Platform, media: Sequence[MediaSpec]) -> Violation | None:
    missing = [item.path for item in media if not item.alt_text.strip()]
    if not missing:
        return None
    values = {"name": DISPLAY_NAMES[platform], "count": len(missing), "paths": ", ".join(missing)}
    said = Coded("content.alt_text_missing", values)
    return Violation(rule="alt_text_missing", said=said, over=len(missing))


def check_text(
    platform: Platform,
    text: str,
    *,
    limit: int | None = None,
    media: Sequence[MediaSpec] = (),
    spoiler_text: str = "",
) -> CheckResult:
    """Check `text` (and its images) against `platform`'s rules.

    `limit` overrides the default text limit, e.g. for a Mastodon server that allows more.
    `spoiler_text` is a Mastodon content warning, which counts toward Mastodon's limit (the
    other platforms have none, so it is ignored there).
    Raises ValueError only for a non-positive `limit`; everything else is reported.
    """
    effective_limit = text_limit(platform, limit)
    warned = platform is Platform.MASTODON and bool(spoiler_text)
    if platform is Platform.MASTODON:
        length = mastodon_length(text, spoiler_text)
    else:
        length = text_length(platform, text)
    candidates = (
        _empty_violation(platform, text, media),
        _length_violation(platform, length, effective_limit, with_warning=warned),
        *_platform_violations(platform, text),
        _media_count_violation(platform, media),
        _alt_text_violation(platform, media),
    )
    return CheckResult(
        platform=platform,
        length=length,
        limit=effective_limit,
        violations=tuple(v for v in candidates if v is not None),
        warnings=advise(platform, text),
    )
