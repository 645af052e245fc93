"""Dispatch lateness, duplicates and losses of the real daemon against the sandbox.

N posts (round-robin over Mastodon, X and Bluesky) are due over 10 minutes, compressed by
`--time-scale`; the daemon runs as `leuchtturm daemon` in a subprocess, the sandbox in this
process. Lateness is the platform's publication time minus the scheduled time. Peak RSS
and CPU time are read from /proc while the daemon runs. No replies are simulated, so the
sentiment model is never loaded: the RSS is the daemon's own.

    python -m benchmarks.dispatch --posts 1000 --time-scale 1
    python -m benchmarks.dispatch --posts 200 --time-scale 20     # under a minute
    python -m benchmarks.dispatch --database-url postgresql+psycopg://…/empty --daemons 2

With several daemons (PostgreSQL only) RSS figures are the largest daemon's, CPU the sum.
Once every post is settled the daemons idle for `--idle-seconds` (60 by default);
`idle_cpu_percent` is their CPU time over that stretch, in per cent of one core.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from benchmarks.queued import queue_approved
from campaign.config import AccountSettings, Settings
from campaign.db import Database, make_engine, upgrade
from campaign.demo import DEMO_HANDLES, config_toml, sandbox_accounts
from campaign.models import Campaign, Delivery, DeliveryState, Heartbeat
from campaign.services import accounts
from sandbox.bluesky_server import BlueskySandbox, did_for
from sandbox.mastodon_server import MastodonSandbox
from sandbox.x_server import XSandbox

DAEMON_COMMAND = (sys.executable, "-c", "from campaign.cli.main import run; run()")
NUMBERED = re.compile(r"Beitrag (\d+) der Lastprobe")
# The platforms' real rate limits are tested elsewhere; here they would measure the
# platform's patience instead of the dispatcher's punctuality.
UNLIMITED = {
    name: 1_000_000 for name in ("create_tweet", "users_me", "user_tweets", "tweets_lookup")
}


def _rss_mb(pid: int, field: str = "VmRSS") -> float:
    """Resident memory of a running process (VmHWM: its peak so far)."""
    status = Path(f"/proc/{pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith(field))
    return int(line.split()[1]) / 1024


def _proc_figures(pid: int) -> tuple[float, float]:
    """(peak RSS in MB, CPU seconds) of a running process."""
    peak_mb = _rss_mb(pid, "VmHWM")
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return peak_mb, (int(fields[11]) + int(fields[12])) / ticks


def _idle_cpu_percent(pids: list[int], seconds: float) -> float:
    """CPU the daemons use while nothing is due, in per cent of one core."""
    before = sum(_proc_figures(pid)[1] for pid in pids)
    started = time.monotonic()
    time.sleep(seconds)
    used = sum(_proc_figures(pid)[1] for pid in pids) - before
    return 100 * used / (time.monotonic() - started)


def _published(servers: dict[str, Any]) -> Counter[int]:
    """How often each benchmark post exists on the sandboxes, by its number."""
    found: list[str] = [t.text for t in servers["x"].own_tweets()]
    found += [s.text for s in servers["mastodon"].statuses.values()]  # no audience here
    own = did_for(DEMO_HANDLES["bluesky"])
    found += [r.value["text"] for r in servers["bluesky"].records.values() if r.author_did == own]
    return Counter(int(m.group(1)) for text in found if (m := NUMBERED.search(text)))


def _alive(database: Database, daemons: int) -> bool:
    with database.session() as session:
        return len(session.scalars(select(Heartbeat.daemon_id)).all()) >= daemons


def _start_daemon(config: Path, configured: list[AccountSettings]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*DAEMON_COMMAND, "--config", str(config), "daemon"],
        env={**os.environ, **{a.secret_env: "bench-token" for a in configured}},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _queue(database: Database, settings: Settings, count: int, span: timedelta) -> datetime:
    """`count` approved posts round-robin over the accounts, evenly over `span`; the start.

    The first post is due after the whole queue is committed (1,000 posts take seconds to
    validate and insert on a busy machine): lateness must not count the insert.
    """
    names = [account.name for account in settings.accounts]
    start = datetime.now(UTC) + timedelta(seconds=5 + 0.01 * count)
    with database.session() as session:
        accounts.sync_from_config(session, settings)
        campaign = Campaign(slug="bench", name="Benchmark")
        session.add(campaign)
        session.flush()
        queue_approved(
            session, campaign, names, count=count, start=start, span=span,
            text="Beitrag {index} der Lastprobe #ToDoDortmund",
        )
    return start


def _all_settled(database: Database) -> bool:
    with database.session() as session:
        return (
            session.scalar(
                select(Delivery.id)
                .where(
                    Delivery.state.not_in(
                        (DeliveryState.SENT, DeliveryState.FAILED, DeliveryState.NEEDS_REVIEW)
                    )
                )
                .limit(1)
            )
            is None
        )


def _lateness_by_platform(database: Database) -> dict[str, list[float]]:
    """Publication time minus scheduled time of every sent delivery, per platform."""
    by_platform: dict[str, list[float]] = {}
    with database.session() as session:
        for delivery in session.scalars(select(Delivery)):
            if delivery.state == DeliveryState.SENT and delivery.sent_at:
                late = max((delivery.sent_at - delivery.due_at).total_seconds(), 0.0)
                by_platform.setdefault(delivery.account.platform, []).append(late)
    return by_platform


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--time-scale", type=float, default=1.0, help="10 minutes / this")
    parser.add_argument("--database-url", help="an empty database (default: temporary SQLite)")
    parser.add_argument("--daemons", type=int, default=1, help="several need PostgreSQL")
    parser.add_argument("--idle-seconds", type=float, default=60.0, help="idle stretch measured")
    args = parser.parse_args()
    span = timedelta(minutes=10) / args.time_scale
    folder = Path(tempfile.mkdtemp(prefix="leuchtturm-bench-"))
    database_url = args.database_url or f"sqlite:///{folder / 'bench.sqlite3'}"
    if args.daemons > 1 and database_url.startswith("sqlite"):
        parser.error("--daemons above 1 needs --database-url of a PostgreSQL database")
    servers = {
        "mastodon": MastodonSandbox(rate_limit=1_000_000).start(),
        "x": XSandbox(rate_limits=UNLIMITED).start(),
        "bluesky": BlueskySandbox().start(),  # 3000 per 5 minutes is enough
    }
    configured = sandbox_accounts({p: server.url for p, server in servers.items()}, "BENCH")
    config = folder / "config.toml"
    config.write_text(config_toml(database_url, configured), encoding="utf-8")  # defaults
    engine = make_engine(database_url)
    upgrade(engine)
    database = Database(engine)
    daemons = [_start_daemon(config, configured) for _ in range(args.daemons)]
    # Lateness is about dispatch, not process start: queue once the daemons are alive.
    while not _alive(database, args.daemons):
        time.sleep(0.2)
    start = _queue(database, Settings(accounts=configured), args.posts, span)
    # Idle: started, connectors built, queue read, nothing due yet.
    time.sleep(max((start - datetime.now(UTC)).total_seconds() - 1, 0))
    idle_rss = max(_rss_mb(daemon.pid) for daemon in daemons)
    deadline = time.monotonic() + span.total_seconds() + 120
    while time.monotonic() < deadline and not _all_settled(database):
        time.sleep(0.5)
    figures = [_proc_figures(daemon.pid) for daemon in daemons]
    idle_cpu_percent = _idle_cpu_percent([daemon.pid for daemon in daemons], args.idle_seconds)
    for daemon in daemons:
        daemon.send_signal(signal.SIGTERM)
    for daemon in daemons:
        daemon.wait(timeout=60)

    by_platform = _lateness_by_platform(database)
    lateness = sorted(late for values in by_platform.values() for late in values)
    published = _published(servers)
    duplicates = sum(n - 1 for n in published.values() if n > 1)
    lost = sum(1 for key in range(args.posts) if published[key] == 0)
    for server in servers.values():
        server.stop()
    engine.dispose()

    print(f"database: {engine.dialect.name}")
    print(f"daemons: {args.daemons}")
    print(f"posts: {args.posts}")
    print(f"sent: {len(lateness)}")
    print(f"lateness_p50_s: {statistics.median(lateness) if lateness else float('nan'):.3f}")
    print(f"lateness_p95_s: {_percentile(lateness, 0.95):.3f}")
    print(f"lateness_p99_s: {_percentile(lateness, 0.99):.3f}")
    print(f"lateness_max_s: {lateness[-1] if lateness else float('nan'):.3f}")
    for platform, values in sorted(by_platform.items()):
        print(f"lateness_p99_{platform}_s: {_percentile(values, 0.99):.3f}")
    print(f"duplicates: {duplicates}")
    print(f"lost: {lost}")
    print(f"idle_rss_mb: {idle_rss:.1f}")
    print(f"peak_rss_mb: {max(peak for peak, _ in figures):.1f}")
    print(f"cpu_s: {sum(cpu for _, cpu in figures):.1f}")
    print(f"idle_cpu_percent: {idle_cpu_percent:.2f}")


if __name__ == "__main__":
    main()
