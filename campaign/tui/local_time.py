"""Times as the team reads and types them: in the campaign's zone, minute precision."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from campaign.errors import UserError
from campaign.tui.i18n import t

INPUT_FORMAT = "%Y-%m-%d %H:%M"


def shown(moment: datetime, zone: ZoneInfo) -> str:
    """ "2026-11-24 09:30" in `zone`."""
    return moment.astimezone(zone).strftime(INPUT_FORMAT)


def parsed(text: str, zone: ZoneInfo) -> datetime:
    """A typed local time as aware UTC; a UserError that shows the expected form."""
    try:
        naive = datetime.strptime(text.strip(), INPUT_FORMAT)  # noqa: DTZ007 - zone added next
    except ValueError:
        raise UserError(t("compose.bad_time", value=text)) from None
    return naive.replace(tzinfo=zone).astimezone(UTC)
