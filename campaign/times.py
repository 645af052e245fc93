"""Times as the team types and reads them: local to the campaign's zone, minute precision.

The CLI and the TUI both read typed times here, through `content/`'s one parser, so a time
in a daylight-saving gap or overlap is refused in the same words everywhere.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from campaign.errors import UserError
from content.local_time import LocalTimeError, to_utc
from words import t

INPUT_FORMAT = "%Y-%m-%d %H:%M"


def shown(moment: datetime, zone: ZoneInfo) -> str:
    """ "2026-11-24 09:30" in `zone`: the form `parse_local` reads back."""
    return moment.astimezone(zone).strftime(INPUT_FORMAT)


def labelled(moment: datetime, zone: ZoneInfo) -> str:
    """ "2026-11-24 09:30 CET": `shown` with the zone's abbreviation, for output that
    mixes campaigns in different zones."""
    local = moment.astimezone(zone)
    return f"{local.strftime(INPUT_FORMAT)} {local.tzname()}"


def moment_in(text: str) -> datetime | None:
    """The aware time an ISO text such as "2026-11-24T08:30+00:00" names, else None.

    Stored reasons keep their times in UTC; the surfaces find them here to show them
    local. A date alone or a time without zone is no moment and stays as it is.
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def clock_time(moment: datetime, now: datetime, zone: ZoneInfo) -> str:
    """ "14:05" when `moment` is on today's local date, else the date too."""
    local = moment.astimezone(zone)
    if local.date() == now.astimezone(zone).date():
        return local.strftime("%H:%M")
    return local.strftime(INPUT_FORMAT)


def parse_local(text: str, zone: ZoneInfo) -> datetime:
    """A typed local time ("2026-11-24 09:30", a T, or an explicit offset) as aware UTC.

    Raises UserError saying what is wrong: not a time, or one DST makes missing or double.
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UserError(t("time.bad", value=text)) from None
    try:
        return to_utc(moment, zone)
    except LocalTimeError as error:
        raise UserError(error.text()) from None
