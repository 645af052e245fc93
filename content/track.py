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

from words.coded import CodedError

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


class TrackProblem(CodedError):
    """Why an entry cannot be followed, worded when shown."""


def parse_track(entry: object) -> TrackEntry:
    """The entry checked; raises TrackProblem with what to change."""
    if not isinstance(entry, str):
        raise TrackProblem("track.not_text", entry=repr(entry))
    text = " ".join(entry.split())
    if not text:
        raise TrackProblem("track.empty")
    if len(text) > MAX_QUERY_CHARACTERS:
        over = len(text) - MAX_QUERY_CHARACTERS
        raise TrackProblem("track.too_long", start=text[:40], over=over, most=MAX_QUERY_CHARACTERS)
    if text.startswith("#"):
        if not HASHTAG.fullmatch(text):
            raise TrackProblem("track.not_hashtag", text=text)
        return TrackEntry("tag", text[1:])
    if text.count('"') % 2:
        raise TrackProblem("track.open_quote", text=text)
    if not text.replace('"', "").strip():
        raise TrackProblem("track.empty_quote", text=text)
    if OPERATOR.search(text.replace('"', " ")) or " OR " in f" {text} ":
        raise TrackProblem("track.operators", text=text)
    return TrackEntry("keyword", text)
