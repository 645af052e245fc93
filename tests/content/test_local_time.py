"""Wall-clock times around daylight-saving changes in Europe/Berlin."""

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from content.local_time import LocalTimeError, to_utc

BERLIN = ZoneInfo("Europe/Berlin")


def _wall(text: str) -> datetime:
    """A wall-clock time without zone, as a plan file writes it."""
    return datetime.fromisoformat(text)


def _offset(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


def test_summer_and_winter_times_convert() -> None:
    assert to_utc(_wall("2024-04-29T10:00"), BERLIN) == datetime(2024, 4, 29, 8, 0, tzinfo=UTC)
    assert to_utc(_wall("2024-01-15T10:00"), BERLIN) == datetime(2024, 1, 15, 9, 0, tzinfo=UTC)


def test_time_in_spring_gap_is_rejected_suggesting_0330() -> None:
    with pytest.raises(LocalTimeError) as caught:
        to_utc(_wall("2024-03-31T02:30"), BERLIN)
    assert "2024-03-31 02:30" in caught.value.text("de")
    assert "03:30" in caught.value.text("de")
    assert "03:30" in caught.value.text("en")


def test_ambiguous_autumn_time_asks_for_an_offset() -> None:
    with pytest.raises(LocalTimeError) as caught:
        to_utc(_wall("2024-10-27T02:30"), BERLIN)
    assert "+01:00" in caught.value.text("de")
    assert "+02:00" in caught.value.text("de")


def test_explicit_offset_resolves_the_ambiguous_time() -> None:
    summer = to_utc(datetime(2024, 10, 27, 2, 30, tzinfo=_offset(2)), BERLIN)
    winter = to_utc(datetime(2024, 10, 27, 2, 30, tzinfo=_offset(1)), BERLIN)
    assert summer == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    assert winter - summer == timedelta(hours=1)


def test_offset_the_zone_does_not_use_is_rejected() -> None:
    with pytest.raises(LocalTimeError, match=r"\+01:00.*\+02:00"):
        to_utc(datetime(2024, 4, 29, 10, 0, tzinfo=_offset(1)), BERLIN)


def test_result_is_aware_utc() -> None:
    result = to_utc(_wall("2024-05-01T18:00"), BERLIN)
    assert result.tzinfo is UTC
