"""The wall page's labels in one language, for its template.

The words live in the one catalogue (area words/wall.py, keys `page.*`); the wall picks its
language once, when it starts.
"""

from __future__ import annotations

from words import CATALOGUE, template

PREFIX = "page."


def texts(language: str) -> dict[str, str]:
    """Every label of the page in `language` ("de" or "en"), by its name without prefix."""
    return {
        key.removeprefix(PREFIX): template(key, language)
        for key in CATALOGUE
        if key.startswith(PREFIX)
    }
