"""X's rules side by side with twitter-text-parser on generated texts.

Seeded, so a failure names a text that can be replayed: German-ish words with umlauts and
„quotes“, links with and without scheme, mentions, hashtags, emoji (with ZWJ and skin
tones), CJK, line breaks, and now and then a character X refuses (U+FFFE, U+FEFF, U+FFFF).
`check_text` must agree with twitter-text on the weighted length and on validity: never
accept what X refuses, never refuse what X accepts for reasons of length or characters.
"""

import random

import pytest

from content.check import check_text
from content.platforms import Platform
from content.twitter_rules import parse_tweet

WORDS = [
    "Dortmund", "Grüße", "Straße", "Fußgängerzone", "Bürgerbüro", "öffnet", "heute", "um",
    "10", "Uhr", "und", "mit", "für", "alle", "Veranstaltung", "Rathaus", "Ämter", "Übersicht",
    "„Tag", "der", "offenen", "Tür“", "(Eintritt", "frei)", "z.B.", "ca.", "5 €", "–", "…",
]
LINKS = [
    "https://www.dortmund.de/todo", "http://dortmund.de", "dortmund.de/veranstaltungen",
    "https://straße.de/weg?x=1&y=ä", "www.example.com.", "https://t.co/abcdef12",
    "https://de.wikipedia.org/wiki/Dortmund_(Begriffsklärung)", "https://bit.ly/3abc!",
]
OTHERS = [
    "@todo_dortmund", "@presse@dortmund.social", "#ToDoDortmund", "#Grüße", "$DAX",
    "😀", "👍🏽", "👨\u200d👩\u200d👧\u200d👦", "🇩🇪", "🤪",
    "日本語", "한국어", "中文", "\n", "\n\n",
]
INVALID = ["\ufeff", "\ufffe", "\uffff"]


def _text(rng: random.Random) -> str:
    pieces = []
    for _ in range(rng.randint(1, 60)):
        roll = rng.random()
        if roll < 0.6:
            pieces.append(rng.choice(WORDS))
        elif roll < 0.75:
            pieces.append(rng.choice(LINKS))
        elif roll < 0.97:
            pieces.append(rng.choice(OTHERS))
        else:
            pieces.append(rng.choice(INVALID) + rng.choice(WORDS))
    return " ".join(pieces)


TEXTS = [_text(random.Random(seed)) for seed in range(600)]


@pytest.mark.parametrize("text", TEXTS)
def test_same_length_and_validity_as_twitter_text(text: str) -> None:
    expected = parse_tweet(text)
    result = check_text(Platform.X, text)
    assert result.length == expected.weightedLength
    assert result.ok is expected.valid


def test_the_generated_texts_cover_both_outcomes() -> None:
    outcomes = [parse_tweet(text) for text in TEXTS]
    assert any(o.valid for o in outcomes) and any(not o.valid for o in outcomes)
    assert any(any(char in text for char in INVALID) for text in TEXTS)
    assert any(o.weightedLength > 280 for o in outcomes)
