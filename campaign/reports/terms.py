"""The most frequent words in posts by others, German stop words removed.

Stop words come from the `stop-words` package's German list (kept up to date there, not
here); @mentions and links are dropped first, so a term is never a person's handle or an
address. Hashtags count as terms with their #, as people write them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from stop_words import get_stop_words

MENTION_OR_LINK = re.compile(r"(?<![\w@])@[\w.@-]+|\bhttps?://\S+|\bwww\.\S+", re.IGNORECASE)
WORD = re.compile(r"#?[^\W\d_][\w-]*[^\W_]|#?[^\W\d_]", re.UNICODE)
MIN_LENGTH = 3


@cache
def stop_words() -> frozenset[str]:
    return frozenset(get_stop_words("de"))


def terms(text: str) -> list[str]:
    """`text`'s terms, lower-cased, without stop words, mentions, links and short words."""
    words = WORD.findall(MENTION_OR_LINK.sub(" ", text).lower())
    stop = stop_words()
    return [word for word in words if len(word.lstrip("#")) >= MIN_LENGTH and word not in stop]


def top_terms(texts: Iterable[str], limit: int) -> list[tuple[str, int]]:
    """The `limit` terms in most texts (each text counts a term once), ties by term."""
    counted: Counter[str] = Counter()
    for text in texts:
        counted.update(set(terms(text)))
    return sorted(counted.items(), key=lambda item: (-item[1], item[0]))[:limit]
