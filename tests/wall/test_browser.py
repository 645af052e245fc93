"""The wall in a real browser: Debian's Chromium driven by Playwright, the wall served by a
real uvicorn on a free loopback port, moderation done through the service as the TUI does.

Playwright's own browser download cannot work here; the system's Chromium is launched by
path. Without it the tests skip, except in CI (LEUCHTTURM_REQUIRE_POSTGRES), where a missing
browser is a failure.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

import pytest

from campaign.config import Settings, WallSettings
from campaign.db import Database
from campaign.services import wall
from campaign.services.wall import WallKey
from campaign.wall.server import background_wall, wall_app
from tests.wall.image_server import image_server
from tests.wall.scenario import SLUG, Said, add_replies, seed_campaign

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
APPEARS_WITHIN_S = 2.0
WAIT_MS = 15_000
LANDSCAPE = {"width": 1920, "height": 1080}
PORTRAIT = {"width": 1080, "height": 1920}
VOICES = [
    Said("Tolle Aktion! Wir kommen am Samstag zum Job-Speed-Dating.", "Ayşe K.", minutes_ago=3),
    Said("Gibt es die Werkstatt auch auf Englisch?", "dortmund_jobs", "neutral", minutes_ago=8),
    Said("Endlich redet mal jemand über Pflege und Ausbildung 💪", "Pflege-Azubi Tim"),
    Said("Schon wieder nur Gerede, wo sind die Stellen?", "Kritiker", "negative", minutes_ago=20),
]
NEW_VOICE = Said(
    "Gerade am Container gewesen: sehr gute Gespräche! 👍", "Lena aus Hörde", minutes_ago=0
)


def _browser_or_skip() -> None:
    if CHROMIUM.exists():
        return
    reason = f"no browser at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("LEUCHTTURM_REQUIRE_POSTGRES"):
        pytest.fail(f"CI needs the wall's browser tests: {reason}")
    pytest.skip(reason)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """SQLite: the services run on both databases in test_moderation; here the browser is
    what is tested."""
    return f"sqlite:///{tmp_path / 'wall.sqlite3'}"


@pytest.fixture
def browser() -> Iterator[object]:
    _browser_or_skip()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def seeded(database: Database) -> list[int]:
    """The campaign with four voices, three approved and the first pinned; the new one's id."""
    now = datetime.now(UTC)
    delivery = seed_campaign(database, now=now)
    ids = add_replies(database, delivery, VOICES, now=now)
    with database.session() as session:
        for reply_id in ids[1:3]:
            wall.approve(session, WallKey("reply", reply_id))
        wall.pin(session, WallKey("reply", ids[0]))
    [new] = add_replies(database, delivery, [NEW_VOICE], now=now)
    return [*ids, new]


def _settings(settings: Settings, *media_origins: str) -> Settings:
    wall = WallSettings(campaign=SLUG, language="de", media_origins=list(media_origins))
    return settings.model_copy(update={"wall": wall})


