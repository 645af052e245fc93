"""Counted nouns chosen by count: `{deliveries:#Zustellung|Zustellungen}` reads
"1 Zustellung" or "3 Zustellungen"; and grouped numbers as each language writes them
(`{limit:,}`: 1.000.000 in German, 1,000,000 in English).

The forms live inside the message, so one key holds a whole sentence in both languages
(German and English both use the singular for exactly one and the plural otherwise), and a
sentence may count two things ("{withdrawn:#…} zurückgezogen, {sent:#…} gesendet").
"""

from __future__ import annotations

import string
from typing import Any

PLURAL_MARK = "#"


GERMAN_SEPARATORS = str.maketrans({",": ".", ".": ","})


class PluralFormatter(string.Formatter):
    """str.format in one language, plus the plural spec `#singular|plural` for whole
    numbers; German swaps the separators of grouped numbers."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith(PLURAL_MARK):
            singular, _, plural = format_spec[1:].partition("|")
            number = self.format_field(value, ",")
            return f"{number} {singular if value == 1 else plural}"
        text = super().format_field(value, format_spec)
        if self.lang == "de" and "," in format_spec:
            return text.translate(GERMAN_SEPARATORS)
        return text


def placeholders(message: str) -> set[str]:
    """The names a message fills in (with their plural forms' presence), to compare two
    languages of one message."""
    found = set()
    for _, name, spec, _ in string.Formatter().parse(message):
        if name is not None:
            counted = bool(spec) and spec.startswith(PLURAL_MARK)
            found.add(f"{name}#" if counted else name)
    return found
