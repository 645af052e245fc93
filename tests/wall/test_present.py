"""What the wall's page receives: displayable text, local times, honest percentages."""

from __future__ import annotations

from datetime import timedelta

from campaign.services.wall import (
    Counters,
    ItemState,
    Mood,
    ProgrammeItem,
    WallImage,
    WallItem,
    WallKey,
    WallState,
)
from campaign.wall.i18n import texts
from campaign.wall.present import state_json
from content.outside_text import inert, inert_line
from tests.wall.scenario import NOW


def _state(mood: Mood, **item: object) -> WallState:
    fields = {
        "key": WallKey("reply", 7),
        "platform": "bluesky",
        "author_handle": "anna.bsky.social",
        "display_name": "Anna\u202e",
        "text": "Hallo\x1b[31m Dortmund",
        "created_at": NOW - timedelta(days=1),
        "label": "positive",
        "state": ItemState.APPROVED,
        "pinned": False,
    } | item
    return WallState(
        items=[WallItem(**fields)],
        counters=Counters(1, 2, 3, 0),
        mood=mood,
        next_item=ProgrammeItem(
            NOW + timedelta(hours=1), "Job-Speed-Dating\n\u2066um 15 Uhr\u2069"
        ),
        time_zone="Europe/Berlin",
    )


def test_items_carry_displayable_text_local_times_and_an_image_with_its_alt_text() -> None:
    image = WallImage("/media/1.png", "Menschen vor dem Container\x07")
    data = state_json(_state(Mood(1, 1, 1), image=image), texts("de"), NOW)
    [item] = data["items"]
    assert item["name"] == "Anna" and item["text"] == "Hallo Dortmund"
    assert item["platform_name"] == "Bluesky" and item["key"] == "reply:7"
    assert item["time"] == "01.05., 14:00 Uhr"  # yesterday, Dortmund time
    assert item["image"] == {"src": "/media/1.png", "alt": "Menschen vor dem Container"}
    assert data["next"] == {"time": "15:00 Uhr", "text": "Job-Speed-Dating um 15 Uhr"}
    assert data["counters"] == {"posts": 1, "replies": 2, "people": 3, "poll_votes": 0}


def test_mood_percentages_add_up_to_100_and_are_zero_without_replies() -> None:
    thirds = state_json(_state(Mood(1, 1, 1)), texts("en"), NOW)["mood"]
    assert sum(thirds[f"{label}_percent"] for label in ("positive", "neutral", "negative")) == 100
    empty = state_json(_state(Mood(0, 0, 0)), texts("en"), NOW)["mood"]
    assert empty["total"] == 0 and empty["positive_percent"] == 0


def test_wall_text_keeps_emoji_and_line_breaks_and_bounds_the_length() -> None:
    assert inert("Familie 👨‍👩‍👧\r\nzweite Zeile\u200f") == "Familie 👨‍👩‍👧\nzweite Zeile"
    assert inert("x" * 600, limit=500) == "x" * 499 + "…"
    assert inert_line("a\nb\t\x00c") == "a b c"
