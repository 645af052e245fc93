"""The headless daemon: APScheduler is the clock, the database is the truth.

Jobs are module-level functions taking the daemon's id (APScheduler 3.x style); they find
the running daemon's state in `_RUNNING`. No job store is used: the database is re-read
whenever work may be due. Each configured account has its own dispatch lane (a thread), so
a slow or rate-limited platform never delays the others' posts; an idle lane sleeps until
its next delivery is due or the database signals a change (see `wakeup`).
"""

from __future__ import annotations

import fcntl
import logging
import os
import random
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from campaign import lifecycle
from campaign.config import Settings
from campaign.daemon.alerts import HEARD, check_spikes
from campaign.daemon.classify import classify_pending, has_unclassified
from campaign.daemon.collect import CollectPolicy, collect
from campaign.daemon.dispatch import (
    DUE_STATES,
    DispatchPolicy,
    claim_due,
    reconcile_interrupted,
    send,
)
from campaign.daemon.listen import Listener
from campaign.daemon.poll_results import PollPolicy, read_polls
from campaign.daemon.wakeup import (
    HELD_RECHECK_S,
    MAX_SLEEP_S,
    ChangeWatcher,
    seconds_until_due,
)
from campaign.db import Database
from campaign.errors import UserError
from campaign.models import Account, AccountState, Delivery, DeliveryState, Heartbeat
from campaign.privacy.retention import purge
from campaign.services import accounts, capabilities, events, followers
from campaign.services.verification import connector_settings
from connectors.base import Connector
from connectors.errors import AuthExpired, ConnectorError
from connectors.registry import create_connector
from connectors.serialised import Serialised
from sentiment.base import Classifier
from words import t
from words.coded import Coded, CodedError

log = logging.getLogger("leuchtturm.daemon")
# A job still running at its next interval is skipped on purpose (max_instances=1,
# coalesce): not worth a warning every half second.
logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)
logging.getLogger("apscheduler.executors.default").setLevel(logging.ERROR)
_RUNNING: dict[str, Daemon] = {}
CLAIM_BATCH = 5
OTHER_JOBS = 9
"""Worker threads for the scheduled jobs (the lanes have their own): collect, listen,
classify, heartbeat, alerts, report, the privacy purge, the model preload, and one spare so a
long collection never starves the heartbeat."""
PURGE_JOB = "privacy-purge"

def utc_now() -> datetime:
    """The daemon's default clock."""
    return datetime.now(UTC)


class RunningDaemon:
    """What `Daemon.start` hands back: the scheduler, the lanes and the change watcher,
    stopped together by `shutdown`."""

    def __init__(self, daemon: Daemon, scheduler: BackgroundScheduler) -> None:
        self.daemon = daemon
        self.scheduler = scheduler

    def shutdown(self, wait: bool = True) -> None:
        """Stop the lanes after the call in flight, then the scheduler's jobs."""
        self.daemon.stop_event.set()
        self.daemon.wake_lanes()
        if wait:
            for thread in self.daemon.lane_threads:
                thread.join()
        self.scheduler.shutdown(wait=wait)


class ConnectorPool:
    """One connector per account, built on first use with the secret from the environment.

    The dispatch lane and the collect job ask for the same account's connector from two
    threads; each gets it behind `Serialised`, so their calls never overlap beyond the
    connector's `max_concurrency`. It runs on the daemon's clock (tokens expire on it).
    """

    def __init__(self, settings: Settings, clock: Callable[[], datetime] | None = None) -> None:
        self._settings = settings
        self._clock = clock
        self._connectors: dict[str, Connector] = {}
        self._lock = threading.Lock()

    def __call__(self, account_name: str) -> Connector:
        with self._lock:
            if account_name not in self._connectors:
                configured = self._settings.account(account_name)
                self._connectors[account_name] = Serialised(
                    create_connector(connector_settings(self._settings, configured), self._clock)
                )
            return self._connectors[account_name]


