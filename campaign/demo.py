"""The zero-setup demo: a fresh SQLite database, the example plan, the sandbox, the daemon.

The example plan is for the to:do week of 2024; the demo keeps its order and spacing but
moves it to start a few seconds from now, compressed so that a minute shows the week.
Secrets for the sandbox are throwaway values placed in this process's environment only.

The demo is sealed off from a person's real setup: it never loads their config.toml nor
LEUCHTTURM_DATABASE_URL, keeps its database, sessions, key and reports in a folder of its
own, and every change it makes names the campaign it imported itself, so nothing it does
can approve, move or send a team's posts. Its live wall shows only that campaign, on a free
loopback port, with auto-approval (a moderation mode no config file may choose): the
sandbox audience's replies appear as they come, with nobody there to approve them.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from campaign import lifecycle
from campaign.config import AccountSettings, DaemonSettings, Settings, WallSettings
from campaign.daemon.runner import Daemon
from campaign.db import Database, make_engine, upgrade
from campaign.errors import UserError
from campaign.listening.settings import ListeningSettings
from campaign.models import PostState
from campaign.services import accounts, campaigns, plans, polls, posts
from campaign.wall.server import background_wall, wall_app
from sandbox.run import Sandbox, start_sandbox
from words import t

EXAMPLE_PLAN = Path(__file__).resolve().parents[1] / "examples" / "todo-dortmund.toml"
DEMO_DATABASE = "demo.sqlite3"
DEMO_HANDLES = {
    "mastodon": "todo_dortmund",
    "x": "todo_dortmund",
    "bluesky": "todo-dortmund.bsky.social",
}


DEMO_TAGS = ("ToDoDortmund", "NeueArbeit")
"""The hashtags the example plan tracks; the sandbox's audience posts under them."""
DEMO_PUBLIC_PER_HOUR = 30.0
"""Posts of the city on its own per hour of audience time (at the demo's pace of 600,
five a second)."""


@dataclass(frozen=True)
class DemoFigures(campaigns.CampaignProgress):
    """What the demo achieved, printed as `name: value` lines at the end: the campaign's
    progress and its poll votes."""

    poll_votes: int = 0
    """Votes in the campaign's polls at their latest readings (every platform)."""

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
    """Accounts that point at the sandbox, and a daemon tuned for a short run.

    `data_folder` puts the database, account sessions, the pseudonym key and the reports in
    the demo's own folder, never in the user's data folder.
    """
    configured = sandbox_accounts(sandbox.urls(), "LEUCHTTURM_DEMO")
    for account in configured:
        os.environ[account.secret_env] = f"demo-{account.platform}-token"
        sandbox.servers[account.platform].name_account(
            os.environ[account.secret_env], account.handle
        )
    # The sandbox's X reads cost nothing: the demo listens there too, within a budget.
    listening = [
        account.model_copy(update={"listen": True, "daily_reads": 100_000})
        if account.platform == "x"
        else account
        for account in configured
    ]
    return Settings(
        data_folder=folder,
        database={"url": f"sqlite:///{folder / DEMO_DATABASE}"},
        accounts=listening,
        daemon=DaemonSettings(poll_seconds=0.5, collect_fresh_minutes=0, backoff_base_seconds=1),
        listening=ListeningSettings(every_seconds=5),
    )


def compress_schedule(
    database: Database, campaign_slug: str, start: datetime, span: timedelta
) -> int:
    """Spread the campaign's posts evenly over `span` from `start`, order kept; approve them.

    Even spacing by rank rather than by the plan's own gaps: the real plan has days of
    teasers with one post each, which would leave a short demo looking idle. Only the
    named campaign's posts are touched.
    """
    with database.session() as session:
        every = posts.list_posts(session, campaign_slug=campaign_slug, limit=10_000)
        steps = max(len(every) - 1, 1)
        for rank, post in enumerate(every):  # each part on its own: spacing is by rank
            lifecycle.reschedule(session, post, start + span * (rank / steps))
            if post.state == PostState.DRAFT:
                posts.approve(session, post)
        return len(every)


def figures(database: Database, campaign_slug: str) -> DemoFigures:
    """Counts of the demo campaign from the database, the one source of truth."""
    with database.session() as session:
        progress = campaigns.progress(session, campaign_slug)
        votes = sum(poll.total for poll in polls.latest(session, campaign_slug=campaign_slug))
    return DemoFigures(**vars(progress), poll_votes=votes)


