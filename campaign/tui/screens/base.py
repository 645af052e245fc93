"""What every Leuchtturm screen shares: header, alerts banner, footer and a live reload.

A screen says what it reads (`load`, run in a thread worker with its own session) and how
it shows it (`show`); the base re-reads every `refresh_seconds` so changes made by the
daemon appear without a restart, and never blocks input while the database works.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, cast

from sqlalchemy.orm import Session
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header
from textual.worker import Worker, WorkerState, get_current_worker

from campaign.services.dashboard import Alert, open_alerts
from campaign.tui.widgets.alerts_banner import AlertsBanner
from campaign.tui.worded_bindings import WordedBindings
from words import t

if TYPE_CHECKING:
    from campaign.tui.leuchtturm_app import LeuchtturmApp


class DataScreen(WordedBindings, Screen[None]):
    """A screen whose content comes from the database and refreshes itself."""

    refresh_seconds: ClassVar[float] = 2.0
    """How often the screen re-reads; a screen whose read is costly waits longer."""

    class Loaded(Message):
        """A worker finished reading: the screen's data and the open alerts."""

        def __init__(self, data: Any, alerts: list[Alert]) -> None:
            super().__init__()
            self.data = data
            self.alerts = alerts

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = t(self.SUB_TITLE) if self.SUB_TITLE else ""
        self.reads_shown = 0
        """How many reads the screen has shown: 0 until its first data is on screen."""
        self._read_timers: list[Timer] = []

    @property
    def leuchtturm(self) -> LeuchtturmApp:
        """The app, typed: its database, settings and clock."""
        return cast("LeuchtturmApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield AlertsBanner(id="alerts")
        yield from self.compose_body()
        yield Footer(compact=True)  # less space between keys: more of them fit on 100 columns

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets."""
        yield from ()

    def on_mount(self) -> None:
        self.every(self.refresh_seconds, self.reload, "reload")

    def every(self, seconds: float, read: Callable[[], object], group: str) -> None:
        """Run `read` now and every `seconds` while the screen is shown, not while hidden.

        A tick is skipped while the previous read of `group` still runs: the reads are
        exclusive, so on a slow database each tick would cancel the one before and
        nothing would ever be shown.
        """

        def tick() -> None:
            if not self._reading(group):
                read()

        self._read_timers.append(self.set_interval(seconds, tick))
        read()

    def _reading(self, group: str) -> bool:
        """Whether a read of `group` started by this screen is still running."""
        return any(
            worker.node is self and worker.group == group and not worker.is_finished
            for worker in self.app.workers
        )

    def on_screen_suspend(self) -> None:
        for timer in self._read_timers:
            timer.pause()

    def on_screen_resume(self) -> None:
        """Read again on coming back; a screen shown for the first time is reading already.

        A second read beside the first would cancel it and, on a busy database, double
        the wait for the first rows.
        """
        for timer in self._read_timers:
            timer.resume()
        if not self._reading("reload"):
            self.reload()

    def load(self, session: Session) -> Any:
        """Read what the screen shows (runs in a worker thread)."""
        return None

    def show(self, data: Any) -> None:
        """Show what `load` read (runs on the UI thread)."""

    @work(thread=True, exclusive=True, exit_on_error=False, group="reload")
    def reload(self) -> None:
        with self.leuchtturm.database.session() as session:
            data = self.load(session)
            alerts = open_alerts(session, self.leuchtturm.settings.zone)
        if not get_current_worker().is_cancelled:  # a newer read (e.g. new filter) is under way
            self.post_message(self.Loaded(data, alerts))

    def on_data_screen_loaded(self, message: Loaded) -> None:
        self.reads_shown += 1
        self.leuchtturm.alerts = message.alerts
        self.query_one(AlertsBanner).show_alerts(message.alerts)
        self.show(message.data)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every failed worker becomes a notification that says what went wrong.

        Worker state messages do not bubble, so the screen that owns the workers listens.
        """
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.notify(t("error", message=str(event.worker.error)), severity="error", timeout=10)

    def now(self) -> datetime:
        """The app's clock (frozen in tests)."""
        return self.leuchtturm.clock()

    @work(thread=True, exit_on_error=False, group="write")
    def write(
        self, change: Callable[[Session], str], then: Callable[[], object] | None = None
    ) -> None:
        """Apply one change through the services, tell the user, and re-read; `then` runs
        on the UI thread once the change is committed (never after a refused one)."""
        with self.leuchtturm.database.session() as session:
            done = change(session)
        self.app.call_from_thread(self.app.notify, done)
        if then is not None:
            self.app.call_from_thread(then)
        self.app.call_from_thread(self.reload)
