"""What a campaign follows: hashtags and keyword queries, checked once for every source.

A plan's `track = [...]` and config.toml's `[[listening.campaigns]]` both pass `parse_track`,
so a mistake reads the same wherever it was made. A hashtag is `#` and a word of letters,
digits and underscores (not digits only: no platform links those); a keyword query is words
and "quoted phrases", which all of Mastodon's full-text search, Bluesky's searchPosts and
X's recent search understand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex as re

MAX_QUERY_CHARACTERS = 200
"""Well within X's 512 for a query, with room for the operators the connector adds."""
HASHTAG = re.compile(r"#[\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*")
OPERATOR = re.compile(r"(?<!\S)-?[a-z_]+:\S")


@dataclass(frozen=True)
class TrackEntry:
    """One validated entry: a hashtag (`text` without #) or a keyword query as written."""

    kind: Literal["tag", "keyword"]
    text: str

    @property
    def written(self) -> str:
        """How a person wrote it, and how stored posts name the query that found them."""
        return f"#{self.text}" if self.kind == "tag" else self.text


class TrackProblem(ValueError):
    """Why an entry cannot be followed, in German and English."""

    def __init__(self, german: str, english: str) -> None:
        super().__init__(german)
        self.german = german
        self.english = english


def parse_track(entry: object) -> TrackEntry:
    """The entry checked; raises TrackProblem with what to change."""
    if not isinstance(entry, str):
        raise TrackProblem(
            f"{entry!r} ist kein Text: einen Hashtag (\"#ToDoDortmund\") oder Suchwörter angeben",
            f"{entry!r} is not text: give a hashtag (\"#ToDoDortmund\") or search words",
        )
    text = " ".join(entry.split())
    if not text:
        raise TrackProblem(
            "ist leer: einen Hashtag oder Suchwörter angeben",
            "is empty: give a hashtag or search words",
        )
    if len(text) > MAX_QUERY_CHARACTERS:
        over = len(text) - MAX_QUERY_CHARACTERS
        raise TrackProblem(
            f"'{text[:40]}…' ist {over} Zeichen zu lang (höchstens {MAX_QUERY_CHARACTERS})",
            f"'{text[:40]}…' is {over} characters too long (at most {MAX_QUERY_CHARACTERS})",
        )
    if text.startswith("#"):
        if not HASHTAG.fullmatch(text):
            raise TrackProblem(
                f"'{text}' ist kein Hashtag: nach # nur Buchstaben, Ziffern und _ ohne "
                "Leerzeichen, nicht nur Ziffern (z. B. \"#ToDoDortmund\")",
                f"'{text}' is not a hashtag: after # only letters, digits and _ without "
                "spaces, not digits only (e.g. \"#ToDoDortmund\")",
            )
        return TrackEntry("tag", text[1:])
    if text.count('"') % 2:
        raise TrackProblem(
            f"'{text}': ein Anführungszeichen ist nicht geschlossen",
            f"'{text}': a quotation mark is not closed",
        )
    if not text.replace('"', "").strip():
        raise TrackProblem(
            f"'{text}': zwischen den Anführungszeichen fehlen die Wörter",
            f"'{text}': the quotation marks hold no words",
        )
    if OPERATOR.search(text.replace('"', " ")) or " OR " in f" {text} ":
        raise TrackProblem(
            f"'{text}': Suchoperatoren (wie from:, lang:, OR) versteht nicht jede Plattform; "
            "nur Wörter und \"Wortgruppen\" angeben",
            f"'{text}': search operators (such as from:, lang:, OR) are not understood by "
            "every platform; give words and \"phrases\" only",
        )
    return TrackEntry("keyword", text)
