"""Übersicht: what is due next, the last 24 hours, broken accounts, the daemon's
heartbeat and a 7-day sparkline of reply volume with the sentiment split."""

from __future__ import annotations

from sqlalchemy.orm import Session
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Label, Sparkline, Static

from campaign.services import dashboard
from campaign.services.dashboard import DaemonHealth, Overview
from campaign.tui.i18n import t
from campaign.tui.local_time import shown
from campaign.tui.screens.base import DataScreen


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
    """Read-only; every figure comes from one bounded SQL aggregate."""

    SUB_TITLE = t("screen.dashboard")

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

    def load(self, session: Session) -> Overview:
        return dashboard.overview(session, self.now(), self.leuchtturm.settings.zone)

    def show(self, data: Overview) -> None:
        zone = self.leuchtturm.settings.zone
        self.query_one("#daemon", Static).update(daemon_line(data.daemon))
        self.query_one("#daemon", Static).set_class(not data.daemon.running, "-down")
        due = [f"{shown(d.due_at, zone)}  {d.post_key} → {d.account}" for d in data.due]
        self.query_one("#due", Static).update("\n".join(due) or t("none"))
        states = [f"{state}: {count}" for state, count in sorted(data.last_day_states.items())]
        self.query_one("#last-day", Static).update("\n".join(states) or t("none"))
        broken = [
            f"{name}: {state} – {reason or ''}" for name, state, reason in data.broken_accounts
        ]
        self.query_one("#broken", Static).update("\n".join(broken) or t("none"))
        self.query_one("#volume", Sparkline).data = [day.total for day in data.sentiment]
        self.query_one("#negative", Sparkline).data = [day.negative for day in data.sentiment]
        self.query_one("#split", Static).update(
            t(
                "dash.split",
                total=sum(day.total for day in data.sentiment),
                positive=sum(day.positive for day in data.sentiment),
                neutral=sum(day.neutral for day in data.sentiment),
                negative=sum(day.negative for day in data.sentiment),
            )
        )
