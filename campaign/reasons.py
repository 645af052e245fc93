"""Why a delivery waits or an account is held, kept as a code with parameters and worded
when someone reads it (in their language, not the daemon's).

`stored_reason` is the one way a reason enters a column; `shown_reason` the one way it
leaves: a time in it (kept in UTC) is shown in the zone the reader sees the post in.
Reasons written before reasons were codes are plain text and are shown as they are.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from campaign.times import moment_in, shown
from content.outside_text import inert_line
from words.coded import Coded, parsed, stored


def stored_reason(reason: Coded) -> str:
    """`reason` as its column keeps it; text values (a platform's message) made inert
    first, since the stored form escapes what the column's own cleaning would remove."""
    return stored(_inert(reason))


def shown_reason(text: str | None, zone: ZoneInfo, lang: str | None = None) -> str:
    """A stored reason in words ("" for none), its times local to `zone`: a delivery's
    reason in its campaign's zone, an account's in the configured one."""
    if not text:
        return ""
    coded = parsed(text)
    return text if coded is None else local_reason(coded, zone).text(lang)


def local_reason(reason: Coded, zone: ZoneInfo) -> Coded:
    """`reason` with every time among its values as "2026-11-24 09:30" in `zone`."""
    values: dict[str, Any] = {}
    for name, value in reason.values.items():
        if isinstance(value, Coded):
            value = local_reason(value, zone)
        elif isinstance(value, str) and (moment := moment_in(value)) is not None:
            value = shown(moment, zone)
        values[name] = value
    return Coded(reason.key, values)


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
