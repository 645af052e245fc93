"""Übersicht: what is due next, the last 24 hours, broken accounts, the daemon's
heartbeat and a 7-day sparkline of reply volume with the sentiment split."""

from __future__ import annotations

from sqlalchemy.orm import Session
from textual import work
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widgets import Label, Sparkline, Static
from textual.worker import get_current_worker

from campaign.services import dashboard
from campaign.services.dashboard import DaemonHealth, DaySentiment, Overview
from campaign.times import shown
from campaign.tui.data_text import CELL_LIMIT, data_lines, data_text
from campaign.tui.screens.base import DataScreen
from content.outside_text import inert_line
from words import t

SENTIMENT_REFRESH_SECONDS = 60.0
"""A week's split barely moves in a minute, and counting it reads a week of replies."""


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

    The quick figures refresh with every screen; the 7-day chart has its own slower worker
    so the first screen does not wait for a week of replies to be counted.
    """

    SUB_TITLE = "screen.dashboard"  # a catalogue key, worded when the screen is made

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

        def __init__(self, days: list[DaySentiment]) -> None:
            super().__init__()
            self.days = days

    def on_mount(self) -> None:
        super().on_mount()
        self.every(SENTIMENT_REFRESH_SECONDS, self.reload_sentiment, "sentiment")

    def load(self, session: Session) -> Overview:
        return dashboard.overview(session, self.now(), self.leuchtturm.settings.zone)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sentiment")
    def reload_sentiment(self) -> None:
        with self.leuchtturm.database.session() as session:
            days = dashboard.sentiment_by_day(session, self.now(), self.leuchtturm.settings.zone)
        if not get_current_worker().is_cancelled:
            self.post_message(self.SentimentLoaded(days))

    def on_dashboard_screen_sentiment_loaded(self, message: SentimentLoaded) -> None:
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
        self.query_one("#daemon", Static).update(data_text(daemon_line(data.daemon)))
        self.query_one("#daemon", Static).set_class(not data.daemon.running, "-down")
        due = [
            inert_line(f"{shown(d.due_at, d.zone)}  {d.post_key} → {d.account}", limit=CELL_LIMIT)
            for d in data.due
        ]
        self.query_one("#due", Static).update(data_lines("\n".join(due) or t("none")))
        states = [
            f"{t(f'delivery.{state}')}: {count}"
            for state, count in sorted(data.last_day_states.items())
        ]
        self.query_one("#last-day", Static).update(data_lines("\n".join(states) or t("none")))
        broken = [
            inert_line(f"{name}: {t(f'account.{state}')} – {reason or ''}", limit=CELL_LIMIT)
            for name, state, reason in data.broken_accounts
        ]
        self.query_one("#broken", Static).update(data_lines("\n".join(broken) or t("none")))
