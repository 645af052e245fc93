"""An idle daemon sleeps until the next due time or a change, instead of polling its queue.

Each account's lane asks once when its next delivery falls due and sleeps until then.
What a person changes meanwhile (a post queued or moved in the TUI or CLI, an account
verified again, a campaign resumed) wakes it early: on PostgreSQL by `LISTEN`ing to the
notifications the schema's triggers send on commit, on SQLite by reading one counter the
triggers raise, and only when `PRAGMA data_version` says another connection committed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from campaign.daemon.dispatch import DUE_STATES
from campaign.db import Database
from campaign.models import Account, AccountState, Campaign, Delivery, Post, PostState

log = logging.getLogger("leuchtturm.daemon")
CHANNEL = "leuchtturm_changes"
LISTEN_CHECK_S = 1.0
"""How long a PostgreSQL listener blocks before looking at the stop flag."""
HELD_RECHECK_S = 1.0
"""A due delivery the dispatcher holds back (catch-up spacing) is looked at again this soon."""
MAX_SLEEP_S = 60.0
"""The longest a lane sleeps without looking, in case a change was never signalled."""


def seconds_until_due(database: Database, account_name: str, now: datetime) -> float | None:
    """How long the lane of `account_name` may sleep; None when nothing waits for it."""
    with database.session() as session:
        row = session.execute(
            select(func.min(Delivery.due_at), Account.rate_limited_until, Account.paced_until)
            .join(Post, Delivery.post_id == Post.id)
            .join(Campaign, Post.campaign_id == Campaign.id)
            .join(Account, Delivery.account_id == Account.id)
            .where(
                Account.name == account_name,
                Account.state == AccountState.OK,
                Delivery.state.in_(DUE_STATES),
                Post.state == PostState.APPROVED,
                Campaign.paused.is_(False),
            )
            .group_by(Account.rate_limited_until, Account.paced_until)
        ).first()
    if row is None or row[0] is None:
        return None
    wake = max(moment for moment in row if moment is not None)
    seconds = (wake - now).total_seconds()
    return seconds if seconds > 0 else HELD_RECHECK_S


class ChangeWatcher:
    """Calls `changed` whenever the posts, deliveries, accounts or campaigns change."""

    def __init__(
        self,
        database: Database,
        stop: threading.Event,
        changed: Callable[[], None],
        sqlite_check_s: float,
    ) -> None:
        self.database = database
        self.sqlite_check_s = sqlite_check_s
        self.stop = stop
        self.changed = changed
        self._thread = threading.Thread(target=self._run, name="change-watcher", daemon=True)
        self._listen_connection: Any = None
        self._sqlite_connection: Any = None
        self._last_counter: tuple[int, int | None] = (-1, None)

    def start(self) -> None:
        """Start listening (or read the counter) now, before the lanes' first look, so a
        change made between that look and the watcher's first round is not missed."""
        if self.database.is_postgres:
            self._listen_connection = self._listening()
        else:
            self._sqlite_connection = self.database.engine.raw_connection()
            self._last_counter = self._counter()
        self._thread.start()

    def _run(self) -> None:
        try:
            if self.database.is_postgres:
                self._wait_for_notifications()
            else:
                self._watch_counter()
        except Exception:
            log.exception("the change watcher failed; lanes look every %g s", MAX_SLEEP_S)

    def _listening(self) -> Any:
        import psycopg

        url = self.database.engine.url.set(drivername="postgresql")
        connection = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
        connection.execute(f"LISTEN {CHANNEL}")
        return connection

    def _wait_for_notifications(self) -> None:
        with self._listen_connection as connection:
            while not self.stop.is_set():
                for _ in connection.notifies(timeout=LISTEN_CHECK_S, stop_after=1):
                    self.changed()

    def _counter(self) -> tuple[int, int | None]:
        """(data_version, the change counter); the counter is read only when another
        connection committed since the last look."""
        cursor = self._sqlite_connection.cursor()
        cursor.execute("PRAGMA data_version")
        version = cursor.fetchone()[0]
        if self._last_counter[0] == version:
            return self._last_counter
        cursor.execute("SELECT counter FROM change_marker WHERE id = 1")
        row = cursor.fetchone()
        return version, row[0] if row else None

    def _watch_counter(self) -> None:
        try:
            while not self.stop.wait(self.sqlite_check_s):
                counter = self._counter()
                if counter[1] != self._last_counter[1]:
                    self.changed()
                self._last_counter = counter
        finally:
            self._sqlite_connection.close()
