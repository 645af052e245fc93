"""The stretch of time the queue shows: one local day or one ISO week.

Bounds are computed in the campaign's zone and handed to the database as UTC, so a day
is the team's day (23 or 25 hours at a daylight-saving change), not a UTC day.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from campaign.reports.week import Week
from words import t


@dataclass(frozen=True)
class Period:
    """The local day `day`, or the ISO week it falls in when `weekly`."""

    day: date
    weekly: bool = False

    @classmethod
    def today(cls, now: datetime, zone: ZoneInfo, *, weekly: bool = False) -> Period:
        """The period that holds `now` as seen from `zone`."""
        return cls(now.astimezone(zone).date(), weekly)

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """Start (inclusive) and end (exclusive) in UTC."""
        week = self._week(zone)
        if self.weekly:
            return week.start, week.end
        day = week.days()[self.day.weekday()]
        return day.start, day.end

    def stepped(self, steps: int) -> Period:
        """`steps` days (or weeks) later; negative steps go back."""
        return replace(self, day=self.day + timedelta(days=(7 if self.weekly else 1) * steps))

    def toggled(self) -> Period:
        """The week of this day, or the day the week was opened from."""
        return replace(self, weekly=not self.weekly)

    def label(self) -> str:
        """ "Di 24.11.2026" or "Woche 2026-W48 (23.11.–29.11.)" in the chosen language."""
        if not self.weekly:
            weekday = t("weekdays").split()[self.day.weekday()]
            return t("period.day", weekday=weekday, day=self.day)
        week = self._week(ZoneInfo("UTC"))  # the dates of a week do not depend on the zone
        return t(
            "period.week",
            week=week.label,
            first=week.monday,
            last=week.monday + timedelta(days=6),
        )

    def _week(self, zone: ZoneInfo) -> Week:
        year, number, _ = self.day.isocalendar()
        return Week(year, number, zone)
