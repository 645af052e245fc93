"""The wall's state as the JSON its page renders: every public text made displayable here.

The page's script only ever puts these strings into `textContent`, so they stay data;
times are already in the campaign's time zone and format, so the browser's own clock and
locale never matter.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from campaign.services.polls import PollTally
from campaign.services.wall import Mood, WallItem, WallState
from content.outside_text import inert, inert_line

PLATFORM_NAMES = {"x": "X", "mastodon": "Mastodon", "bluesky": "Bluesky"}
PROGRAMME_TEXT_LIMIT = 160


def state_json(state: WallState, texts: dict[str, str], now: datetime) -> dict[str, Any]:
    """The whole state one wall shows (the page replaces what it had with this)."""
    zone = ZoneInfo(state.time_zone)
    next_item = state.next_item
    return {
        "items": [_item(item, texts, zone, now) for item in state.items],
        "counters": {
            "posts": state.counters.posts,
            "replies": state.counters.replies,
            "people": state.counters.people,
            "poll_votes": state.counters.poll_votes,
        },
        "mood": _mood(state.mood),
        "poll": _poll(state.poll),
        "next": None
        if next_item is None
        else {
            "time": _time(next_item.at, texts, zone, now),
            "text": inert_line(next_item.text, limit=PROGRAMME_TEXT_LIMIT),
        },
    }


def _item(item: WallItem, texts: dict[str, str], zone: ZoneInfo, now: datetime) -> dict[str, Any]:
    return {
        "key": str(item.key),
        "platform": item.platform,
        "platform_name": PLATFORM_NAMES.get(item.platform, inert_line(item.platform, limit=20)),
        "name": inert_line(item.display_name, limit=80),
        "text": inert(item.text, limit=500, tabs=False),
        "time": _time(item.created_at, texts, zone, now),
        "pinned": item.pinned,
        "image": None
        if item.image is None
        else {"src": item.image.src, "alt": inert_line(item.image.alt, limit=400)},
    }


def _mood(mood: Mood) -> dict[str, int]:
    """Counts and whole percentages that add up to 100 (largest remainder), 0 when empty."""
    counts = {"positive": mood.positive, "neutral": mood.neutral, "negative": mood.negative}
    percent = whole_percentages(counts)
    return {**counts, "total": mood.total, **{f"{key}_percent": percent[key] for key in counts}}


def whole_percentages(counts: dict[str, int]) -> dict[str, int]:
    """Whole percentages adding up to 100 (largest remainder); all 0 when nothing counted."""
    total = sum(counts.values())
    if total == 0:
        return {key: 0 for key in counts}
    exact = {key: 100 * value / total for key, value in counts.items()}
    percent = {key: int(value) for key, value in exact.items()}
    by_remainder = sorted(counts, key=lambda key: exact[key] - percent[key], reverse=True)
    for key in by_remainder[: 100 - sum(percent.values())]:
        percent[key] += 1
    return percent


def _poll(tallies: list[PollTally]) -> dict[str, Any] | None:
    """The running poll per platform and summed (the page says the audiences differ)."""
    if not tallies:
        return None
    options = tallies[0].options

    def block(name: str, votes: tuple[int, ...]) -> dict[str, Any]:
        counts = {str(index): count for index, count in enumerate(votes)}
        percent = whole_percentages(counts)
        return {
            "name": name,
            "total": sum(votes),
            "options": [
                {
                    "label": inert_line(label, limit=60),
                    "votes": count,
                    "percent": percent[str(index)],
                }
                for index, (label, count) in enumerate(zip(options, votes, strict=True))
            ],
        }

    platforms = [
        block(PLATFORM_NAMES.get(tally.platform, inert_line(tally.platform, limit=20)), tally.votes)
        for tally in tallies
    ]
    summed = tuple(sum(column) for column in zip(*(tally.votes for tally in tallies), strict=True))
    return {
        "question": inert_line(tallies[0].question, limit=PROGRAMME_TEXT_LIMIT),
        "platforms": platforms,
        "total": block("", summed) if len(tallies) > 1 else None,
    }


def _time(moment: datetime, texts: dict[str, str], zone: ZoneInfo, now: datetime) -> str:
    local = moment.astimezone(zone)
    same_day = local.date() == now.astimezone(zone).date()
    return local.strftime(texts["time_format"] if same_day else texts["day_format"])
