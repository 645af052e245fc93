"""How Mastodon counts a status's length and renders its text as HTML.

The length rule is Mastodon's `StatusLengthValidator`: every URL counts as 23 characters
(`characters_reserved_per_url`), a remote mention `@user@domain` counts as `@user`, the
content warning (`spoiler_text`) counts in full, and what remains is counted in grapheme
clusters, so an emoji with modifiers counts once.
"""

from __future__ import annotations

import html

import regex as re

CHARACTERS_RESERVED_PER_URL = 23
URL_PATTERN = re.compile(r"https?://[^\s<>\"]+")
REMOTE_MENTION_PATTERN = re.compile(r"(?<![\w@])@(\w+)@[\w.-]+\w")


def countable_length(text: str, spoiler_text: str = "") -> int:
    """The length Mastodon compares with the instance's `max_characters`."""
    countable = URL_PATTERN.sub("x" * CHARACTERS_RESERVED_PER_URL, text)
    countable = REMOTE_MENTION_PATTERN.sub(r"@\1", countable)
    return len(re.findall(r"\X", spoiler_text + countable))


def to_html(text: str) -> str:
    """The status `content` as Mastodon renders plain text: paragraphs, breaks, links."""
    paragraphs = [part for part in re.split(r"\n{2,}", text.strip()) if part]
    return "".join(f"<p>{_inline_html(part)}</p>" for part in paragraphs)


def _inline_html(paragraph: str) -> str:
    pieces: list[str] = []
    position = 0
    for match in URL_PATTERN.finditer(paragraph):
        pieces.append(html.escape(paragraph[position : match.start()], quote=False))
        url = html.escape(match.group(0))
        pieces.append(
            f'<a href="{url}" target="_blank" rel="nofollow noopener noreferrer" '
            f'translate="no">{url}</a>'
        )
        position = match.end()
    pieces.append(html.escape(paragraph[position:], quote=False))
    return "".join(pieces).replace("\n", "<br />")
