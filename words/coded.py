"""A message kept as a code with parameters and worded only when someone reads it.

Content's rules, media checks and time parsing, and the daemon's reasons, know *what* is
wrong, not who reads it or in which language; they return a `Coded` and the surface words
it (`text()`), in the reader's language, through the one catalogue.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from words.catalogue import CATALOGUE, t


@dataclass(frozen=True)
class Coded:
    """A catalogue key and the values that fill it."""

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        """The message in `lang` (default: the output language); a value that is itself a
        `Coded` (a unit, a character's name) is worded in the same language."""
        values = {
            name: value.text(lang) if isinstance(value, Coded) else value
            for name, value in self.values.items()
        }
        return t(self.key, lang=lang, **values)


class CodedError(ValueError):
    """An error whose message is a `Coded`: worded when shown, in the reader's language."""

    def __init__(self, key: str, /, **values: Any) -> None:
        self.coded = Coded(key, values)
        super().__init__(key)

    def __str__(self) -> str:
        return self.text()

    def text(self, lang: str | None = None) -> str:
        """The message in `lang` (default: the output language)."""
        return self.coded.text(lang)

    @property
    def message(self) -> str:
        """The message in the output language."""
        return self.text()


def stored(coded: Coded) -> str:
    """`coded` as the text a database column keeps: the key and its values as JSON, so the
    reason is worded when shown, in the reader's language."""
    return json.dumps(_plain(coded), ensure_ascii=False, default=str)


def _plain(coded: Coded) -> dict[str, Any]:
    values = {
        name: _plain(value) if isinstance(value, Coded) else value
        for name, value in coded.values.items()
    }
    return {"key": coded.key, "values": values}


def parsed(text: str) -> Coded | None:
    """The code a column keeps, None for plain text."""
    if not text.startswith('{"key"'):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return _coded(data)


def _coded(data: Any) -> Coded | None:
    if not (isinstance(data, dict) and data.get("key") in CATALOGUE):
        return None
    values = data.get("values")
    if not isinstance(values, dict):
        return None
    return Coded(data["key"], {name: _coded(value) or value for name, value in values.items()})
