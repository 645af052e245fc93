"""Warnings for things a public-sector team should fix but the platforms would accept.

* Hashtags not in CamelCase: a screen reader reads `#todortmund` as one unknown word and
  `#TODODORTMUND` letter by letter; `#ToDoDortmund` is read word by word.
* A link in an X post: X bills API posts that contain a URL at many times the price of a
  post without one, so the team should decide on purpose.
"""

from dataclasses import dataclass

import regex

from content.platforms import Platform
from content.twitter_rules import extract_urls_with_indices
from words.coded import Coded

# A hashtag starts after whitespace, the start, or an opening bracket and ends at the first
# character that is neither a letter, a digit, nor an underscore.
_HASHTAG = regex.compile(r"(?:^|(?<=[\s(]))[#＃]([\p{L}\p{N}_]+)")

# Below these lengths a lower- or upper-case tag is almost always one short word or acronym.
_LOWERCASE_TAG_MIN_LETTERS = 7
_UPPERCASE_TAG_MIN_LETTERS = 6


@dataclass(frozen=True)
class Advice:
    """A warning: the post would be accepted, but a human should look at it."""

    rule: str
    said: Coded

    def text(self, lang: str | None = None) -> str:
        """The message in `lang` (default: the output language)."""
        return self.said.text(lang)


def hashtags(text: str) -> list[str]:
    """The hashtags in `text`, without the leading #."""
    return [match.group(1) for match in _HASHTAG.finditer(text)]


def _hashtag_advice(tag: str) -> Advice | None:
    letters = [char for char in tag if char.isalpha()]
    if all(char.islower() for char in letters) and len(letters) >= _LOWERCASE_TAG_MIN_LETTERS:
        key = "content.hashtag_lower"
    elif all(char.isupper() for char in letters) and len(letters) >= _UPPERCASE_TAG_MIN_LETTERS:
        key = "content.hashtag_upper"
    else:
        return None
    return Advice(rule="hashtag_case", said=Coded(key, {"tag": tag}))


def _x_link_advice(text: str) -> Advice | None:
    if not extract_urls_with_indices(text):
        return None
    return Advice(rule="x_link", said=Coded("content.x_link"))


def advise(platform: Platform, text: str) -> tuple[Advice, ...]:
    """All warnings for `text` on `platform`, in the order they appear."""
    found = [_hashtag_advice(tag) for tag in hashtags(text)]
    if platform is Platform.X:
        found.append(_x_link_advice(text))
    return tuple(advice for advice in found if advice is not None)
