"""The one boundary for text written outside: replies, authors, collected posts, error bodies.

Anyone on the internet writes these, so they are made inert before they are stored and
again before they are shown: terminal escape sequences and other control characters
would drive the terminal (wipe the screen, set the title, write the clipboard), and bidi
controls can make a link or a name read differently from what it is. Lengths are bounded
so that one enormous reply cannot fill a screen, a report or a database column.
Pure functions, no I/O: every surface (database, TUI, reports, CLI) calls the same ones.
"""

from __future__ import annotations

import regex as re

ELLIPSIS = "…"

ESCAPE_SEQUENCE = re.compile(
    r"""
      \x1b\[ [0-?]* [ -/]* [@-~]?                 # CSI: cursor, erase, colours
    | \x9b [0-?]* [ -/]* [@-~]?                   # CSI, 8-bit form
    | [\x1b][\]PX^_] .*? (?:\x07|\x1b\\|\x9c|$)   # OSC, DCS, SOS, PM, APC up to BEL or ST
    | [\x9d\x90\x98\x9e\x9f] .*? (?:\x07|\x1b\\|\x9c|$)
    | \x1b [ -/]* [0-~]?                          # any other escape
    """,
    re.VERBOSE | re.DOTALL,
)
"""Whole sequences go, so that no "]8;;http://…" residue is left once ESC is dropped."""

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 (but tab and newline, handled apart), DEL and C1."""

BIDI_CONTROL = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
"""Embeddings, overrides, isolates and marks: text direction comes from the letters."""

UNENCODABLE = re.compile(r"[\ud800-\udfff\ufffe\uffff]")
"""Lone surrogates and non-characters: no database or terminal can take them."""

LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029\x85]")

INPUT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters a person's input (a plan, the config, a draft) has no use for; tab
and line breaks are fine. NUL cannot even be stored on PostgreSQL."""


def control_character(text: str) -> str | None:
    """The first such control character in `text`, named as U+XXXX; None if there is none.

    Our own input is refused rather than cleaned: silently changing what a person wrote
    would hide the mistake.
    """
    match = INPUT_CONTROL.search(text)
    return f"U+{ord(match.group()):04X}" if match else None


def inert(text: str, *, limit: int | None = None, multiline: bool = True, tabs: bool = True) -> str:
    """`text` without escape sequences, control or bidi characters, at most `limit` long.

    `multiline=False` turns line breaks into spaces (a table cell, a one-line reason);
    `tabs=False` does the same with tabs. What is left can be written to a terminal, a
    file or a database column as it is: it can only be read, never act.
    """
    text = LINE_BREAK.sub("\n", text)
    text = ESCAPE_SEQUENCE.sub("", text)
    text = CONTROL.sub("", text)
    text = BIDI_CONTROL.sub("", text)
    text = UNENCODABLE.sub("", text)
    if not multiline:
        text = text.replace("\n", " ")
    if not tabs:
        text = text.replace("\t", " ")
    return bounded(text, limit)


def inert_line(text: str, *, limit: int | None = None) -> str:
    """`inert` for one line: a table cell, a handle, a title, a notification's subject."""
    return inert(text, limit=limit, multiline=False, tabs=False)


def bounded(text: str, limit: int | None) -> str:
    """`text` cut to `limit` characters (an ellipsis marks the cut), never inside a
    character made of several code points (an emoji with ZWJ, a letter with accents)."""
    if limit is None or len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return text[:limit]
    cut = 0
    for cluster in re.finditer(r"\X", text[: limit + 16]):
        if cluster.end() > limit - len(ELLIPSIS):
            break
        cut = cluster.end()
    return text[:cut] + ELLIPSIS
