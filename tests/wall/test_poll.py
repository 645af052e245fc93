"""The wall shows today's poll votes and the running poll's result, and updates both live."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from starlette.testclient import TestClient

from campaign.config import Settings, WallSettings
from campaign.db import Database
from campaign.models import PollCount
from campaign.wall.server import make_app, make_feed
from tests.poll_seed import sent_poll
from tests.wall.scenario import NOW, SLUG, seed_campaign

WAIT_SECONDS = 30
POLL = {"options": ["Ja", "Nein", "Weiß nicht"], "seconds": 86400, "multiple": False}


@pytest.fixture
def wall_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"wall": WallSettings(campaign=SLUG, language="de")})


@pytest.fixture
def client(database: Database, wall_settings: Settings) -> Iterator[TestClient]:
    feed = make_feed(database, wall_settings, lambda: NOW, poll_seconds=0.05)
    with TestClient(make_app(feed, wall_settings, ping_seconds=0.5)) as client:
        yield client


def seed_poll(database: Database) -> dict[str, int]:
    """A poll sent yesterday evening on Mastodon and X, still running; delivery ids."""
    seed_campaign(database)
    with database.session() as session:
        return sent_poll(
            session, SLUG, "Soll es mehr Ausbildungsplätze geben?", POLL,
            NOW - timedelta(hours=20),
        )


def reading(database: Database, delivery_id: int, votes: list[int], at: datetime) -> None:
    with database.session() as session:
        session.add(
            PollCount(
                delivery_id=delivery_id,
                taken_at=at,
                votes=votes,
                voters=sum(votes),
                ends_at=NOW + timedelta(hours=4),
                closed=False,
            )
        )


def states(lines: Iterator[str]) -> Iterator[dict]:
    event = None
    for line in lines:
        if line.startswith("event: "):
            event = line.removeprefix("event: ")
        elif line.startswith("data: ") and event == "state":
            yield json.loads(line.removeprefix("data: "))


def test_the_running_poll_and_todays_votes_arrive_live(
    client: TestClient, database: Database
) -> None:
    ids = seed_poll(database)
    yesterday = NOW - timedelta(hours=15)  # 23:00 in Dortmund, before today began
    reading(database, ids["mastodon-todo"], [10, 5, 1], yesterday)
    reading(database, ids["mastodon-todo"], [30, 15, 5], NOW - timedelta(minutes=30))
    reading(database, ids["x-todo"], [6, 12, 2], NOW - timedelta(minutes=20))
    page = client.get("/").text
    assert "Laufende Befragung" in page and "Gerade läuft keine Befragung." in page
    with client.stream("GET", "/events") as stream:
        seen = states(stream.iter_lines())
        first = next(state for state in seen if state["poll"] is not None)
        # today: Mastodon 50 - 16 = 34 new votes, X 20 (nothing before today)
        assert first["counters"]["poll_votes"] == 54
        poll = first["poll"]
        assert poll["question"] == "Soll es mehr Ausbildungsplätze geben?"
        mastodon, x = poll["platforms"]
        assert mastodon["name"] == "Mastodon" and mastodon["total"] == 50
        assert [o["percent"] for o in mastodon["options"]] == [60, 30, 10]
        assert x["name"] == "X" and [o["percent"] for o in x["options"]] == [30, 60, 10]
        assert poll["total"]["total"] == 70
        assert [o["votes"] for o in poll["total"]["options"]] == [36, 27, 7]
        assert [o["label"] for o in poll["total"]["options"]] == ["Ja", "Nein", "Weiß nicht"]
        reading(database, ids["x-todo"], [16, 12, 2], NOW - timedelta(minutes=1))
        deadline = time.monotonic() + WAIT_SECONDS
        for state in seen:
            if state["counters"]["poll_votes"] == 64:
                assert state["poll"]["platforms"][1]["total"] == 30
                break
            assert time.monotonic() < deadline
    assert client.get("/state.json").json()["poll"]["total"]["total"] == 80


def test_no_poll_running_shows_none(database: Database, wall_settings: Settings) -> None:
    ids = seed_poll(database)
    with database.session() as session:
        session.add(
            PollCount(
                delivery_id=ids["x-todo"],
                taken_at=NOW - timedelta(minutes=5),
                votes=[1, 2, 3],
                voters=None,
                ends_at=NOW - timedelta(minutes=5),
                closed=True,
            )
        )
    feed = make_feed(database, wall_settings, lambda: NOW, poll_seconds=0.05)
    with TestClient(make_app(feed, wall_settings, ping_seconds=0.5)) as client:
        state = client.get("/state.json").json()
    assert state["poll"] is None and state["counters"]["poll_votes"] == 6
