"""Public text made fit for the wall: no control, escape or bidi characters, bounded length.

Escaping for HTML is not done here: the page's script sets `textContent`, and Jinja2
escapes the rest. What this removes is what escaping cannot: a terminal escape, or a
right-to-left override that makes a name or a link read backwards.
"""

from __future__ import annotations

import re
import unicodedata

ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|.?)")
"""A whole CSI or OSC sequence, or ESC and the one character after it."""

ELLIPSIS = "…"


def displayable(text: str, limit: int = 500) -> str:
    """`text` as the wall may show it: line breaks kept, tabs made spaces, other control and
    format characters (bidi overrides, isolates, zero-width marks) dropped, cut to `limit`
    characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = ESCAPE_SEQUENCE.sub("", text)
    kept = "".join(
        char
        for char in text
        if char == "\n"
        or unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Co", "Cn"}
        or char == "\u200d"  # the joiner inside emoji such as 👨‍👩‍👧
    )
    return kept if len(kept) <= limit else kept[: limit - 1].rstrip() + ELLIPSIS


def one_line(text: str, limit: int = 200) -> str:
    """`displayable` on one line: a name, a handle, a programme title."""
    return " ".join(displayable(text, limit).split())
