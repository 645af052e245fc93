"""Übersicht: what is due next, the last 24 hours, broken accounts, the daemon's
heartbeat and a 7-day sparkline of reply volume with the sentiment split."""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy.orm import Session
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widgets import Label, Sparkline, Static
from textual.worker import get_current_worker

from campaign.services import dashboard
from campaign.services.dashboard import DaemonHealth, DaySentiment, Overview
from campaign.state_words import delivery_state
from campaign.times import shown
from campaign.tui.data_text import CELL_LIMIT, data_lines, data_text
from campaign.tui.screens.base import DataScreen
from campaign.tui.screens.problems import ProblemsScreen
from content.outside_text import inert_line
from words import t

SENTIMENT_REFRESH_SECONDS = 60.0
"""Counting the split reads a week of replies: it is read again when new replies arrive
(seen by the quick refresh), and at this pace for labels people change."""


def daemon_line(health: DaemonHealth) -> str:
    """Running / last seen N s ago / not running."""
    if health.last_seen is None:
        return t("dash.daemon_never")
    seconds = round(health.last_seen.total_seconds())
    if health.running:
        return t(
            "dash.daemon_running",
            seconds=seconds,
            queue=health.queue_length,
            errors=health.errors,
        )
    return t("dash.daemon_stale", seconds=seconds)


class DashboardScreen(DataScreen):
    """Read-only; every figure comes from a bounded SQL aggregate.

    The quick figures refresh with every screen; the 7-day chart has its own worker so the
    first screen does not wait for a week of replies to be counted. The quick refresh sees
    the newest reply, and a new one starts that worker, so the chart follows arrivals
    within one refresh instead of a minute.
    """

    SUB_TITLE = "screen.dashboard"  # a catalogue key, worded when the screen is made

    BINDINGS: ClassVar[list[BindingType]] = [Binding("e", "problems", "key.problems")]

    def compose_body(self) -> ComposeResult:
        yield Static(id="daemon")
        with Grid(id="dashboard"):
            with Vertical(classes="panel"):
                yield Label(t("dash.due"), classes="panel-title")
                yield Static(id="due")
            with Vertical(classes="panel"):
                yield Label(t("dash.last_day"), classes="panel-title")
                yield Static(id="last-day")
            with Vertical(classes="panel"):
                yield Label(t("dash.broken"), classes="panel-title")
                yield Static(id="broken")
            with Vertical(classes="panel"):
                yield Label(t("dash.sentiment"), classes="panel-title")
                yield Sparkline([], id="volume")
                yield Sparkline([], id="negative")
                yield Static(id="split")

    class SentimentLoaded(Message):
        """The 7-day split was read."""

        def __init__(self, days: list[DaySentiment], newest_reply_id: int | None) -> None:
            super().__init__()
            self.days = days
            self.newest_reply_id = newest_reply_id

    def __init__(self) -> None:
        super().__init__()
        self.replies_counted: int | None = None
        """The newest reply the shown split has counted."""

    def on_mount(self) -> None:
        super().on_mount()
        self.every(SENTIMENT_REFRESH_SECONDS, self.reload_sentiment, "sentiment")

    def action_problems(self) -> None:
        """What the error counter stands for: flagged deliveries and their reasons."""
        self.app.push_screen(ProblemsScreen())

    def on_click(self, event: events.Click) -> None:
        """A click on the daemon line (its error counter) opens the problems too."""
        if event.widget is not None and event.widget.id == "daemon":
            self.action_problems()

    def load(self, session: Session) -> Overview:
        return dashboard.overview(session, self.now(), self.leuchtturm.settings.zone)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sentiment")
    def reload_sentiment(self) -> None:
        with self.leuchtturm.database.session() as session:
            newest = dashboard.newest_reply_id(session)
            days = dashboard.sentiment_by_day(session, self.now(), self.leuchtturm.settings.zone)
        if not get_current_worker().is_cancelled:
            self.post_message(self.SentimentLoaded(days, newest))

    def on_dashboard_screen_sentiment_loaded(self, message: SentimentLoaded) -> None:
        self.replies_counted = message.newest_reply_id
        days = message.days
        self.query_one("#volume", Sparkline).data = [day.total for day in days]
        self.query_one("#negative", Sparkline).data = [day.negative for day in days]
        self.query_one("#split", Static).update(
            data_lines(
                t(
                    "dash.split",
                    total=sum(day.total for day in days),
                    positive=sum(day.positive for day in days),
                    neutral=sum(day.neutral for day in days),
                    negative=sum(day.negative for day in days),
                )
            )
        )

    def show(self, data: Overview) -> None:
        if data.newest_reply_id != self.replies_counted and not self._reading("sentiment"):
            self.reload_sentiment()
        self.query_one("#daemon", Static).update(data_text(daemon_line(data.daemon)))
        self.query_one("#daemon", Static).set_class(not data.daemon.running, "-down")
        due = [
            inert_line(f"{shown(d.due_at, d.zone)}  {d.post_key} → {d.account}", limit=CELL_LIMIT)
            for d in data.due
        ]
        self.query_one("#due", Static).update(data_lines("\n".join(due) or t("none")))
        states = [
            f"{delivery_state(state)}: {count}"
            for state, count in sorted(data.last_day_states.items())
        ]
        self.query_one("#last-day", Static).update(data_lines("\n".join(states) or t("none")))
        broken = [
            inert_line(f"{name}: {t(f'account.{state}')} – {reason or ''}", limit=CELL_LIMIT)
            for name, state, reason in data.broken_accounts
        ]
        self.query_one("#broken", Static).update(data_lines("\n".join(broken) or t("none")))
