"""Probleme: what the error counter of the Übersicht stands for, one line each.

Deliveries that failed or wait for a person, with their reasons and what to do, and
accounts that cannot post. Opened from the Übersicht (`e`, or a click on the daemon line);
Escape goes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy.orm import Session
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from campaign.services import dashboard
from campaign.services.dashboard import DaemonHealth, FlaggedDelivery
from campaign.state_words import delivery_state
from campaign.tui.data_text import data_lines
from campaign.tui.screens.base import DataScreen
from words import t

SHOWN = 200
"""A screen of problems is read, not scrolled through by the thousand."""


@dataclass(frozen=True)
class Problems:
    flagged: list[FlaggedDelivery]
    flagged_total: int
    broken_accounts: list[tuple[str, str, str | None]]
    daemon: DaemonHealth


class ProblemsScreen(DataScreen):
    """Read-only; each line names the post, the account, the reason and the key to act."""

    SUB_TITLE = "screen.problems"  # a catalogue key, worded when the screen is made

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "key.back")]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="problems"):
            yield Static(id="problems-list")

    def load(self, session: Session) -> Problems:
        return Problems(
            dashboard.flagged_deliveries(session, limit=SHOWN),
            dashboard.flagged_count(session),
            dashboard.broken_accounts(session, self.leuchtturm.settings.zone),
            dashboard.daemon_health(session, self.now()),
        )

    def show(self, data: Problems) -> None:
        lines = [t("problems.deliveries", total=data.flagged_total)]
        lines += [
            t(
                "problems.delivery",
                post_id=row.post_id,
                post=row.post_key,
                account=row.account,
                state=delivery_state(row.state),
                reason=row.error or "–",
            )
            for row in data.flagged
        ]
        if data.flagged_total > len(data.flagged):
            shown = t("status.flagged_shown", shown=len(data.flagged), total=data.flagged_total)
            lines.append(f"  {shown}")
        if data.broken_accounts:
            lines.append(t("problems.accounts"))
            lines += [
                t("problems.account", name=name, state=t(f"account.{state}"), reason=reason or "–")
                for name, state, reason in data.broken_accounts
            ]
        if data.daemon.errors:
            lines.append(t("problems.daemon_errors", errors=data.daemon.errors))
        self.query_one("#problems-list", Static).update(data_lines("\n".join(lines)))

    def action_back(self) -> None:
        self.app.pop_screen()
