"""The demo serves its own wall: announced first, fed by the sandbox audience, approved
automatically, showing only the demo's own campaign."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import httpx
import pytest

from campaign.demo import running_demo

pytestmark = pytest.mark.slow
WAIT_SECONDS = 120


def test_the_demo_wall_shows_the_audience_replies_without_a_moderator(tmp_path: Path) -> None:
    lines: list[str] = []
    with running_demo(lines.append, folder=tmp_path / "demo") as demo:
        assert re.fullmatch(r"wall: http://127\.0\.0\.1:\d+/", lines[0]), lines[:3]
        assert demo.wall_url == lines[0].removeprefix("wall: ")
        assert demo.settings.wall.moderation == "auto"
        assert demo.settings.wall.campaign == demo.campaign_slug
        deadline = time.monotonic() + WAIT_SECONDS
        timeout = httpx.Timeout(10, read=WAIT_SECONDS)
        with httpx.stream("GET", demo.wall_url + "events", timeout=timeout) as stream:
            for line in stream.iter_lines():
                assert time.monotonic() < deadline, "no reply reached the demo's wall"
                if not line.startswith("data: "):
                    continue
                state = json.loads(line[6:])
                # the city's own posts under the hashtag may show before the first reply
                if state["items"] and state["counters"]["replies"]:
                    break
    item = state["items"][0]
    assert item["platform"] in {"x", "mastodon", "bluesky"} and item["text"]
    assert state["counters"]["replies"] >= 1 and state["counters"]["posts"] >= 1
