"""The wall's routes and event stream through Starlette's TestClient: read-only, local
assets, strict headers, and hostile text arriving as inert data."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from campaign.config import Settings, WallSettings
from campaign.db import Database
from campaign.services import wall
from campaign.services.wall import WallKey
from campaign.wall.feed import WallFeed
from campaign.wall.server import make_app, make_feed
from tests.wall.scenario import NOW, SLUG, Said, add_replies, seed_campaign

STATIC = Path(__file__).parents[2] / "campaign" / "wall" / "static"
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[@click=app.quit]Beenden[/]",
    "\x1b[2J\x1b]0;Fenstertitel\x07gewischt",
    "\u202eevil.exe\u202c txt",
]
WAIT_SECONDS = 30


@pytest.fixture
def wall_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"wall": WallSettings(campaign=SLUG, language="de")})


@pytest.fixture
def feed(database: Database, wall_settings: Settings) -> WallFeed:
    return make_feed(database, wall_settings, lambda: NOW, poll_seconds=0.05)


@pytest.fixture
def client(feed: WallFeed, wall_settings: Settings) -> Iterator[TestClient]:
    with TestClient(make_app(feed, wall_settings, ping_seconds=0.5)) as client:
        yield client


def _states(lines: Iterator[str]) -> Iterator[dict | None]:
    """Each state an event stream sends; None for a ping (so a waiting test can give up)."""
    event = None
    for line in lines:
        if line.startswith(":"):
            yield None
        elif line.startswith("event: "):
            event = line.removeprefix("event: ")
        elif line.startswith("data: ") and event == "state":
            yield json.loads(line.removeprefix("data: "))
            event = None


def _until(states: Iterator[dict | None], condition: Callable[[dict], bool]) -> dict:
    """The first state that meets `condition`; fails after a generous wait."""
    deadline = time.monotonic() + WAIT_SECONDS
    for state in states:
        if state is not None and condition(state):
            return state
        assert time.monotonic() < deadline, f"no such state within {WAIT_SECONDS} s"
    raise AssertionError("the stream ended")


def test_the_page_is_local_and_has_no_inline_code(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    assert "to:do – Dortmunds neue Arbeit" in html and "#ToDoDortmund" in html
    assert '<html lang="de">' in html and "Stimmung der letzten Stunde" in html
    assert not re.search(r"https?://", html), "every asset comes from the wall itself"
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "no inline script"
    assert not re.search(r"<style|\sstyle=|\son\w+=", html), "no inline style or handler"
    for asset, kind in (("/static/wall.css", "text/css"), ("/static/wall.js", "javascript")):
        answer = client.get(asset)
        assert answer.status_code == 200 and kind in answer.headers["content-type"]
        assert not re.search(r"https?://", answer.text)


def test_every_answer_carries_strict_security_headers(client: TestClient) -> None:
    for path in ("/", "/static/wall.js", "/state.json", "/nowhere"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
        assert "default-src 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_the_wall_cannot_be_used_to_moderate(client: TestClient) -> None:
    for method in ("post", "put", "delete", "patch"):
        for path in ("/", "/events", "/state.json"):
            assert client.request(method, path).status_code == 405
    assert client.post("/approve/1").status_code == 404


def test_the_script_never_writes_html() -> None:
    script = (STATIC / "wall.js").read_text()
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", script)
    assert "textContent" in script


def test_the_stream_sends_the_full_state_then_each_change(
    client: TestClient, database: Database
) -> None:
    delivery = seed_campaign(database)
    ids = add_replies(
        database,
        delivery,
        [Said(text, author=f"{text[:12]}\u202e") for text in HOSTILE],
    )
    with client.stream("GET", "/events") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        assert "script-src 'self'" in stream.headers["content-security-policy"]
        states = _states(stream.iter_lines())
        first = _until(states, lambda state: state["counters"]["replies"] == len(HOSTILE))
        assert first["items"] == []  # nothing before a person approves it
        assert first["next"]["text"].startswith("Werkstatt")
        with database.session() as session:
            for reply_id in ids:
                wall.approve(session, WallKey("reply", reply_id))
        approved = _until(states, lambda state: len(state["items"]) == len(HOSTILE))
        texts = [item["text"] for item in approved["items"]]
        assert "<script>alert(1)</script>" in texts  # data for textContent, not markup
        assert "[@click=app.quit]Beenden[/]" in texts
        assert "gewischt" in texts and "evil.exe txt" in texts
        shown = json.dumps(approved, ensure_ascii=False)
        assert "\x1b" not in shown and "\u202e" not in shown and "\u202c" not in shown
        assert all(item["time"] == "13:50 Uhr" for item in approved["items"])
        with database.session() as session:
            wall.hide(session, WallKey("reply", ids[0]))
        hidden = _until(states, lambda state: len(state["items"]) == len(HOSTILE) - 1)
        assert "<script>alert(1)</script>" not in [item["text"] for item in hidden["items"]]


def test_a_reconnecting_wall_gets_the_whole_state_at_once(
    client: TestClient, database: Database
) -> None:
    delivery = seed_campaign(database)
    [reply] = add_replies(database, delivery, [Said("Schon freigegeben")])
    with database.session() as session:
        wall.approve(session, WallKey("reply", reply))
    with client.stream("GET", "/events") as stream:
        state = _until(_states(stream.iter_lines()), lambda state: bool(state["items"]))
    # EventSource comes back with the last id it saw: it gets the whole state first thing.
    with client.stream("GET", "/events", headers={"last-event-id": "1"}) as stream:
        again = next(item for item in _states(stream.iter_lines()) if item is not None)
    assert again == state and again["items"][0]["text"] == "Schon freigegeben"


def test_the_wall_speaks_english_by_setting(database: Database, settings: Settings) -> None:
    english = settings.model_copy(update={"wall": WallSettings(language="en")})
    with TestClient(make_app(make_feed(database, english, lambda: NOW), english)) as client:
        html = client.get("/").text
    assert '<html lang="en">' in html and "Mood of the last hour" in html


def test_configured_words_are_escaped_in_the_page(database: Database, settings: Settings) -> None:
    hostile = settings.model_copy(
        update={"wall": WallSettings(title='<script>x()</script>"', hashtag="#a<img onerror=y>")}
    )
    with TestClient(make_app(make_feed(database, hostile, lambda: NOW), hostile)) as client:
        html = client.get("/").text
    assert "<script>x()" not in html and "&lt;script&gt;x()&lt;/script&gt;&#34;" in html
    assert "<img" not in html and "#a&lt;img onerror=y&gt;" in html
