"""The one catalogue: every word a person reads, German and English side by side.

Each area keeps its words in a module of its own with one shape, `WORDS: dict[key,
(German, English)]`, so that people adding words in parallel touch different files; this
module composes them and refuses a key two areas define. gettext would need compiled
catalogues; a dict keeps both languages next to each other, so a missing translation is
seen in review (and tests/test_words.py checks every key has both, with the same
placeholders).
"""

from __future__ import annotations

from collections.abc import Mapping

from words import (
    city,
    content,
    daemon,
    general,
    listening,
    plan,
    poll,
    privacy,
    report,
    sentiment,
    textual,
    tui,
    wall,
)
from words.language import LANGUAGES, language
from words.plural import PluralFormatter

Area = Mapping[str, tuple[str, str]]

AREAS: tuple[Area, ...] = (
    general.WORDS,
    content.WORDS,
    plan.WORDS,
    daemon.WORDS,
    tui.WORDS,
    textual.WORDS,
    report.WORDS,
    wall.WORDS,
    listening.WORDS,
    privacy.WORDS,
    poll.WORDS,
    city.WORDS,
    sentiment.WORDS,
)

_FORMATTERS = {lang: PluralFormatter(lang) for lang in LANGUAGES}


def compose(*areas: Area) -> dict[str, tuple[str, str]]:
    """One catalogue from the areas' words; a key defined twice is a bug, not an override."""
    catalogue: dict[str, tuple[str, str]] = {}
    for area in areas:
        twice = catalogue.keys() & area.keys()
        if twice:
            raise ValueError(f"catalogue keys defined twice: {', '.join(sorted(twice))}")
        catalogue.update(area)
    return catalogue


CATALOGUE = compose(*AREAS)


def template(key: str, lang: str | None = None) -> str:
    """The message `key` in `lang` (default: the output language), unfilled: for templates
    another library fills (typer's "[default: {}]")."""
    german, english = CATALOGUE[key]
    return english if (lang or language()) == "en" else german


def t(key: str, /, *, lang: str | None = None, **values: object) -> str:
    """The message `key` in `lang` (default: the output language), filled with `values`;
    counted nouns take their form by count (see words.plural)."""
    chosen = lang if lang in LANGUAGES else language()
    return _FORMATTERS[chosen].format(template(key, chosen), **values)
