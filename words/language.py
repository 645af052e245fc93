"""Which language people read: German by default, English by setting or LEUCHTTURM_LANG=en.

One order for every surface (CLI, TUI, daemon, reports, wall), so that two parts of one run
never speak two languages.
"""

from __future__ import annotations

import os

LANGUAGES = ("de", "en")
_configured: list[str] = []


def choose_language(setting: str | None) -> None:
    """Remember the configured `language` for this process (done when settings load);
    None forgets it."""
    _configured[:] = [setting] if setting else []


def language(chosen: str | None = None, setting: str | None = None) -> str:
    """The output language: `chosen` (an option such as `--lang`), then LEUCHTTURM_LANG,
    then `setting` or the configured `language`, then German."""
    candidates = (chosen, os.environ.get("LEUCHTTURM_LANG"), setting, *_configured)
    for candidate in candidates:
        if candidate and candidate.lower()[:2] in LANGUAGES:
            return candidate.lower()[:2]
    return "de"
