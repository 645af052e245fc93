"""The wall's web server: one page, its two assets, and an event stream. Nothing writes.

Read-only by construction: every route is GET, moderation lives in the TUI and the CLI.
All assets are served from this package (no CDN: the studio's network may be offline or
watched), and each answer carries a strict Content-Security-Policy: scripts and styles
only from this server, no inline code, no frames, no form targets, so even a text that
slipped through could not run.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
import uvicorn
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sse_starlette.sse import EventSourceResponse
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from campaign.config import Settings
from campaign.db import Database
from campaign.errors import UserError
from campaign.models import utc_now
from campaign.services import wall
from campaign.services.wall import WallKey
from campaign.wall.feed import WallFeed
from campaign.wall.i18n import texts
from campaign.wall.media import MediaRefused, MediaSource
from campaign.wall.present import state_json
from content.outside_text import inert_line
from words import language

HERE = Path(__file__).parent
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
IMAGE_HEADERS = {
    "content-security-policy": "default-src 'none'",
    "x-content-type-options": "nosniff",
    "cache-control": "private, max-age=60",
}
"""An image answer: nothing in it may run or load, and the browser takes the sniffed type."""
RECONNECT_MILLISECONDS = 2000
PING_SECONDS = 15


class SecurityHeaders:
    """Adds the security headers to every answer, streams included (pure ASGI, so the
    event stream is not buffered as a `BaseHTTPMiddleware` would); a header a route set
    itself (the images' stricter policy) is kept."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _value in headers}
                extra = [header for header in SECURITY_HEADERS if header[0] not in present]
                message["headers"] = [*headers, *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


def wall_language(settings: Settings) -> str:
    """The wall's own setting, then the usual order (LEUCHTTURM_LANG, `language`)."""
    return language(settings.wall.language, settings.language)


def make_feed(
    database: Database,
    settings: Settings,
    clock: Callable[[], datetime],
    *,
    poll_seconds: float = 0.5,
    refresh_seconds: float = 2.0,
) -> WallFeed:
    """The feed that reads the wall's state from `database`."""
    words = texts(wall_language(settings))

    def read_state() -> dict[str, Any]:
        now = clock()
        with database.session() as session:
            state = wall.wall_state(session, settings.wall, now, settings.zone)
        return state_json(state, words, now)

    def read_marker() -> object:
        with database.session() as session:
            return wall.change_marker(session)

    return WallFeed(
        read_state, read_marker, poll_seconds=poll_seconds, refresh_seconds=refresh_seconds
    )


MediaLookup = Callable[[WallKey], str | None]
"""An item's stored image address while the wall may show it, else None."""


def make_media_lookup(
    database: Database, settings: Settings, clock: Callable[[], datetime]
) -> MediaLookup:
    """Looks an item's image address up in `database`, by the wall's moderation rule now."""

    def lookup(key: WallKey) -> str | None:
        with database.session() as session:
            return wall.shown_media_url(session, settings.wall, key, clock())

    return lookup


def make_app(
    feed: WallFeed,
    settings: Settings,
    *,
    ping_seconds: float = PING_SECONDS,
    media_lookup: MediaLookup | None = None,
    media: MediaSource | None = None,
) -> Starlette:
    """The wall's ASGI app on `feed`; a comment line every `ping_seconds` keeps idle
    connections (and proxies) from timing out. Images are served only with
    `media_lookup` (without it every `/media/…` is 404)."""
    lang = wall_language(settings)
    words = texts(lang)
    hashtag = inert_line(settings.wall.hashtag, limit=80)
    templates = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    page = templates.get_template("wall.html").render(
        lang=lang,
        title=inert_line(settings.wall.title, limit=120),
        hashtag=hashtag,
        layout=settings.wall.layout,
        t={key: value.format(hashtag=hashtag) for key, value in words.items()},
    )

    async def index(_request: Request) -> Response:
        return HTMLResponse(page, headers={"cache-control": "no-store"})

    async def state(_request: Request) -> Response:
        return Response(
            feed.current.payload,
            media_type="application/json",
            headers={"cache-control": "no-store"},
        )

    async def events(_request: Request) -> Response:
        async def stream() -> AsyncIterator[dict[str, Any]]:
            async for snapshot in feed.snapshots():
                yield {
                    "event": "state",
                    "id": str(snapshot.version),
                    "data": snapshot.payload,
                    "retry": RECONNECT_MILLISECONDS,
                }

        return EventSourceResponse(
            stream(), ping=ping_seconds, headers={"cache-control": "no-store"}
        )

    images = media or MediaSource()

    async def image(request: Request) -> Response:
        try:
            key = WallKey.parse(request.path_params["key"])
        except UserError:
            return Response(status_code=404)
        url = None if media_lookup is None else await anyio.to_thread.run_sync(media_lookup, key)
        if url is None:
            return Response(status_code=404)
        try:
            found = await images.image(url)
        except MediaRefused:
            return Response(status_code=502, headers=IMAGE_HEADERS)
        return Response(found.data, media_type=found.mime_type, headers=IMAGE_HEADERS)

    async def health(_request: Request) -> Response:
        return JSONResponse({"version": feed.current.version})

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        await feed.refresh(force=True)
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(feed.run)
            yield
            tasks.cancel_scope.cancel()

    return Starlette(
        routes=[
            Route("/", index),
            Route("/state.json", state),
            Route("/events", events),
            Route("/health", health),
            Route("/media/{key}", image),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        middleware=[Middleware(SecurityHeaders)],
        lifespan=lifespan,
    )


def wall_app(
    database: Database, settings: Settings, *, clock: Callable[[], datetime] = utc_now
) -> Starlette:
    """The wall on `database`, as `leuchtturm wall`, the demo and the tests serve it."""
    return make_app(
        make_feed(database, settings, clock),
        settings,
        media_lookup=make_media_lookup(database, settings, clock),
        media=MediaSource(trusted_origins=trusted_media_origins(settings)),
    )


def trusted_media_origins(settings: Settings) -> list[str]:
    """The servers the wall may fetch pictures from although they are in a private network:
    the accounts' own (a team's instance, the sandbox) and `wall.media_origins`."""
    return [account.server_url for account in settings.accounts] + settings.wall.media_origins


def listening_socket(host: str, port: int) -> socket.socket:
    """A bound socket (port 0: a free one), so the address is known before serving."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def serve(app: Starlette, host: str, port: int) -> None:
    """Serve in the foreground until Ctrl+C (`leuchtturm wall`)."""
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


@dataclass(frozen=True)
class RunningWall:
    """A wall served from a background thread."""

    url: str


@contextlib.contextmanager
def background_wall(
    app: Starlette, host: str = "127.0.0.1", port: int = 0
) -> Iterator[RunningWall]:
    """Serve `app` on `host:port` (0: a free port) in a thread; stop on leaving.

    Open event streams never end by themselves, so the server is given a short grace
    period and then closes them.
    """
    sock = listening_socket(host, port)
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, timeout_graceful_shutdown=1, lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the wall server did not start")
            time.sleep(0.02)  # uvicorn offers no event to wait on
        bound_host, bound_port = sock.getsockname()[:2]
        yield RunningWall(f"http://{bound_host}:{bound_port}/")
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
