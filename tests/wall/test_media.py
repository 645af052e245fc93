"""The wall serves an item's image itself, from its own origin: only for items it shows,
only real images below the cap, with headers that let nothing in them run."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from http.server import ThreadingHTTPServer

import pytest
from starlette.testclient import TestClient

from campaign.config import Settings, WallSettings
from campaign.db import Database
from campaign.services import wall
from campaign.services.wall import WallKey
from campaign.wall.media import Image, ImageCache
from campaign.wall.server import wall_app
from tests.wall.image_server import PICTURE, image_server
from tests.wall.scenario import NOW, SLUG, Said, add_replies, seed_campaign

HOSTILE_ALT = "<img src=x onerror=alert(1)>\x1b[2J Foto\u202e vom Container\x07"


@pytest.fixture
def pictures() -> Iterator[ThreadingHTTPServer]:
    with image_server() as server:
        yield server


def _wall_opener(
    database: Database, settings: Settings, media_origins: list[str]
) -> Iterator[Callable[[], TestClient]]:
    wall_settings = settings.model_copy(
        update={"wall": WallSettings(campaign=SLUG, media_origins=media_origins)}
    )
    with ExitStack() as stack:
        yield lambda: stack.enter_context(
            TestClient(wall_app(database, wall_settings, clock=lambda: NOW))
        )


@pytest.fixture
def open_wall(
    database: Database, settings: Settings, pictures: ThreadingHTTPServer
) -> Iterator[Callable[[], TestClient]]:
    """Opens the wall once the test has seeded what it shows (its state is read at start);
    the picture server on loopback is a trusted origin, as a team's own server would be."""
    yield from _wall_opener(database, settings, [pictures.url("")])


@pytest.fixture
def open_untrusting_wall(
    database: Database, settings: Settings
) -> Iterator[Callable[[], TestClient]]:
    """A wall that trusts no server beyond the accounts' own."""
    yield from _wall_opener(database, settings, [])


def _item(database: Database, url: str, *, alt: str = "Zwei Menschen am Container") -> str:
    """An approved reply with an image at `url`; its wall key."""
    delivery = seed_campaign(database)
    [reply] = add_replies(database, delivery, [Said("Mit Foto", media_url=url, media_alt=alt)])
    key = WallKey("reply", reply)
    with database.session() as session:
        wall.approve(session, key)
    return str(key)


def test_an_approved_items_image_is_served_with_strict_headers(
    open_wall: Callable[[], TestClient], database: Database, pictures: ThreadingHTTPServer
) -> None:
    key = _item(database, pictures.url("/bild.png"))
    client = open_wall()
    [item] = client.get("/state.json").json()["items"]
    assert item["image"] == {"src": f"/media/{key}", "alt": "Zwei Menschen am Container"}
    answer = client.get(item["image"]["src"])
    assert answer.status_code == 200 and answer.content == PICTURE
    assert answer.headers["content-type"] == "image/png"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["content-security-policy"] == "default-src 'none'"
    client.get(item["image"]["src"])
    assert pictures.asked == ["/bild.png"], "the second answer comes from the cache"


def test_a_hidden_items_image_is_gone(
    open_wall: Callable[[], TestClient], database: Database, pictures: ThreadingHTTPServer
) -> None:
    key = _item(database, pictures.url("/bild.png"))
    client = open_wall()
    assert client.get(f"/media/{key}").status_code == 200
    with database.session() as session:
        wall.hide(session, WallKey.parse(key))
    assert client.get(f"/media/{key}").status_code == 404  # even though it is cached


def test_an_unapproved_or_unknown_item_or_an_address_gets_404(
    open_wall: Callable[[], TestClient], database: Database, pictures: ThreadingHTTPServer
) -> None:
    delivery = seed_campaign(database)
    waits = Said("Wartet", media_url=pictures.url("/bild.png"))
    [waiting] = add_replies(database, delivery, [waits])
    client = open_wall()
    for path in (
        f"/media/reply:{waiting}",
        "/media/reply:999999",
        "/media/listening:1",
        "/media/nonsense",
        f"/media/{pictures.url('/bild.png')}",
    ):
        assert client.get(path).status_code == 404, path
    assert pictures.asked == [], "nothing is fetched for an item the wall does not show"


