"""Turn a wall-clock time in a campaign's time zone into UTC, refusing to guess.

Twice a year a wall-clock time is not a single instant: in spring 02:30 does not exist in
Europe/Berlin, in autumn it happens twice. A scheduler that silently picks one posts an hour
off, so both cases are errors that tell the author what to write instead.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo


class LocalTimeError(ValueError):
    """A wall-clock time that cannot be turned into one instant; messages in German and English."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en


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
            f"{shown} gibt es in {zone.key} nicht (Zeitumstellung); "
            f"stattdessen {suggestion} ({moved.isoformat(timespec='minutes')}) verwenden.",
            f"{shown} does not exist in {zone.key} (daylight-saving change); "
            f"use {suggestion} ({moved.isoformat(timespec='minutes')}) instead.",
        )
    valid = sorted(_offset(offset) for offset in {earlier.utcoffset(), later.utcoffset()})
    written = [f"{wall.isoformat(timespec='minutes')}{offset}" for offset in valid]
    if value.tzinfo is None:
        if len(valid) > 1:
            raise LocalTimeError(
                f"{shown} kommt in {zone.key} zweimal vor (Zeitumstellung); den Versatz "
                f"angeben: {' oder '.join(written)}.",
                f"{shown} happens twice in {zone.key} (daylight-saving change); give the "
                f"offset: {' or '.join(written)}.",
            )
        return earlier.astimezone(UTC)
    if _offset(value.utcoffset()) not in valid:
        raise LocalTimeError(
            f"Versatz {_offset(value.utcoffset())} passt nicht zu {zone.key} am {shown}; "
            f"richtig ist {' oder '.join(valid)}.",
            f"offset {_offset(value.utcoffset())} does not match {zone.key} on {shown}; "
            f"use {' or '.join(valid)}.",
        )
    return value.astimezone(UTC)