def test_an_approved_reply_appears_and_a_hidden_one_vanishes(
    browser, database: Database, settings: Settings, seeded: list[int], tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    new = WallKey("reply", seeded[-1])
    with ExitStack() as stack:
        served = stack.enter_context(background_wall(wall_app(database, _settings(settings))))
        page = browser.new_page(viewport=LANDSCAPE)
        page.goto(served.url)
        expect(page.get_by_text(VOICES[0].text)).to_be_visible(timeout=WAIT_MS)
        expect(page.locator(".item.pinned")).to_have_count(1)
        expect(page.get_by_text(VOICES[3].text)).to_have_count(0)  # not approved
        expect(page.get_by_text(NEW_VOICE.text)).to_have_count(0)

        started = time.monotonic()
        with database.session() as session:
            wall.approve(session, new)
        expect(page.get_by_text(NEW_VOICE.text)).to_be_visible(timeout=WAIT_MS)
        appeared = time.monotonic() - started
        assert appeared <= APPEARS_WITHIN_S, f"appeared after {appeared:.2f} s"
        expect(page.locator("#count-replies")).to_have_text("5")
        expect(page.locator("#count-poll-votes")).to_have_text("0")
        expect(page.locator("#next-text")).to_contain_text("Werkstatt")
        page.screenshot(path=tmp_path / "wall-1920x1080.png")

        portrait = browser.new_page(viewport=PORTRAIT)
        portrait.goto(served.url)
        expect(portrait.get_by_text(NEW_VOICE.text)).to_be_visible(timeout=WAIT_MS)
        feed, figures = (
            portrait.locator(".feed").bounding_box(),
            portrait.locator(".figures").bounding_box(),
        )
        assert figures["y"] >= feed["y"] + feed["height"] - 1, "portrait: figures below"
        landscape_feed = page.locator(".feed").bounding_box()
        assert page.locator(".figures").bounding_box()["x"] > landscape_feed["x"]
        portrait.screenshot(path=tmp_path / "wall-1080x1920.png")

        started = time.monotonic()
        with database.session() as session:
            wall.hide(session, new)
        for wall_page in (page, portrait):  # every open wall
            expect(wall_page.get_by_text(NEW_VOICE.text)).to_have_count(0, timeout=WAIT_MS)
        vanished = time.monotonic() - started
        assert vanished <= APPEARS_WITHIN_S, f"vanished after {vanished:.2f} s"
    for name in ("wall-1920x1080.png", "wall-1080x1920.png"):
        assert (tmp_path / name).stat().st_size > 10_000


def test_a_wall_whose_server_restarts_reconnects_by_itself(
    browser, database: Database, settings: Settings, seeded: list[int]
) -> None:
    from playwright.sync_api import expect

    page = browser.new_page(viewport=LANDSCAPE)
    app_settings = _settings(settings)
    with background_wall(wall_app(database, app_settings)) as first:
        page.goto(first.url)
        expect(page.get_by_text(VOICES[1].text)).to_be_visible(timeout=WAIT_MS)
        port = int(first.url.rstrip("/").rsplit(":", 1)[1])
    expect(page.locator("#status")).to_be_visible(timeout=WAIT_MS)  # says it is offline
    expect(page.get_by_text(VOICES[1].text)).to_be_visible()  # and keeps what it showed
    with database.session() as session:
        wall.approve(session, WallKey("reply", seeded[-1]))
    with background_wall(wall_app(database, app_settings), port=port):
        expect(page.get_by_text(NEW_VOICE.text)).to_be_visible(timeout=WAIT_MS)
        expect(page.locator("#status")).to_be_hidden()


def test_no_request_leaves_the_wall_and_nothing_breaks_the_policy(
    browser, database: Database, settings: Settings
) -> None:
    from playwright.sync_api import expect

    delivery = seed_campaign(database, now=datetime.now(UTC))
    hostile = add_replies(
        database,
        delivery,
        [Said("<img src=x onerror=\"document.title='pwned'\">"), Said("<script>x()</script>")],
    )
    with database.session() as session:
        for reply_id in hostile:
            wall.approve(session, WallKey("reply", reply_id))
    page = browser.new_page(viewport=LANDSCAPE)
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    with background_wall(wall_app(database, _settings(settings))) as served:
        page.goto(served.url)
        expect(page.get_by_text("<script>x()</script>")).to_be_visible(timeout=WAIT_MS)
        expect(page.locator(".item img")).to_have_count(0)
        assert page.title() != "pwned"
        assert all(url.startswith(served.url) for url in requests), requests
    assert not [text for text in problems if "Content Security Policy" in text], problems


def test_an_items_image_shows_from_the_wall_with_its_alt_text(
    browser, database: Database, settings: Settings
) -> None:
    from playwright.sync_api import expect

    alt = "<b onmouseover=alert(1)>Zwei Menschen</b> am Container"
    with image_server() as pictures:
        delivery = seed_campaign(database, now=datetime.now(UTC))
        ids = add_replies(
            database,
            delivery,
            [
                Said("Mit Foto", media_url=pictures.url("/bild.png"), media_alt=alt),
                Said("Mit kaputtem Foto", media_url=pictures.url("/getarnt.png"), media_alt="x"),
            ],
        )
        with database.session() as session:
            for reply_id in ids:
                wall.approve(session, WallKey("reply", reply_id))
        page = browser.new_page(viewport=LANDSCAPE)
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        trusting = _settings(settings, pictures.url(""))
        with background_wall(wall_app(database, trusting)) as served:
            page.goto(served.url)
            expect(page.get_by_text("Mit kaputtem Foto")).to_be_visible(timeout=WAIT_MS)
            image = page.locator(".item img")
            expect(image).to_have_count(1, timeout=WAIT_MS)  # the broken one left quietly
            expect(image).to_have_attribute("alt", alt)
            expect(image).to_have_attribute("src", f"/media/reply:{ids[0]}")
            page.wait_for_function("document.querySelector('.item img').naturalWidth > 0")
            assert page.locator(".item b").count() == 0, "the alt text is no markup"
            assert all(url.startswith(served.url) for url in requests), requests
