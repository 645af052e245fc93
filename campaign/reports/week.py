"""ISO weeks in a campaign's time zone, as UTC ranges the database can compare against.

A week runs from Monday 00:00 to the next Monday 00:00 *local* time, so the week of a
daylight-saving change is 167 or 169 hours long; each day is computed the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from campaign.errors import UserError
from words import t

WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True)
class Day:
    """One local calendar day and its UTC bounds (end exclusive)."""

    day: date
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Week:
    """ISO week `year`-W`number` in `zone`."""

    year: int
    number: int
    zone: ZoneInfo

    @classmethod
    def parse(cls, text: str, zone: ZoneInfo) -> Week:
        """`2024-W18` → the week; a bad value says what shape is expected."""
        match = WEEK_PATTERN.match(text.strip())
        if match is None:
            raise UserError(t("error.week_shape", value=text))
        year, number = int(match.group(1)), int(match.group(2))
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError:
            raise UserError(t("error.week_missing", value=text, year=year, number=number)) from None
        return cls(year, number, zone)

    @classmethod
    def containing(cls, moment: datetime, zone: ZoneInfo) -> Week:
        """The week that the aware `moment` falls in, seen from `zone`."""
        year, number, _ = moment.astimezone(zone).isocalendar()
        return cls(year, number, zone)

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def start(self) -> datetime:
        """Monday 00:00 local, in UTC."""
        return self._midnight(self.monday)

    @property
    def end(self) -> datetime:
        """The next Monday 00:00 local, in UTC (exclusive)."""
        return self._midnight(self.monday + timedelta(days=7))

    def days(self) -> list[Day]:
        """Monday to Sunday with their own UTC bounds (one day is 23 or 25 h at a change)."""
        return [
            Day(day, self._midnight(day), self._midnight(day + timedelta(days=1)))
            for day in (self.monday + timedelta(days=offset) for offset in range(7))
        ]

    def previous(self) -> Week:
        return Week.containing(self.start - timedelta(days=3), self.zone)

    def _midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=self.zone).astimezone(UTC)
