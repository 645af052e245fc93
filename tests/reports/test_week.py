"""ISO week bounds in Europe/Berlin, across both daylight-saving changes of 2024."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from campaign.errors import UserError
from campaign.reports.week import Week
from tests.reports.scenario import at

BERLIN = ZoneInfo("Europe/Berlin")


def test_spring_week_is_167_hours_and_sunday_23() -> None:
    week = Week.parse("2024-W13", BERLIN)
    assert week.start == at("2024-03-24 23:00")
    assert week.end == at("2024-03-31 22:00")
    assert week.end - week.start == timedelta(hours=167)
    sunday = week.days()[-1]
    assert sunday.day == date(2024, 3, 31)
    assert sunday.end - sunday.start == timedelta(hours=23)


def test_autumn_weeks_meet_at_monday_midnight_in_winter_time() -> None:
    week = Week.parse("2024-W44", BERLIN)
    assert week.monday == date(2024, 10, 28)
    assert week.start == at("2024-10-27 23:00")
    before = week.previous()
    assert before.label == "2024-W43"
    assert before.end == week.start
    assert before.end - before.start == timedelta(hours=169)
    assert before.days()[-1].end - before.days()[-1].start == timedelta(hours=25)


def test_days_tile_the_week_without_gaps() -> None:
    week = Week.parse("2024-W13", BERLIN)
    days = week.days()
    assert days[0].start == week.start and days[-1].end == week.end
    assert all(a.end == b.start for a, b in pairwise(days))


def test_containing_uses_local_time_and_previous_crosses_new_year() -> None:
    assert Week.containing(at("2024-03-24 23:30"), BERLIN).label == "2024-W13"
    assert Week.containing(at("2024-03-24 22:30"), BERLIN).label == "2024-W12"
    assert Week.parse("2021-W01", BERLIN).previous().label == "2020-W53"


@pytest.mark.parametrize(
    ("text", "reason"), [("2024-18", "ISO-Woche wie"), ("2023-W53", "keine ISO-Woche 53")]
)
def test_bad_week_says_what_is_expected(text: str, reason: str) -> None:
    with pytest.raises(UserError, match=reason):
        Week.parse(text, BERLIN)
