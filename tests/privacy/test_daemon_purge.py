"""The daemon purges: a cron job each night at `purge_at` (and once at start), beside the
other jobs, not in a dispatch lane."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from sqlalchemy import func, select

from campaign.config import PrivacySettings, Settings
from campaign.daemon.runner import PURGE_JOB, Daemon
from campaign.db import Database, make_engine, upgrade
from campaign.models import Campaign, HeardCount, Reply
from tests.privacy.heard import heard

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_the_daemon_runs_the_purge_job(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'daemon.sqlite3'}")
    upgrade(engine)
    database = Database(engine)
    with database.session() as session:
        session.add(Campaign(slug="arbeit", name="Arbeit"))
    old = heard(
        database,
        campaign="arbeit",
        platform="x",
        kind="tag",
        author="alt",
        created=NOW - timedelta(days=31),
        label="negative",
    )
    fresh = heard(
        database,
        campaign="arbeit",
        platform="x",
        kind="tag",
        author="neu",
        created=NOW - timedelta(days=29),
    )
    settings = Settings(privacy=PrivacySettings(retention_days=30, purge_at=time(2, 15)))
    daemon = Daemon(database, settings, clock=lambda: NOW)
    running = daemon.start()
    ran = threading.Event()
    failed: list[BaseException | None] = []

    def seen(event: JobExecutionEvent) -> None:
        if event.job_id == PURGE_JOB:
            failed.append(event.exception)
            ran.set()

    try:
        running.scheduler.add_listener(seen, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
        job = running.scheduler.get_job(PURGE_JOB)
        assert job is not None
        fields = {field.name: str(field) for field in job.trigger.fields}
        assert (fields["hour"], fields["minute"]) == ("2", "15")
        assert str(job.trigger.timezone) == "Europe/Berlin"
        job.modify(next_run_time=datetime.now(UTC))
        assert ran.wait(timeout=120)
    finally:
        running.shutdown(wait=True)
        daemon.stopped()
    assert failed == [None] and daemon.errors == 0
    with database.session() as session:
        assert session.get(Reply, old) is None
        assert session.get(Reply, fresh) is not None
        assert session.scalar(select(func.sum(HeardCount.posts))) == 1
