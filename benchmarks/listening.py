"""Listening at an event-week peak: the daemon collects and classifies the city's posts as
they come while it dispatches, and its posts still go out on time.

The sandbox audience writes `--per-hour` matching posts an hour (shared over Mastodon, X
and Bluesky) under the campaign's hashtag, some mentioning or quoting the account; time is
compressed by `--time-scale` (the audience's hour lasts 3600 / scale seconds). The daemon
runs in this process against the sandbox, with the configured sentiment model (loaded
before the peak begins, as in a running event week), listening every `--listen-seconds`,
while `--posts` posts fall due over the run.

    python -m benchmarks.listening --per-hour 5000 --minutes 2 --time-scale 10

Figures: `tracked_per_hour` (collected posts per hour of audience time),
`classify_lag_p95_s` (from a post's appearance to its label), `lateness_p99_s` (our
posts' dispatch lateness), and how many were `tracked` and `classified`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from benchmarks.queued import queue_approved
from campaign.config import DaemonSettings, Settings
from campaign.daemon.runner import Daemon
from campaign.db import Database, make_engine, upgrade
from campaign.demo import DEMO_HANDLES, sandbox_accounts
from campaign.listening.settings import ListeningSettings
from campaign.models import Campaign, Delivery, DeliveryState, HeardKind, Reply
from campaign.services import accounts
from sandbox.bluesky_server import RateLimitPolicy
from sandbox.run import start_sandbox

TAG = "ToDoDortmund"
GENEROUS = 1_000_000


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


def _settings(urls: dict[str, str], folder: Path, listen_seconds: float) -> Settings:
    configured = []
    for account in sandbox_accounts(urls, "LT_BENCH_LISTEN"):
        os.environ[account.secret_env] = f"bench-{account.platform}"
        if account.platform == "x":
            account = account.model_copy(update={"listen": True, "daily_reads": GENEROUS})
        configured.append(account)
    return Settings(
        data_folder=folder,
        database={"url": f"sqlite:///{folder / 'listening.sqlite3'}"},
        accounts=configured,
        daemon=DaemonSettings(poll_seconds=1, collect_fresh_minutes=60),
        listening=ListeningSettings(every_seconds=listen_seconds, first_lookback_hours=1),
    )


def _queue(database: Database, settings: Settings, count: int, span: timedelta) -> None:
    names = [account.name for account in settings.accounts]
    start = datetime.now(UTC) + timedelta(seconds=5)
    with database.session() as session:
        campaign = session.scalars(select(Campaign)).one()
        queue_approved(
            session, campaign, names, count=count, start=start, span=span,
            text=f"Beitrag {{index}} der Listening-Probe #{TAG}",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-hour", type=float, default=5000)
    parser.add_argument("--minutes", type=float, default=2.0, help="real minutes to run")
    parser.add_argument("--time-scale", type=float, default=10.0)
    parser.add_argument("--posts", type=int, default=30)
    parser.add_argument("--listen-seconds", type=float, default=5.0)
    args = parser.parse_args()
    run = timedelta(minutes=args.minutes)
    with (
        tempfile.TemporaryDirectory(prefix="leuchtturm-listening-") as temporary,
        start_sandbox(
            pace=args.time_scale, public_tags=(TAG,), public_per_hour=args.per_hour / 3
        ) as sandbox,
    ):
        for platform, server in sandbox.servers.items():
            server.rate_limit = GENEROUS  # type: ignore[attr-defined]
            if platform == "x":
                limits = dict.fromkeys(server.rate_limits, GENEROUS)  # type: ignore[attr-defined]
                server.rate_limits = limits  # type: ignore[attr-defined]
            if platform == "bluesky":
                policy = RateLimitPolicy(GENEROUS, timedelta(minutes=5))
                server.requests.policy = policy  # type: ignore[attr-defined]
        settings = _settings(sandbox.urls(), Path(temporary), args.listen_seconds)
        for account in settings.accounts:
            if account.platform == "mastodon":
                sandbox.servers["mastodon"].name_account(  # type: ignore[attr-defined]
                    os.environ[account.secret_env or ""], DEMO_HANDLES["mastodon"]
                )
        engine = make_engine(settings.database_url())
        upgrade(engine)
        database = Database(engine)
        with database.session() as session:
            accounts.sync_from_config(session, settings)
            session.add(Campaign(slug="bench", name="Listening", track=[f"#{TAG}"]))
        daemon = Daemon(database, settings)
        scheduler = daemon.start()
        try:
            # An event week finds the daemon running: the model is loaded before the peak.
            daemon.classifier()
            _queue(database, settings, args.posts, run - timedelta(seconds=15))
            for server in sandbox.servers.values():
                server.restart_public()
            started = time.monotonic()
            daemon.stop_event.wait(run.total_seconds())
        finally:
            daemon.stop_event.set()
            scheduler.shutdown(wait=True)
            daemon.stopped()
        elapsed = time.monotonic() - started
        with database.session() as session:
            heard = session.execute(
                select(Reply.created_at, Reply.classified_at).where(
                    Reply.kind != HeardKind.REPLY
                )
            ).all()
            sent = session.execute(
                select(Delivery.due_at, Delivery.sent_at).where(
                    Delivery.state == DeliveryState.SENT
                )
            ).all()
            waiting = session.scalar(
                select(func.count(Delivery.id)).where(Delivery.state != DeliveryState.SENT)
            )
        engine.dispose()
    audience_hours = elapsed * args.time_scale / 3600
    lags = [(done - at).total_seconds() for at, done in heard if done is not None]
    lateness = [max((out - due).total_seconds(), 0.0) for due, out in sent if out is not None]
    print(f"tracked: {len(heard)}")
    print(f"classified: {len(lags)}")
    print(f"tracked_per_hour: {len(heard) / audience_hours:.0f}")
    print(f"classify_lag_p95_s: {_quantile(lags, 0.95):.2f}")
    print(f"sent: {len(sent)}")
    print(f"not_sent: {waiting or 0}")
    print(f"lateness_p99_s: {_quantile(lateness, 0.99):.3f}")



if __name__ == "__main__":
    main()
