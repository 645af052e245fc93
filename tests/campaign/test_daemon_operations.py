"""Daemon operations: one daemon per SQLite file, clean stop, secrets redacted in logs."""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from campaign.config import AccountSettings, Settings
from campaign.daemon.runner import Daemon
from campaign.db import Database, make_engine, upgrade
from campaign.errors import UserError
from campaign.logs import JsonFormatter, RedactSecrets
from campaign.models import Heartbeat


@pytest.fixture
def sqlite_database(tmp_path: Path) -> Database:
    engine = make_engine(f"sqlite:///{tmp_path / 'ops.sqlite3'}")
    upgrade(engine)
    return Database(engine)


def test_second_daemon_on_the_same_sqlite_file_refuses(sqlite_database: Database) -> None:
    first = Daemon(sqlite_database, Settings())
    scheduler = first.start()
    try:
        with pytest.raises(UserError, match="läuft schon ein Daemon"):
            Daemon(sqlite_database, Settings()).start()
    finally:
        scheduler.shutdown(wait=True)
        first.stopped()
    second = Daemon(sqlite_database, Settings())  # the lock is free again
    second.start().shutdown(wait=True)
    second.stopped()


def test_stop_event_ends_the_daemon_and_marks_the_heartbeat(sqlite_database: Database) -> None:
    daemon = Daemon(sqlite_database, Settings())
    runner = threading.Thread(target=daemon.run_until_stopped)
    runner.start()
    daemon.stop_event.set()
    runner.join(timeout=30)
    assert not runner.is_alive()
    with sqlite_database.session() as session:
        beat = session.scalar(select(Heartbeat))
        assert beat is not None and beat.stopped_at is not None


def test_json_logs_redact_every_configured_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LT_SECRET", "tok-123456-geheim")
    settings = Settings(
        accounts=[
            AccountSettings(
                name="m",
                platform="mastodon",
                handle="h",
                server_url="https://m.example",
                secret_env="LT_SECRET",
            )
        ]
    )
    redact = RedactSecrets([a.secret() or "" for a in settings.accounts])
    record = logging.LogRecord(
        "t",
        logging.ERROR,
        __file__,
        1,
        "request with Bearer %s failed",
        ("tok-123456-geheim",),
        None,
    )
    assert redact.filter(record)
    line = JsonFormatter().format(record)
    assert "tok-123456-geheim" not in line
    assert json.loads(line)["message"] == "request with Bearer *** failed"


def test_preloaded_classifier_is_loaded_once_at_start(sqlite_database: Database) -> None:
    loads: list[int] = []

    def loader() -> object:
        loads.append(1)
        return object()

    daemon = Daemon(
        sqlite_database,
        Settings(),
        classifier_loader=loader,  # type: ignore[arg-type]
        preload_classifier=True,
    )
    scheduler = daemon.start()
    try:
        deadline = time.monotonic() + 20
        while not loads and time.monotonic() < deadline:
            time.sleep(0.02)
        assert daemon.classifier() is not None  # no reply yet, and the model is ready
    finally:
        scheduler.shutdown(wait=True)
        daemon.stopped()
    assert loads == [1]