@contextmanager
def demo_folder(folder: Path | None) -> Iterator[Path]:
    """`folder` (created; it must be empty, so the database is fresh), kept afterwards;
    or a temporary folder that is removed when the demo ends."""
    if folder is None:
        with tempfile.TemporaryDirectory(prefix="leuchtturm-demo-") as temporary:
            yield Path(temporary)
        return
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise UserError(t("demo.folder_not_empty", folder=folder))
    yield folder


@dataclass(frozen=True)
class RunningDemo:
    """A started demo: its own database and settings, its campaign, its daemon, its wall."""

    database: Database
    settings: Settings
    campaign_slug: str
    daemon: Daemon
    wall_url: str


@contextmanager
def running_demo(
    report: Callable[[str], None],
    *,
    folder: Path | None = None,
    span: timedelta = timedelta(seconds=30),
    pace: float = 600.0,
    log_to_folder: bool = False,
) -> Iterator[RunningDemo]:
    """Sandbox, fresh database with the example plan, and a started daemon.

    With `log_to_folder` the daemon's log goes to `daemon.log` in the demo's folder (the TUI
    owns the terminal).
    """
    with (
        demo_folder(folder) as own_folder,
        start_sandbox(
            seed=7, pace=pace, public_tags=DEMO_TAGS, public_per_hour=DEMO_PUBLIC_PER_HOUR
        ) as sandbox,
        ExitStack() as stack,
    ):
        if log_to_folder:
            logging.basicConfig(
                filename=own_folder / "daemon.log", level=logging.INFO, force=True
            )
        settings = demo_settings(sandbox, own_folder)
        engine = make_engine(settings.database_url())
        upgrade(engine)
        database = Database(engine)
        with database.session() as session:
            accounts.sync_from_config(session, settings)
            slug = plans.import_plan(session, settings, EXAMPLE_PLAN).slug
        count = compress_schedule(database, slug, datetime.now(UTC) + timedelta(seconds=3), span)
        demo_wall = WallSettings(moderation="auto", campaign=slug)
        settings = settings.model_copy(update={"wall": demo_wall})
        wall = stack.enter_context(background_wall(wall_app(database, settings)))
        report(f"wall: {wall.url}")
        report(f"folder: {own_folder}")
        report(f"database: {settings.database_url()}")
        report(f"reports: {settings.expand(settings.reports.folder)}")
        for platform, url in sandbox.urls().items():
            report(f"sandbox {platform}: {url}")
        report(t("demo.planned", count=count, seconds=round(span.total_seconds())))
        daemon = Daemon(database, settings, preload_classifier=True)
        scheduler = daemon.start()
        try:
            yield RunningDemo(database, settings, slug, daemon, wall.url)
        finally:
            daemon.stop_event.set()
            scheduler.shutdown(wait=True)
            daemon.stopped()
            engine.dispose()


def run_demo(
    duration: float, report: Callable[[str], None], *, folder: Path | None = None
) -> DemoFigures:
    """Run the demo headless for `duration` seconds, reporting progress; its figures."""
    with running_demo(report, folder=folder) as demo:
        deadline = time.monotonic() + duration
        with suppress(KeyboardInterrupt):
            while not demo.daemon.stop_event.wait(
                max(0.0, min(5.0, deadline - time.monotonic()))
            ):
                now = figures(demo.database, demo.campaign_slug)
                report(
                    t(
                        "demo.progress",
                        delivered=now.delivered,
                        replies=now.replies,
                        classified=now.classified,
                    )
                )
                if time.monotonic() >= deadline:
                    break
        return figures(demo.database, demo.campaign_slug)


def run_demo_tui(report: Callable[[str], None], *, folder: Path | None = None) -> DemoFigures:
    """The demo with the terminal UI in front; the daemon logs into the demo's folder."""
    with running_demo(report, folder=folder, log_to_folder=True) as demo:
        from campaign.tui.app import make_app
        from words import t as tui_text

        app = make_app(demo.database, demo.settings)
        app.title = tui_text("app.title.demo")  # never to be taken for the team's own accounts
        app.run()
        return figures(demo.database, demo.campaign_slug)
