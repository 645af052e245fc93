"""The live wall under 50 open walls: how soon an approval reaches every one, and the RSS.

The wall runs as `leuchtturm wall` in a subprocess on a loopback port; this process opens
`--clients` event streams (httpx, asyncio), approves `--updates` replies one at a time
through the wall service, as the TUI and the CLI do, and times, for every client, the
moment the state that holds the reply arrives. The database also holds `--replies`
unmoderated replies, so the wall's queries are not run on an empty table.

    python -m benchmarks.wall                       # 50 walls, 20 approvals, 10k replies
    python -m benchmarks.wall --clients 5 --updates 3 --replies 100   # a smoke run
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from benchmarks.dispatch import DAEMON_COMMAND, _rss_mb
from campaign.config import Settings
from campaign.db import Database, make_engine, upgrade
from campaign.demo import config_toml, sandbox_accounts
from campaign.models import Campaign, Delivery, DeliveryState, Post, PostState, Reply
from campaign.services import accounts, wall
from campaign.services.wall import WallKey

SLUG = "wall-bench"
WAIT_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _seed(database: Database, settings: Settings, replies: int, updates: int) -> list[int]:
    """A campaign, one sent post, `replies` unmoderated replies and `updates` more to
    approve during the run; the ids of the latter."""
    now = datetime.now(UTC)
    with database.session() as session:
        accounts.sync_from_config(session, settings)
        account = accounts.by_name(session, settings.accounts[0].name)
        campaign = Campaign(slug=SLUG, name="Lastprobe der Wand")
        post = Post(
            campaign=campaign,
            key="auftakt",
            text="Die Wand unter Last.",
            scheduled_at=now - timedelta(hours=1),
            state=PostState.APPROVED,
        )
        delivery = Delivery(
            post=post,
            account_id=account.id,
            idempotency_key="wall-bench",
            due_at=post.scheduled_at,
            state=DeliveryState.SENT,
            sent_at=post.scheduled_at,
            remote_id="1",
        )
        rows = [
            Reply(
                platform="mastodon",
                remote_id=f"r{index}",
                delivery=delivery,
                in_reply_to_id="1",
                author_handle=f"person{index % 997}",
                text=f"Antwort {index} an die Wand #ToDoDortmund",
                created_at=now - timedelta(seconds=replies + updates - index),
                collected_at=now,
                sentiment_label=("positive", "neutral", "negative")[index % 3],
            )
            for index in range(replies + updates)
        ]
        session.add_all([campaign, post, delivery, *rows])
        session.flush()
        return [row.id for row in rows[replies:]]


async def _watch(url: str, seen: dict[str, float], connected: asyncio.Event) -> None:
    """One wall: note when each item key first arrives."""
    timeout = httpx.Timeout(10, read=None)
    async with (
        httpx.AsyncClient(timeout=timeout) as client,
        client.stream("GET", url) as stream,
    ):
        async for line in stream.aiter_lines():
            if line.startswith("data: "):
                connected.set()
                now = time.monotonic()
                for item in json.loads(line.removeprefix("data: "))["items"]:
                    seen.setdefault(item["key"], now)


async def _measure(
    base: str, database: Database, keys: list[int], clients: int
) -> tuple[list[float], int]:
    """Latencies of every (client, approval) and how many never arrived."""
    seen = [dict[str, float]() for _ in range(clients)]
    connected = [asyncio.Event() for _ in range(clients)]
    watchers = [
        asyncio.create_task(_watch(base + "events", seen[i], connected[i]))
        for i in range(clients)
    ]
    await asyncio.wait_for(asyncio.gather(*(event.wait() for event in connected)), WAIT_SECONDS)
    latencies: list[float] = []
    missed = 0
    for reply_id in keys:
        key = WallKey("reply", reply_id)
        await asyncio.to_thread(_approve, database, key)
        approved_at = time.monotonic()
        deadline = approved_at + WAIT_SECONDS
        while any(str(key) not in walls for walls in seen) and time.monotonic() < deadline:
            await asyncio.sleep(0.01)  # the clients record arrival times themselves
        for walls in seen:
            if str(key) in walls:
                latencies.append(max(walls[str(key)] - approved_at, 0.0))
            else:
                missed += 1
    for watcher in watchers:
        watcher.cancel()
    await asyncio.gather(*watchers, return_exceptions=True)
    return latencies, missed


def _approve(database: Database, key: WallKey) -> None:
    with database.session() as session:
        wall.approve(session, key, by="benchmark")


def _wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            httpx.get(url + "health", timeout=5).raise_for_status()
            return
        except httpx.TransportError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the wall server did not start") from None
            time.sleep(0.05)


def _percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--updates", type=int, default=20)
    parser.add_argument("--replies", type=int, default=10_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="leuchtturm-wall-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'wall.sqlite3'}"
        configured = sandbox_accounts({"mastodon": "http://127.0.0.1:1"}, "LEUCHTTURM_BENCH")
        settings = Settings(database={"url": url}, accounts=configured)
        engine = make_engine(url)
        upgrade(engine)
        database = Database(engine)
        keys = _seed(database, settings, args.replies, args.updates)
        port = _free_port()
        config = Path(folder) / "config.toml"
        config.write_text(
            config_toml(url, configured) + f'\n[wall]\ncampaign = "{SLUG}"\nport = {port}\n',
            encoding="utf-8",
        )
        server = subprocess.Popen(
            [*DAEMON_COMMAND, "--config", str(config), "wall"],
            env={**os.environ, "LEUCHTTURM_LANG": "de"},
            stdout=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}/"
            _wait_until_up(base, server)
            latencies, missed = asyncio.run(_measure(base, database, keys, args.clients))
            rss, peak = _rss_mb(server.pid), _rss_mb(server.pid, "VmHWM")
        finally:
            server.terminate()
            server.wait(timeout=30)
            engine.dispose()

    print(f"clients: {args.clients}")
    print(f"updates: {args.updates}")
    print(f"replies_in_database: {args.replies + args.updates}")
    print(f"wall_update_p50_s: {_percentile(latencies, 0.50):.3f}")
    print(f"wall_update_p95_s: {_percentile(latencies, 0.95):.3f}")
    print(f"wall_update_max_s: {max(latencies, default=float('nan')):.3f}")
    print(f"wall_updates_missed: {missed}")
    print(f"wall_rss_mb: {rss:.1f}")
    print(f"wall_peak_rss_mb: {peak:.1f}")


if __name__ == "__main__":
    sys.exit(main())