def _sqlite_lock(database: Database) -> IO[str] | None:
    """Refuse a second daemon on the same SQLite file (PostgreSQL shares by claiming)."""
    url = make_url(database.engine.url)
    if url.get_backend_name() != "sqlite" or not url.database:
        return None
    path = Path(url.database).with_suffix(".daemon.lock")
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise UserError(t("error.daemon_locked", database=url.database, lock=path)) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


@dataclass
class Daemon:
    """A running daemon's state, shared by its jobs."""

    database: Database
    settings: Settings
    clock: Callable[[], datetime] = utc_now
    connector_for: Callable[[str], Connector] | None = None
    classifier_loader: Callable[[], Classifier] | None = None
    daemon_id: str = field(default_factory=lambda: f"{socket.gethostname()}-{uuid.uuid4().hex[:8]}")
    stop_event: threading.Event = field(default_factory=threading.Event)
    errors: int = 0
    preload_classifier: bool = False
    """Load the model at start (the demo: replies arrive within seconds) rather than when
    the first replies wait (a server stays small while nobody answers)."""
    _classifier: Classifier | None = None
    _classifier_failed: bool = False
    _classifier_lock: threading.Lock = field(default_factory=threading.Lock)
    _lock_file: IO[str] | None = None
    _started_at: datetime | None = None
    lane_threads: list[threading.Thread] = field(default_factory=list)
    _lane_wakes: dict[str, threading.Event] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.connector_for = self.connector_for or ConnectorPool(self.settings, self.clock)
        daemon = self.settings.daemon
        self.dispatch_policy = DispatchPolicy(
            max_attempts=daemon.max_attempts,
            backoff_base=timedelta(seconds=daemon.backoff_base_seconds),
            grace=timedelta(minutes=daemon.grace_minutes),
            catch_up_spacing=timedelta(seconds=daemon.catch_up_spacing_seconds),
        )
        self.collect_policy = CollectPolicy(
            fresh_every=timedelta(minutes=daemon.collect_fresh_minutes),
            old_every=timedelta(minutes=daemon.collect_old_minutes),
        )
        self.listener = Listener(
            self.database, self.settings, self.connector_for, self.clock, self._collect_error
        )
        self.rng = random.Random()
        self.limits: dict[str, int | None] = {
            a.name: a.max_characters for a in self.settings.accounts
        }
        """Text limits for validation at sending time; the platforms' own from `start`."""

    # lifecycle ------------------------------------------------------------------------
    def start(self) -> RunningDaemon:
        """Take the lock, reconcile what a crash left behind, and start the jobs."""
        self._lock_file = _sqlite_lock(self.database)
        self._started_at = self.clock()
        with self.database.session() as session:
            accounts.sync_from_config(session, self.settings)
        recovered = reconcile_interrupted(
            self.database, self.clock(), only_stale=self.database.is_postgres
        )
        if recovered:
            log.warning("%d deliveries were interrupted while sending; recovering them", recovered)
        _RUNNING[self.daemon_id] = self
        self.beat()
        lanes = [account.name for account in self.settings.accounts]
        self._prepare_connectors(lanes)
        for account_name, waiting in self.unserved_accounts(lanes).items():
            log.warning(
                "%d deliveries wait on account %s, which is not in this daemon's config.toml",
                waiting,
                account_name,
            )
        scheduler = BackgroundScheduler(
            timezone=UTC, executors={"default": ThreadPoolExecutor(OTHER_JOBS)}
        )
        poll = self.settings.daemon.poll_seconds
        common = {"args": [self.daemon_id], "max_instances": 1, "coalesce": True}
        scheduler.add_job(collect_job, "interval", seconds=max(poll, 5.0), **common)
        scheduler.add_job(
            listen_job, "interval", seconds=self.settings.listening.every_seconds, **common
        )
        scheduler.add_job(classify_job, "interval", seconds=max(poll, 2.0), **common)
        scheduler.add_job(heartbeat_job, "interval", seconds=max(poll, 2.0), **common)
        scheduler.add_job(alerts_job, "interval", seconds=30, **common)
        reports = self.settings.reports
        scheduler.add_job(
            report_job,
            "cron",
            day_of_week=reports.weekday,
            hour=reports.at.hour,
            minute=reports.at.minute,
            timezone=self.settings.zone,
            misfire_grace_time=3600,
            **common,
        )
        privacy = self.settings.privacy
        scheduler.add_job(
            purge_job,
            "cron",
            id=PURGE_JOB,
            hour=privacy.purge_at.hour,
            minute=privacy.purge_at.minute,
            timezone=self.settings.zone,
            next_run_time=utc_now(),  # also now: a daemon that was down at night catches up
            misfire_grace_time=3600,
            **common,
        )
        if self.preload_classifier:
            scheduler.add_job(preload_classifier_job, args=[self.daemon_id])  # once, now
        scheduler.start()
        self._start_lanes(lanes)
        log.info("daemon %s started", self.daemon_id)
        return RunningDaemon(self, scheduler)

    def _start_lanes(self, lanes: list[str]) -> None:
        """One thread per account, and one watcher that wakes them on a change."""
        self._lane_wakes = {account_name: threading.Event() for account_name in lanes}
        watcher = ChangeWatcher(
            self.database, self.stop_event, self.wake_lanes, self.settings.daemon.dispatch_seconds
        )
        self.lane_threads = [
            threading.Thread(target=self._lane, args=(name,), name=f"lane-{name}", daemon=True)
            for name in lanes
        ]
        watcher.start()
        for thread in self.lane_threads:
            thread.start()

    def wake_lanes(self) -> None:
        """Something changed (or the daemon stops): every lane looks again now."""
        for wake in self._lane_wakes.values():
            wake.set()

    def _lane(self, account_name: str) -> None:
        """Send what is due on one account, then sleep until the next is due or a change."""
        wake = self._lane_wakes[account_name]
        while not self.stop_event.is_set():
            wake.clear()
            try:
                self.dispatch(account_name)
                delay = seconds_until_due(self.database, account_name, self.clock())
            except Exception:
                self.errors += 1
                log.exception("dispatch on %s failed; it looks again shortly", account_name)
                delay = HELD_RECHECK_S
            wake.wait(MAX_SLEEP_S if delay is None else min(delay, MAX_SLEEP_S))

    def _prepare_connectors(self, lanes: list[str]) -> None:
        """Build each account's connector now, so the first post due is not late by an import,
        and keep what its platform allows on the account row (validation, counters and
        reports read it there).

        A connector that cannot be built (a missing secret) is only logged here: the lane
        marks the account broken and holds its posts when one falls due.
        """
        assert self.connector_for is not None
        for account_name in lanes:
            try:
                limits = self.connector_for(account_name).limits()
            except ConnectorError as error:
                log.error("account %s cannot be used: %s", account_name, error.message)
                continue
            with self.database.session() as session:
                capabilities.record(accounts.by_name(session, account_name), limits)
        with self.database.session() as session:
            self.limits = capabilities.character_limits(session, self.settings)

    def unserved_accounts(self, lanes: list[str]) -> dict[str, int]:
        """Accounts with deliveries waiting but no lane here (removed from config.toml).

        Only said, not marked broken: on PostgreSQL another daemon may well serve them.
        """
        with self.database.session() as session:
            rows = session.execute(
                select(Account.name, func.count(Delivery.id))
                .join(Delivery, Delivery.account_id == Account.id)
                .where(Delivery.state.in_(DUE_STATES), Account.name.not_in(lanes))
                .group_by(Account.name)
            )
            return {name: count for name, count in rows}

    def run_until_stopped(self) -> None:
        """Run until `stop_event` is set (SIGTERM/SIGINT), then finish the call in flight."""
        running = self.start()
        try:
            self.stop_event.wait()
        finally:
            running.shutdown(wait=True)
            self.stopped()

    def stopped(self) -> None:
        """Record a clean stop and release the lock."""
        _RUNNING.pop(self.daemon_id, None)
        with self.database.session() as session:
            beat = session.get(Heartbeat, self.daemon_id)
            if beat is not None:
                beat.stopped_at = self.clock()
        if self._lock_file is not None:
            self._lock_file.close()
        log.info("daemon %s stopped", self.daemon_id)

    # work -----------------------------------------------------------------------------
    def dispatch(self, account_name: str | None = None) -> int:
        """Claim due deliveries (of one account's lane, or all) and send them in order.

        Returns how many were sent. A lane claims a few at a time: a claim marks the
        delivery *sending*, and a crash makes every claimed one go through recovery.
        """
        assert self.connector_for is not None
        claimed = claim_due(
            self.database,
            self.daemon_id,
            self.clock(),
            self.dispatch_policy,
            CLAIM_BATCH,
            account_name,
            shared_queue=self.database.is_postgres,
        )
        sent = 0
        for index, delivery_id in enumerate(claimed):
            if self.stop_event.is_set():
                self._release(claimed[index:])
                break
            state = send(
                self.database,
                self.daemon_id,
                delivery_id,
                self.connector_for,
                self.dispatch_policy,
                self.clock,
                self.rng,
                self.limits.get,
            )
            sent += state == DeliveryState.SENT
        return sent

    def _release(self, delivery_ids: list[int]) -> None:
        """Give back claims not yet started, so a stop never strands them in *sending*."""
        with self.database.session() as session:
            for delivery_id in delivery_ids:
                delivery = session.get_one(Delivery, delivery_id)
                if delivery.state == DeliveryState.SENDING:
                    lifecycle.release(session, delivery, Coded("reason.stopped"), self.clock())

    def collect(self) -> tuple[int, int]:
        """One round of reply and metric collection; each account's followers once a day."""
        assert self.connector_for is not None
        followers.count_followers(
            self.database, self.connector_for, self.settings.zone, self.clock, self._collect_error
        )
        policy = PollPolicy.following(self.collect_policy.fresh_every)
        read_polls(self.database, self.connector_for, policy, self.clock, self._collect_error)
        return collect(
            self.database, self.connector_for, self.collect_policy, self.clock, self._collect_error
        )

    def listen(self) -> int:
        """One listening round: mentions, quotes, the campaigns' hashtags and keywords."""
        return self.listener.round()

    def _collect_error(self, account_name: str, error: ConnectorError) -> None:
        self.errors += 1
        log.warning("collecting for %s failed: %s", account_name, error.message)
        if isinstance(error, AuthExpired):
            with self.database.session() as session:
                row = accounts.by_name(session, account_name)
                reason = Coded("reason.platform", {"message": error.message})
                accounts.set_state(session, row, AccountState.BROKEN, reason)

    def classifier(self) -> Classifier | None:
        """The classifier, loaded on first use; None without a usable model (said once).

        The preload job and the classify job may both ask at first: one loads, one waits.
        """
        with self._classifier_lock:
            if self._classifier is None and not self._classifier_failed:
                try:
                    self._classifier = (self.classifier_loader or self._load_classifier)()
                except Exception as error:  # the model or the sentiment extra is missing
                    self._classifier_failed = True
                    log.error("sentiment model unavailable, replies stay unclassified: %s", error)
                    with self.database.session() as session:
                        said = error.coded if isinstance(error, CodedError) else str(error)
                        events.record(session, "alert.sentiment_unavailable", said)
            return self._classifier

    def classify(self) -> int:
        """Label new replies in batches; without a usable model, keep running."""
        if self._classifier_failed or not has_unclassified(self.database):
            return 0
        classifier = self.classifier()
        if classifier is None:
            return 0
        total = 0
        batch = self.settings.sentiment.batch_size * 2
        while not self.stop_event.is_set():
            done = classify_pending(self.database, classifier, self.clock, batch)
            total += done
            if done < batch:
                break
        return total

    def _load_classifier(self) -> Classifier:
        from sentiment.loader import load_classifier

        return load_classifier(self.settings.sentiment)

    def check_alerts(self) -> int:
        """Raise negative-spike alerts; returns how many were raised."""
        daemon, listening, now = self.settings.daemon, self.settings.listening, self.clock()
        raised = check_spikes(self.database, now, daemon.spike_z, daemon.spike_min_replies)
        heard = check_spikes(
            self.database, now, listening.spike_z, listening.spike_min_posts, HEARD
        )
        for what, checks in (("replies", raised), ("collected posts", heard)):
            for check in checks:
                log.warning(
                    "negative spike in the %s of campaign %s (z=%.1f)",
                    what,
                    check.campaign_id,
                    check.z,
                )
        return len(raised) + len(heard)

    def write_reports(self) -> list[Path]:
        """Write last week's summary into the configured folder (Monday morning)."""
        from campaign.reports.files import write_weekly_reports

        written = write_weekly_reports(self.database, self.settings, self.clock())
        log.info("weekly report written: %s", ", ".join(str(path) for path in written))
        return written

    def purge(self) -> int:
        """Delete posts by others older than the retention (their counts stay); in small
        batches, so the lanes' claims never wait long behind it."""
        summary = purge(self.database, self.clock(), self.settings.privacy.retention_days)
        if summary.posts:
            log.info("privacy purge: %d posts before %s deleted", summary.posts, summary.cutoff)
        return summary.posts

    def beat(self) -> None:
        """Write the heartbeat row; on PostgreSQL also take over dead daemons' claims."""
        now = self.clock()
        if self.database.is_postgres:
            taken = reconcile_interrupted(self.database, now, only_stale=True)
            if taken:
                log.warning("%d deliveries of a stopped daemon taken over", taken)
        with self.database.session() as session:
            queue = session.scalar(
                select(func.count(Delivery.id)).where(Delivery.state.in_(DUE_STATES))
            )
            broken = session.scalar(
                select(func.count(Account.id)).where(Account.state != AccountState.OK)
            )
            beat = session.get(Heartbeat, self.daemon_id)
            if beat is None:
                beat = Heartbeat(
                    daemon_id=self.daemon_id,
                    host=socket.gethostname(),
                    pid=os.getpid(),
                    started_at=self._started_at or now,
                    last_tick=now,
                )
                session.add(beat)
            beat.last_tick = now
            beat.queue_length = queue or 0
            beat.broken_accounts = broken or 0
            beat.errors = self.errors


