"""Split a long text into a thread whose every part fits the platform's limit.

Parts break at sentence ends where possible and at spaces otherwise. Links, mentions and
hashtags contain no spaces, so they are never cut. The " 2/5" numbering counts toward the
limit; because its width depends on the number of parts (9 → 10 parts widens every
suffix), the split is repeated until the count it assumes is the count it produces.
"""

import re

from content.length import fits
from content.normalise import normalise
from content.platforms import DISPLAY_NAMES, Platform, text_limit
from words.coded import CodedError

# A sentence ends with . ! ? or … (optionally closed by quotes/brackets) before whitespace.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»«“”)\]]*\s+|\n\s*")


# A full stop after a day number ("1. Mai") or a common abbreviation ends no sentence.
_NOT_A_SENTENCE_END = re.compile(
    r"(?:^|\s)(?:\d{1,2}|z\.\s?B|u\.\s?a|d\.\s?h|bzw|ca|Nr|Dr|Str|vgl|inkl)\.$"
)


class ThreadSplitError(CodedError):
    """A single word (typically a very long URL) is longer than one part may be."""


def _sentences(text: str) -> list[str]:
    """Sentences with their closing quotes and brackets kept; line breaks end a sentence too."""
    pieces: list[str] = []
    cursor = 0
    for match in _SENTENCE_END.finditer(text):
        closer_end = match.start() + len(match.group(0).rstrip())
        pieces.append(text[cursor:closer_end])
        cursor = match.end()
    pieces.append(text[cursor:])
    sentences: list[str] = []
    for piece in (piece.strip() for piece in pieces if piece.strip()):
        if sentences and _NOT_A_SENTENCE_END.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences


def _pack(
    platform: Platform, sentences: list[str], limit: int, suffix_width: int, spoiler_text: str
) -> list[str]:
    """Greedy packing: whole sentences first, a too-long sentence word by word."""
    reserve = " " * suffix_width

    def fits_part(candidate: str) -> bool:
        return fits(platform, candidate + reserve, limit, spoiler_text)

    parts: list[str] = []
    current = ""
    for sentence in sentences:
        joined = f"{current} {sentence}" if current else sentence
        if fits_part(joined):
            current = joined
            continue
        if fits_part(sentence):
            parts.append(current)
            current = sentence
            continue
        for word in sentence.split():
            joined = f"{current} {word}" if current else word
            if fits_part(joined):
                current = joined
            elif fits_part(word):
                parts.append(current)
                current = word
            else:
                raise ThreadSplitError(
                    "content.thread.word_too_long",
                    name=DISPLAY_NAMES[platform],
                    word=word[:40],
                    limit=limit,
                )
    parts.append(current)
    return [part for part in parts if part]


def split_thread(
    platform: Platform,
    text: str,
    *,
    limit: int | None = None,
    numbering: bool = True,
    spoiler_text: str = "",
) -> list[str]:
    """The parts of `text` for `platform`; a text that fits is returned as one unnumbered part.

    `spoiler_text`, a Mastodon content warning, goes with every part and counts toward
    each part's limit there.
    Raises ThreadSplitError when one word alone cannot fit into a part.
    """
    effective_limit = text_limit(platform, limit)
    normalised = normalise(text)
    if fits(platform, normalised, effective_limit, spoiler_text):
        return [normalised]
    if not fits(platform, "x", effective_limit, spoiler_text):
        raise ThreadSplitError(
            "content.thread.warning_fills_part", name=DISPLAY_NAMES[platform], limit=effective_limit
        )
    sentences = _sentences(normalised)
    if not numbering:
        return _pack(platform, sentences, effective_limit, 0, spoiler_text)
    assumed_count = 2
    while True:
        suffix_width = len(f" {assumed_count}/{assumed_count}")
        parts = _pack(platform, sentences, effective_limit, suffix_width, spoiler_text)
        if len(str(len(parts))) <= len(str(assumed_count)):
            total = len(parts)
            return [f"{part} {index}/{total}" for index, part in enumerate(parts, start=1)]
        assumed_count = len(parts)
