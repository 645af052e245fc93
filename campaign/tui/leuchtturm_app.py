"""The Textual app: seven screens as modes, global keys, alerts actions, worker errors.

Import it through `campaign.tui.app.make_app`, which fixes the language first: key labels
are translated when this module loads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from campaign.config import Settings
from campaign.db import Database
from campaign.people import Person
from campaign.services.dashboard import Alert
from campaign.tui.changes import Change, pausing, resuming
from campaign.tui.commands import SCREEN_MODES, ScreenCommands
from campaign.tui.i18n import t
from campaign.tui.screens.accounts import AccountsScreen
from campaign.tui.screens.base import DataScreen
from campaign.tui.screens.campaigns import CampaignsScreen
from campaign.tui.screens.compose import ComposeScreen
from campaign.tui.screens.dashboard import DashboardScreen
from campaign.tui.screens.inbox import InboxScreen
from campaign.tui.screens.queue import QueueScreen
from campaign.tui.screens.reports import ReportsScreen


class LeuchtturmApp(App[None]):
    """Keyboard-first: 1–7 switch screens, ! and ^ pause and resume the alert's campaign."""

    CSS_PATH = "app.tcss"
    TITLE = t("title")
    COMMANDS = App.COMMANDS | {ScreenCommands}
    MODES: ClassVar = {
        "dashboard": DashboardScreen,
        "queue": QueueScreen,
        "compose": ComposeScreen,
        "inbox": InboxScreen,
        "campaigns": CampaignsScreen,
        "accounts": AccountsScreen,
        "reports": ReportsScreen,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(number), f"switch_mode('{mode}')", t(f"screen.{mode}"), show=False)
            for number, mode in enumerate(SCREEN_MODES, start=1)
        ),
        Binding("question_mark", "help", t("key.help")),
        Binding("exclamation_mark", "pause_alerted", t("key.pause")),
        Binding("circumflex_accent", "resume_alerted", t("key.resume")),
    ]

    def __init__(
        self,
        database: Database,
        settings: Settings,
        clock: Callable[[], datetime],
        person: Person,
    ) -> None:
        super().__init__()
        self.database = database
        self.settings = settings
        self.clock = clock
        self.person = person
        """Who acts: every approval, comment and change from the TUI is theirs."""
        self.alerts: list[Alert] = []

    def on_mount(self) -> None:
        self.switch_mode("dashboard")

    def limits(self) -> dict[str, int | None]:
        """Each account's text limit override (a Mastodon instance may allow more)."""
        return {account.name: account.max_characters for account in self.settings.accounts}

    def action_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.notify(t("help.body"), title=t("help.title"), timeout=8)
            self.action_show_help_panel()

    def _alerted_campaign(self) -> str | None:
        for alert in self.alerts:
            if alert.campaign_slug:
                return alert.campaign_slug
        self.notify(t("alerts.no_campaign"), severity="warning")
        return None

    def action_pause_alerted(self) -> None:
        slug = self._alerted_campaign()
        if slug is not None:
            reason = t("paused.reason", message=self.alerts[0].message)
            self._write(pausing(slug, reason, self.person.name))

    def action_resume_alerted(self) -> None:
        slug = self._alerted_campaign()
        if slug is not None:
            self._write(resuming(slug, self.person.name))

    def _write(self, change: Change) -> None:
        if isinstance(self.screen, DataScreen):
            self.screen.write(change)
