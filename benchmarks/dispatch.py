"""Dispatch lateness, duplicates and losses of the real daemon against the sandbox.

N posts (round-robin over Mastodon, X and Bluesky) are due over 10 minutes, compressed by
`--time-scale`; the daemon runs as `leuchtturm daemon` in a subprocess, the sandbox in this
process. Lateness is the platform's publication time minus the scheduled time. Peak RSS
and CPU time are read from /proc while the daemon runs. No replies are simulated, so the
sentiment model is never loaded: the RSS is the daemon's own.

    python -m benchmarks.dispatch --posts 1000 --time-scale 1
    python -m benchmarks.dispatch --posts 200 --time-scale 20     # under a minute
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

from campaign.config import AccountSettings, Settings
from campaign.db import Database, make_engine, upgrade
from campaign.models import Campaign, Delivery, DeliveryState, Heartbeat
from campaign.services import accounts, posts
from connectors.sandbox.bluesky_server import BlueskySandbox, did_for
from connectors.sandbox.mastodon_server import MastodonSandbox
from connectors.sandbox.x_server import XSandbox

HANDLES = {
    "mastodon": "todo_dortmund",
    "x": "todo_dortmund",
    "bluesky": "todo-dortmund.bsky.social",
}
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


def _published(servers: dict[str, Any]) -> Counter[int]:
    """How often each benchmark post exists on the sandboxes, by its number."""
    found: list[str] = [t.text for t in servers["x"].own_tweets()]
    found += [s.text for s in servers["mastodon"].statuses.values()]  # no audience here
    own = did_for(HANDLES["bluesky"])
    found += [r.value["text"] for r in servers["bluesky"].records.values() if r.author_did == own]
    return Counter(int(m.group(1)) for text in found if (m := NUMBERED.search(text)))


def _alive(database: Database) -> bool:
    with database.session() as session:
        return session.scalar(select(Heartbeat.daemon_id).limit(1)) is not None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--time-scale", type=float, default=1.0, help="10 minutes / this")
    args = parser.parse_args()
    span = timedelta(minutes=10) / args.time_scale
    folder = Path(tempfile.mkdtemp(prefix="leuchtturm-bench-"))
    servers = {
        "mastodon": MastodonSandbox(rate_limit=1_000_000).start(),
        "x": XSandbox(rate_limits=UNLIMITED).start(),
        "bluesky": BlueskySandbox().start(),  # 3000 per 5 minutes is enough
    }
    database_url = f"sqlite:///{folder / 'bench.sqlite3'}"
    configured = [
        AccountSettings(
            name=f"{p}-todo",
            platform=p,
            handle=HANDLES[p],
            server_url=s.url,
            secret_env=f"BENCH_{p.upper()}",
        )
        for p, s in servers.items()
    ]
    lines = [f'[database]\nurl = "{database_url}"\n']  # the daemon's defaults
    for account in configured:
        lines.append(
            f'[[accounts]]\nname = "{account.name}"\nplatform = "{account.platform}"\n'
            f'handle = "{account.handle}"\nserver_url = "{account.server_url}"\n'
            f'secret_env = "{account.secret_env}"\n'
        )
    config = folder / "config.toml"
    config.write_text("\n".join(lines), encoding="utf-8")
    engine = make_engine(database_url)
    upgrade(engine)
    database = Database(engine)
    settings = Settings(accounts=configured)
    env = {**os.environ, **{a.secret_env: "bench-token" for a in configured}}
    daemon = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from campaign.cli.main import run; run()",
            "--config",
            str(config),
            "daemon",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Lateness is about dispatch, not process start: queue once the daemon is alive.
    while not _alive(database):
        time.sleep(0.2)
    # The first post is due after the whole queue is committed (1,000 posts take seconds
    # to validate and insert on a busy machine): lateness must not count the insert.
    start = datetime.now(UTC) + timedelta(seconds=5 + 0.01 * args.posts)
    with database.session() as session:
        accounts.sync_from_config(session, settings)
        campaign = Campaign(slug="bench", name="Benchmark")
        session.add(campaign)
        session.flush()
        for index in range(args.posts):
            draft = posts.PostDraft(
                key=f"p{index}",
                text=f"Beitrag {index} der Lastprobe #ToDoDortmund",
                scheduled_at=start + span * (index / max(args.posts - 1, 1)),
                accounts=[configured[index % 3].name],
                approved=True,
            )
            posts.add_post(session, campaign, draft, {})
    # Idle: started, connectors built, queue read, nothing due yet.
    time.sleep(max((start - datetime.now(UTC)).total_seconds() - 1, 0))
    idle_rss = _rss_mb(daemon.pid)
    deadline = time.monotonic() + span.total_seconds() + 120
    peak_rss = cpu = 0.0
    while time.monotonic() < deadline:
        peak_rss, cpu = _proc_figures(daemon.pid)
        with database.session() as session:
            open_ = session.scalar(
                select(Delivery.id)
                .where(
                    Delivery.state.not_in(
                        (DeliveryState.SENT, DeliveryState.FAILED, DeliveryState.NEEDS_REVIEW)
                    )
                )
                .limit(1)
            )
        if open_ is None:
            break
        time.sleep(0.5)
    peak_rss, cpu = _proc_figures(daemon.pid)
    daemon.send_signal(signal.SIGTERM)
    daemon.wait(timeout=60)

    with database.session() as session:
        deliveries = list(session.scalars(select(Delivery)))
        by_platform: dict[str, list[float]] = {}
        for delivery in deliveries:
            if delivery.state == DeliveryState.SENT and delivery.sent_at:
                late = max((delivery.sent_at - delivery.due_at).total_seconds(), 0.0)
                by_platform.setdefault(delivery.account.platform, []).append(late)
        lateness = sorted(late for values in by_platform.values() for late in values)
    published = _published(servers)
    duplicates = sum(n - 1 for n in published.values() if n > 1)
    lost = sum(1 for key in range(args.posts) if published[key] == 0)
    for server in servers.values():
        server.stop()

    def pct(q: float, values: list[float] = lateness) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")

    print(f"posts: {args.posts}")
    print(f"sent: {len(lateness)}")
    print(f"lateness_p50_s: {statistics.median(lateness) if lateness else float('nan'):.3f}")
    print(f"lateness_p95_s: {pct(0.95):.3f}")
    print(f"lateness_p99_s: {pct(0.99):.3f}")
    print(f"lateness_max_s: {lateness[-1] if lateness else float('nan'):.3f}")
    for platform, values in sorted(by_platform.items()):
        print(f"lateness_p99_{platform}_s: {pct(0.99, values):.3f}")
    print(f"duplicates: {duplicates}")
    print(f"lost: {lost}")
    print(f"idle_rss_mb: {idle_rss:.1f}")
    print(f"peak_rss_mb: {peak_rss:.1f}")
    print(f"cpu_s: {cpu:.1f}")


if __name__ == "__main__":
    main()
