"""The wall's state as the JSON its page renders: every public text made displayable here.

The page's script only ever puts these strings into `textContent`, so they stay data;
times are already in the campaign's time zone and format, so the browser's own clock and
locale never matter.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

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
    total = mood.total
    if total == 0:
        return {**counts, "total": 0, **{f"{key}_percent": 0 for key in counts}}
    exact = {key: 100 * value / total for key, value in counts.items()}
    percent = {key: int(value) for key, value in exact.items()}
    by_remainder = sorted(counts, key=lambda key: exact[key] - percent[key], reverse=True)
    for key in by_remainder[: 100 - sum(percent.values())]:
        percent[key] += 1
    return {**counts, "total": total, **{f"{key}_percent": percent[key] for key in counts}}


def _time(moment: datetime, texts: dict[str, str], zone: ZoneInfo, now: datetime) -> str:
    local = moment.astimezone(zone)
    same_day = local.date() == now.astimezone(zone).date()
    return local.strftime(texts["time_format"] if same_day else texts["day_format"])
