"""Turn a wall-clock time in a campaign's time zone into UTC, refusing to guess.

Twice a year a wall-clock time is not a single instant: in spring 02:30 does not exist in
Europe/Berlin, in autumn it happens twice. A scheduler that silently picks one posts an hour
off, so both cases are errors that tell the author what to write instead.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from words.coded import CodedError


class LocalTimeError(CodedError):
    """A wall-clock time that cannot be turned into one instant, with what to write instead."""


def _offset(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def to_utc(value: datetime, zone: ZoneInfo) -> datetime:
    """`value` as an aware UTC datetime.

    A naive `value` is a wall-clock time in `zone`; an aware one carries an explicit offset,
    which must be one that `zone` uses at that wall-clock time. Raises LocalTimeError for a
    time in a daylight-saving gap, an ambiguous time without offset, or a wrong offset.
    """
    wall = value.replace(tzinfo=None)
    earlier = wall.replace(tzinfo=zone, fold=0)
    later = wall.replace(tzinfo=zone, fold=1)
    shown = wall.isoformat(sep=" ", timespec="minutes")
    if earlier.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
        moved = earlier.astimezone(UTC).astimezone(zone)
        suggestion = moved.strftime("%H:%M")
        raise LocalTimeError(
            "content.time.gap",
            shown=shown,
            zone=zone.key,
            suggestion=suggestion,
            moved=moved.isoformat(timespec="minutes"),
        )
    valid = sorted(_offset(offset) for offset in {earlier.utcoffset(), later.utcoffset()})
    written = [f"{wall.isoformat(timespec='minutes')}{offset}" for offset in valid]
    if value.tzinfo is None:
        if len(valid) > 1:
            first, second = written
            raise LocalTimeError(
                "content.time.twice", shown=shown, zone=zone.key, first=first, second=second
            )
        return earlier.astimezone(UTC)
    if _offset(value.utcoffset()) not in valid:
        raise LocalTimeError(
            "content.time.offset",
            offset=_offset(value.utcoffset()),
            zone=zone.key,
            shown=shown,
            valid=", ".join(valid),
        )
    return value.astimezone(UTC)