@pytest.mark.parametrize(
    ("path", "fetched"),
    [
        ("/seite.html", ["/seite.html"]),  # not an image by its type
        ("/getarnt.png", ["/getarnt.png"]),  # says image/png, is markup
        ("/riesig.png", ["/riesig.png"]),  # over 5 MB
        ("/datei", ["/datei"]),  # a redirect to file:
    ],
)
def test_what_is_no_acceptable_image_is_refused(
    open_wall: Callable[[], TestClient],
    database: Database,
    pictures: ThreadingHTTPServer,
    path: str,
    fetched: list[str],
) -> None:
    key = _item(database, pictures.url(path))
    client = open_wall()
    answer = client.get(f"/media/{key}")
    assert answer.status_code == 502 and answer.content == b""
    assert answer.headers["content-security-policy"] == "default-src 'none'"
    assert client.get(f"/media/{key}").status_code == 502
    assert pictures.asked == fetched, "a refusal is remembered, not asked again at once"


def test_a_redirect_to_another_http_address_is_followed(
    open_wall: Callable[[], TestClient], database: Database, pictures: ThreadingHTTPServer
) -> None:
    key = _item(database, pictures.url("/weiter"))
    client = open_wall()
    answer = client.get(f"/media/{key}")
    assert answer.status_code == 200 and answer.content == PICTURE


def test_a_stored_address_that_is_not_http_is_never_fetched(
    open_wall: Callable[[], TestClient], database: Database
) -> None:
    key = _item(database, "file:///etc/passwd")
    client = open_wall()
    assert client.get(f"/media/{key}").status_code == 502


def test_a_hostile_alt_text_stays_inert_data(
    open_wall: Callable[[], TestClient], database: Database, pictures: ThreadingHTTPServer
) -> None:
    _item(database, pictures.url("/bild.png"), alt=HOSTILE_ALT)
    client = open_wall()
    [item] = client.get("/state.json").json()["items"]
    alt = item["image"]["alt"]
    assert "<img src=x onerror=alert(1)>" in alt  # text for the alt property, not markup
    assert "vom Container" in alt
    shown = json.dumps(item, ensure_ascii=False)
    assert not any(mark in shown for mark in ("\x1b", "\u202e", "\x07"))


def test_an_image_without_alt_text_gets_an_empty_one(
    open_wall: Callable[[], TestClient], database: Database, pictures: ThreadingHTTPServer
) -> None:
    _item(database, pictures.url("/bild.png"), alt="")
    client = open_wall()
    [item] = client.get("/state.json").json()["items"]
    assert item["image"]["alt"] == ""


def test_the_cache_is_bounded_by_count_and_bytes() -> None:
    cache = ImageCache(max_images=3, max_bytes=25)
    for number in range(5):
        cache.put(f"u{number}", Image(b"x" * 10, "image/png"))
    assert cache.get("u0") is None and cache.get("u4") is not None
    assert cache.size <= 25


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "10.0.0.1"])
def test_a_picture_in_the_private_network_is_never_fetched(
    open_untrusting_wall: Callable[[], TestClient],
    database: Database,
    pictures: ThreadingHTTPServer,
    host: str,
) -> None:
    """A post may name any address: the wall does not reach into the network it stands in."""
    port = pictures.url("").rsplit(":", 1)[1].rstrip("/")
    key = _item(database, f"http://{host}:{port}/bild.png")
    client = open_untrusting_wall()
    assert client.get(f"/media/{key}").status_code == 502
    assert pictures.asked == []


def test_a_redirect_into_the_private_network_is_refused(
    open_wall: Callable[[], TestClient], database: Database, pictures: ThreadingHTTPServer
) -> None:
    """Trusting one origin does not trust where it sends the wall: the redirect's target is
    checked again (here: the same server under a name that is not trusted)."""
    key = _item(database, pictures.url("/nach-innen"))
    client = open_wall()
    assert client.get(f"/media/{key}").status_code == 502
    assert pictures.asked == ["/nach-innen"]


def test_a_media_origin_must_be_a_server() -> None:
    with pytest.raises(ValueError, match="kein Server"):
        WallSettings(media_origins=["file:///etc"])
