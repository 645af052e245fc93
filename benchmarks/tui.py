"""TUI speed on a large database: time to the first screen and to switch screens.

Builds a SQLite database with 100,000 posts (one delivery each) and 1,000,000 replies by
bulk insert, then drives the real app headless with Textual's `run_test`. The figures are
wall-clock seconds until the screen's first read has finished and been drawn.

    .venv/bin/python -m benchmarks.tui [--posts N] [--replies N] [--keep PATH]

The last lines are `name: value` figures.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

from campaign.config import AccountSettings, Settings
from campaign.db import Database, make_engine, upgrade
from campaign.models import Campaign, Delivery, Post, Reply
from campaign.services import accounts
from campaign.tui.app import make_app
from campaign.tui.screens.base import DataScreen

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
CHUNK = 20_000
LABELS = ("positive", "neutral", "negative", None)
SCREENS = ("queue", "compose", "inbox", "campaigns", "accounts", "reports", "dashboard")
PLATFORMS = ("mastodon", "x", "bluesky")


def bench_settings(path: Path) -> Settings:
    """The database at `path`; reports are looked for beside it, never in the user's data."""
    return Settings(
        database={"url": f"sqlite:///{path}"},
        reports={"folder": str(path.parent / f"{path.stem}-reports")},
        accounts=[
            AccountSettings(
                name=f"{platform}-todo",
                platform=platform,
                handle="todo",
                server_url="http://127.0.0.1:1",
                secret_env="LT_BENCH",
            )
            for platform in PLATFORMS
        ],
    )


def _chunks(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build(database: Database, settings: Settings, posts: int, replies: int) -> None:
    """Bulk-insert the posts, one sent delivery each, and the replies spread over 30 days."""
    rng = random.Random(6)
    with database.session() as session:
        account_ids = [a.id for a in accounts.sync_from_config(session, settings)]
        campaign = Campaign(slug="todo", name="to:do")
        session.add(campaign)
        session.flush()
        campaign_id = campaign.id
    post_rows = (
        {
            "id": n,
            "campaign_id": campaign_id,
            "key": f"post-{n}",
            "text": f"Beitrag {n}: Dortmund arbeitet neu.",
            "scheduled_at": NOW + timedelta(minutes=10 * (n - posts // 2)),
            "state": "approved",
            "thread_position": 0,
            "created_at": NOW,
            "updated_at": NOW,
        }
        for n in range(1, posts + 1)
    )
    delivery_rows = (
        {
            "id": n,
            "post_id": n,
            "account_id": account_ids[n % len(account_ids)],
            "state": "sent" if n <= posts // 2 else "pending",
            "idempotency_key": f"bench-{n}",
            "due_at": NOW + timedelta(minutes=10 * (n - posts // 2)),
            "attempts": 1,
            "updated_at": NOW - timedelta(minutes=n % 2000),
        }
        for n in range(1, posts + 1)
    )
    reply_rows = (
        {
            "platform": PLATFORMS[n % 3],
            "remote_id": f"r{n}",
            "delivery_id": 1 + n % max(1, posts // 2),
            "in_reply_to_id": "x",
            "url": f"http://127.0.0.1:1/r{n}",
            "author_handle": f"buerger{n % 5000}",
            "text": "Gute Idee, aber wann kommt das in Dortmund an?",
            "created_at": NOW - timedelta(seconds=rng.randrange(30 * 86400)),
            "collected_at": NOW,
            "is_question": n % 10 == 0,
            "sentiment_label": LABELS[n % 4],
            "sentiment_score": 0.8,
        }
        for n in range(1, replies + 1)
    )
    with database.engine.begin() as connection:
        for table, rows in (
            (Post.__table__, post_rows),
            (Delivery.__table__, delivery_rows),
            (Reply.__table__, reply_rows),
        ):
            for chunk in _chunks(rows):
                connection.execute(insert(table), chunk)


async def _shown(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Let the app run until `condition` holds (at most a minute)."""
    deadline = time.perf_counter() + 60
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{type(pilot.app.screen).__name__}: nothing shown in 60 s")
        await pilot.pause(0.005)


def _screen(app: App[None]) -> DataScreen:
    screen = app.screen
    assert isinstance(screen, DataScreen)
    return screen


async def _seconds_to_switch(pilot: Pilot[None], mode: str) -> float:
    """From the key press until the screen shows data (its own first read, or kept rows)."""
    started = time.perf_counter()
    await pilot.app.switch_mode(mode)
    await _shown(pilot, lambda: _screen(pilot.app).reads_shown > 0)
    return time.perf_counter() - started


async def _seconds_to_reread(pilot: Pilot[None], keys: list[str]) -> float:
    """From pressing `keys` until the screen shows the read they asked for."""
    screen = _screen(pilot.app)
    before = screen.reads_shown
    started = time.perf_counter()
    await pilot.press(*keys)
    await _shown(pilot, lambda: screen.reads_shown > before)
    return time.perf_counter() - started


async def measure(database: Database, settings: Settings) -> dict[str, float]:
    figures: dict[str, float] = {}
    app = make_app(database, settings, clock=lambda: NOW)
    started = time.perf_counter()
    async with app.run_test(size=(120, 36)) as pilot:
        await _shown(pilot, lambda: getattr(app.screen, "reads_shown", 0) > 0)
        figures["first_screen_s"] = time.perf_counter() - started
        split = app.screen.query_one("#split", Static)
        await _shown(pilot, lambda: bool(str(split.render())))
        figures["dashboard_chart_s"] = time.perf_counter() - started
        for mode in SCREENS:
            figures[f"switch_{mode}_s"] = await _seconds_to_switch(pilot, mode)
        await _seconds_to_switch(pilot, "queue")
        figures["queue_week_s"] = await _seconds_to_reread(pilot, ["w"])
        figures["queue_next_week_s"] = await _seconds_to_reread(pilot, ["l"])
        figures["queue_platform_filter_s"] = await _seconds_to_reread(pilot, ["f"])
        await _seconds_to_switch(pilot, "inbox")
        figures["inbox_next_page_s"] = await _seconds_to_reread(pilot, ["m"])
        figures["inbox_filter_negative_s"] = await _seconds_to_reread(pilot, ["s"] * 3)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--replies", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the database at this path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "bench.sqlite3"
        settings = bench_settings(path)
        fresh = not path.exists()
        engine = make_engine(settings.database_url())
        upgrade(engine)
        database = Database(engine)
        started = time.perf_counter()
        if fresh:
            build(database, settings, args.posts, args.replies)
        build_s = time.perf_counter() - started
        figures = asyncio.run(measure(database, settings))
        engine.dispose()
    print(f"posts: {args.posts}")
    print(f"replies: {args.replies}")
    print(f"build_s: {build_s:.1f}")
    for name, value in figures.items():
        print(f"{name}: {value:.3f}")


if __name__ == "__main__":
    main()
