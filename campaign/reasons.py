"""Why a delivery waits or an account is held, kept as a code with parameters and worded
when someone reads it (in their language, not the daemon's).

`stored_reason` is the one way a reason enters a column; `shown_reason` the one way it
leaves. Reasons written before reasons were codes are plain text and are shown as they
are.
"""

from __future__ import annotations

from typing import Any

from content.outside_text import inert_line
from words.coded import Coded, stored, worded


def stored_reason(reason: Coded) -> str:
    """`reason` as its column keeps it; text values (a platform's message) made inert
    first, since the stored form escapes what the column's own cleaning would remove."""
    return stored(_inert(reason))


def shown_reason(text: str | None, lang: str | None = None) -> str:
    """A stored reason in words ("" for none)."""
    return worded(text, lang)


def _inert(reason: Coded) -> Coded:
    values: dict[str, Any] = {}
    for name, value in reason.values.items():
        if isinstance(value, Coded):
            values[name] = _inert(value)
        elif isinstance(value, str):
            values[name] = inert_line(value)
        else:
            values[name] = value
    return Coded(reason.key, values)
