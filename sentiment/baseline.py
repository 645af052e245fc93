"""The textblob-de polarity lexicon as a baseline the model must clearly beat.

textblob-de 0.4.3 no longer imports with current textblob (it needs the removed
`textblob.translate`), so its lexicon file (Apache-2.0) is read directly and scored the way
pattern does: mean polarity of known words, a preceding negation flips and halves.
"""

import importlib.util
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import regex

from sentiment.base import Label
from sentiment.errors import SentimentError

NEGATIONS = frozenset({"nicht", "kein", "keine", "keinen", "keiner", "keinem", "nie", "niemals"})
NEGATION_REACH = 3  # a negation affects a known word at most this many tokens later
THRESHOLD = 0.1  # |mean polarity| below this counts as neutral
_WORD = regex.compile(r"\p{L}+")


def lexicon_path() -> Path:
    """`de-sentiment.xml` inside the installed textblob_de, found without importing it."""
    spec = importlib.util.find_spec("textblob_de")
    if spec is None or not spec.submodule_search_locations:
        raise SentimentError("sentiment.no_textblob")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "de-sentiment.xml"


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, float]:
    """Lower-cased word form → polarity in [-1, 1]."""
    root = ElementTree.parse(lexicon_path()).getroot()
    return {
        word.attrib["form"].lower(): float(word.attrib["polarity"])
        for word in root.iter("word")
        if float(word.attrib.get("polarity", 0))
    }


def polarity(text: str, lexicon: dict[str, float]) -> float:
    """Mean polarity of the known words; 0.0 when none is known."""
    values: list[float] = []
    negated_until = -1
    for position, token in enumerate(_WORD.findall(text.lower())):
        if token in NEGATIONS:
            negated_until = position + NEGATION_REACH
            continue
        value = lexicon.get(token)
        if value is not None:
            values.append(value * -0.5 if position <= negated_until else value)
    return sum(values) / len(values) if values else 0.0


def lexicon_labels(texts: Sequence[str]) -> list[Label]:
    """The baseline's verdict per text."""
    lexicon = load_lexicon()
    labels: list[Label] = []
    for text in texts:
        value = polarity(text, lexicon)
        labels.append(
            "positive" if value > THRESHOLD else "negative" if value < -THRESHOLD else "neutral"
        )
    return labels