def _guarded(daemon_id: str, work: Callable[[Daemon], object]) -> None:
    daemon = _RUNNING.get(daemon_id)
    if daemon is None:
        return
    try:
        work(daemon)
    except Exception:
        daemon.errors += 1
        log.exception("job failed; it runs again at its next interval")


def collect_job(daemon_id: str) -> None:
    """APScheduler job: fetch replies and metrics."""
    _guarded(daemon_id, Daemon.collect)


def listen_job(daemon_id: str) -> None:
    """APScheduler job: read what the city posts (hashtags, keywords, mentions, quotes)."""
    _guarded(daemon_id, Daemon.listen)


def classify_job(daemon_id: str) -> None:
    """APScheduler job: label new replies."""
    _guarded(daemon_id, Daemon.classify)


def preload_classifier_job(daemon_id: str) -> None:
    """APScheduler job (once, at start): load the sentiment model ahead of the replies."""
    _guarded(daemon_id, Daemon.classifier)


def alerts_job(daemon_id: str) -> None:
    """APScheduler job: look for negative spikes."""
    _guarded(daemon_id, Daemon.check_alerts)


def report_job(daemon_id: str) -> None:
    """APScheduler job: the weekly summary."""
    _guarded(daemon_id, Daemon.write_reports)


def purge_job(daemon_id: str) -> None:
    """APScheduler job: the nightly privacy purge (and once at start)."""
    _guarded(daemon_id, Daemon.purge)


def heartbeat_job(daemon_id: str) -> None:
    """APScheduler job: say we are alive."""
    _guarded(daemon_id, Daemon.beat)
