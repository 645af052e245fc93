"""The zero-setup demo: a fresh SQLite database, the example plan, the sandbox, the daemon.

The example plan is for the to:do week of 2024; the demo keeps its order and spacing but
moves it to start a few seconds from now, compressed so that a minute shows the week.
Secrets for the sandbox are throwaway values placed in this process's environment only.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from campaign import lifecycle
from campaign.config import AccountSettings, DaemonSettings, Settings
from campaign.daemon.runner import Daemon
from campaign.db import Database, make_engine, upgrade
from campaign.models import Delivery, DeliveryState, Post, PostState, Reply
from campaign.services import accounts, plans, posts
from sandbox.run import Sandbox, start_sandbox

EXAMPLE_PLAN = Path(__file__).resolve().parents[1] / "examples" / "todo-dortmund.toml"
DEMO_HANDLES = {
    "mastodon": "todo_dortmund",
    "x": "todo_dortmund",
    "bluesky": "todo-dortmund.bsky.social",
}


@dataclass(frozen=True)
class DemoFigures:
    """What the demo achieved, printed as `name: value` lines at the end."""

    posts: int
    delivered: int
    failed: int
    replies: int
    classified: int

    def lines(self) -> list[str]:
        return [f"{name}: {value}" for name, value in vars(self).items()]


def sandbox_accounts(urls: Mapping[str, str], secret_prefix: str) -> list[AccountSettings]:
    """One `PLATFORM-todo` account per sandbox server, its secret in `PREFIX_PLATFORM`.

    The demo, the dispatch benchmark and the crash test all talk to the sandbox this way.
    """
    return [
        AccountSettings(
            name=f"{platform}-todo",
            platform=platform,
            handle=DEMO_HANDLES[platform],
            server_url=url,
            secret_env=f"{secret_prefix}_{platform.upper()}",
        )
        for platform, url in urls.items()
    ]


def config_toml(database_url: str, configured: Sequence[AccountSettings], daemon: str = "") -> str:
    """A config.toml for a daemon subprocess: the database, the accounts, `[daemon]` lines."""
    blocks = [f'[database]\nurl = "{database_url}"\n']
    blocks += [
        f'[[accounts]]\nname = "{a.name}"\nplatform = "{a.platform}"\nhandle = "{a.handle}"\n'
        f'server_url = "{a.server_url}"\nsecret_env = "{a.secret_env}"\n'
        for a in configured
    ]
    if daemon:
        blocks.append(f"[daemon]\n{daemon}")
    return "\n".join(blocks)


def demo_settings(sandbox: Sandbox, folder: Path) -> Settings:
    """Accounts that point at the sandbox, and a daemon tuned for a short run."""
    configured = sandbox_accounts(sandbox.urls(), "LEUCHTTURM_DEMO")
    for account in configured:
        os.environ[account.secret_env] = f"demo-{account.platform}-token"
        sandbox.servers[account.platform].name_account(
            os.environ[account.secret_env], account.handle
        )
    return Settings(
        database={"url": f"sqlite:///{folder / 'demo.sqlite3'}"},
        accounts=configured,
        daemon=DaemonSettings(poll_seconds=0.5, collect_fresh_minutes=0, backoff_base_seconds=1),
        reports={"folder": str(folder / "reports")},  # beside the demo's database, not yours
    )


def compress_schedule(database: Database, start: datetime, span: timedelta) -> int:
    """Spread the posts evenly over `span` from `start`, order kept; approve them all.

    Even spacing by rank rather than by the plan's own gaps: the real plan has days of
    teasers with one post each, which would leave a short demo looking idle.
    """
    with database.session() as session:
        every = list(session.scalars(select(Post).order_by(Post.scheduled_at, Post.id)))
        steps = max(len(every) - 1, 1)
        for rank, post in enumerate(every):  # each part on its own: spacing is by rank
            lifecycle.reschedule(session, post, start + span * (rank / steps))
            if post.state == PostState.DRAFT:
                posts.approve(session, post)
        return len(every)


def figures(database: Database) -> DemoFigures:
    """Counts from the database, the one source of truth."""
    with database.session() as session:

        def deliveries(state: DeliveryState) -> int:
            query = select(func.count(Delivery.id)).where(Delivery.state == state)
            return session.scalar(query) or 0

        return DemoFigures(
            posts=session.scalar(select(func.count(Post.id))) or 0,
            delivered=deliveries(DeliveryState.SENT),
            failed=deliveries(DeliveryState.FAILED) + deliveries(DeliveryState.NEEDS_REVIEW),
            replies=session.scalar(select(func.count(Reply.id))) or 0,
            classified=session.scalar(
                select(func.count(Reply.id)).where(Reply.classified_at.is_not(None))
            )
            or 0,
        )


@contextmanager
def running_demo(
    report: Callable[[str], None],
    *,
    folder: Path | None = None,
    span: timedelta = timedelta(seconds=30),
    pace: float = 600.0,
) -> Iterator[tuple[Database, Settings, Daemon]]:
    """Sandbox, fresh database with the example plan, and a started daemon."""
    folder = folder or Path(tempfile.mkdtemp(prefix="leuchtturm-demo-"))
    with start_sandbox(seed=7, pace=pace) as sandbox:
        settings = demo_settings(sandbox, folder)
        engine = make_engine(settings.database_url())
        upgrade(engine)
        database = Database(engine)
        with database.session() as session:
            accounts.sync_from_config(session, settings)
            plans.import_plan(session, settings, EXAMPLE_PLAN)
        count = compress_schedule(database, datetime.now(UTC) + timedelta(seconds=3), span)
        report(f"database: {settings.database_url()}")
        for platform, url in sandbox.urls().items():
            report(f"sandbox {platform}: {url}")
        report(f"{count} Beiträge geplant, die Woche läuft in {span.total_seconds():.0f} s ab.")
        daemon = Daemon(database, settings, preload_classifier=True)
        scheduler = daemon.start()
        try:
            yield database, settings, daemon
        finally:
            daemon.stop_event.set()
            scheduler.shutdown(wait=True)
            daemon.stopped()


def run_demo(
    duration: float, report: Callable[[str], None], *, folder: Path | None = None
) -> DemoFigures:
    """Run the demo headless for `duration` seconds, reporting progress; its figures."""
    with running_demo(report, folder=folder) as (database, _settings, daemon):
        deadline = time.monotonic() + duration
        with suppress(KeyboardInterrupt):
            while not daemon.stop_event.wait(max(0.0, min(5.0, deadline - time.monotonic()))):
                now = figures(database)
                report(
                    f"gesendet {now.delivered}, Antworten {now.replies}, "
                    f"eingeordnet {now.classified}"
                )
                if time.monotonic() >= deadline:
                    break
        return figures(database)


def run_demo_tui(report: Callable[[str], None]) -> DemoFigures:
    """The demo with the terminal UI in front; the daemon logs to a file meanwhile."""
    folder = Path(tempfile.mkdtemp(prefix="leuchtturm-demo-"))
    logging.basicConfig(filename=folder / "daemon.log", level=logging.INFO, force=True)
    with running_demo(report, folder=folder) as (database, settings, _daemon):
        from campaign.tui.app import make_app

        make_app(database, settings).run()
        return figures(database)
