"""The Textual app: eight screens as modes, global keys, alerts actions, worker errors.

Import it through `campaign.tui.app.make_app`, which fixes the language first: key labels
are translated when this module loads.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import ThemeProvider

from campaign.config import Settings
from campaign.db import Database
from campaign.people import Person
from campaign.redaction import redact
from campaign.services import capabilities
from campaign.services.dashboard import Alert
from campaign.tui.changes import Change, pausing, resuming
from campaign.tui.commands import SCREEN_MODES, ScreenCommands
from campaign.tui.data_text import CELL_LIMIT, DETAIL_LIMIT
from campaign.tui.screens.accounts import AccountsScreen
from campaign.tui.screens.base import DataScreen
from campaign.tui.screens.campaigns import CampaignsScreen
from campaign.tui.screens.compose import ComposeScreen
from campaign.tui.screens.dashboard import DashboardScreen
from campaign.tui.screens.inbox import InboxScreen
from campaign.tui.screens.queue import QueueScreen
from campaign.tui.screens.reports import ReportsScreen
from campaign.tui.screens.wall import WallScreen
from content.outside_text import inert, inert_line
from words import t


class LeuchtturmApp(App[None]):
    """Keyboard-first: 1–8 switch screens, ! and ^ pause and resume the alert's campaign."""

    CSS_PATH = "app.tcss"
    TITLE = "app.title"  # a catalogue key, worded when the app is made
    COMMANDS = App.COMMANDS | {ScreenCommands}
    MODES: ClassVar = {
        "dashboard": DashboardScreen,
        "queue": QueueScreen,
        "compose": ComposeScreen,
        "inbox": InboxScreen,
        "campaigns": CampaignsScreen,
        "accounts": AccountsScreen,
        "reports": ReportsScreen,
        "wall": WallScreen,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(number), f"switch_mode('{mode}')", f"screen.{mode}", show=False)
            for number, mode in enumerate(SCREEN_MODES, start=1)
        ),
        Binding("question_mark", "help", "key.help"),
        Binding("q", "quit", "key.quit", show=False),
        Binding("exclamation_mark", "pause_alerted", "key.pause", show=False),
        Binding("circumflex_accent", "resume_alerted", "key.resume", show=False),
        Binding(
            App.COMMAND_PALETTE_BINDING,
            "command_palette",
            "textual.palette",
            show=False,
            priority=True,
            tooltip="textual.palette_tooltip",
        ),
    ]

    def __init__(
        self,
        database: Database,
        settings: Settings,
        clock: Callable[[], datetime],
        person: Person,
    ) -> None:
        super().__init__()
        self.title = t(self.TITLE)
        self.database = database
        self.settings = settings
        self.clock = clock
        self.person = person
        """Who acts: every approval, comment and change from the TUI is theirs."""
        self.alerts: list[Alert] = []
        self._limits: dict[str, int | None] | None = None

    def on_mount(self) -> None:
        self.switch_mode("dashboard")

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification as plain, redacted text: messages quote keys, slugs and errors.

        Widgets pass `markup=True` by default; it is ignored on purpose, so that no
        notification anywhere parses data as markup.
        """
        super().notify(
            inert(redact(inert(message)), limit=DETAIL_LIMIT, tabs=False),
            title=inert_line(redact(title), limit=CELL_LIMIT),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Open `url` in a browser and say so; where none opens (a server, a container),
        show the address, so that it can be copied instead of nothing happening.

        Textual's terminal driver ignores whether `webbrowser` found a browser; served in
        a web page, the page opens it.
        """
        if self._driver is not None and self._driver.is_web:
            super().open_url(url, new_tab=new_tab)
            return
        try:
            opened = webbrowser.open(url, new=2 if new_tab else 0)
        except (webbrowser.Error, OSError):
            opened = False
        if opened:
            self.notify(t("open.opened", url=url))
        else:
            self.notify(t("open.no_browser", url=url), severity="warning", timeout=20)

    def limits(self) -> dict[str, int | None]:
        """Each account's text limit: config.toml's override, else what its platform said
        (kept on the account row by the daemon and `accounts verify`); read once."""
        if self._limits is None:
            with self.database.session() as session:
                self._limits = capabilities.character_limits(session, self.settings)
        return self._limits

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's system commands (theme, quit, keys, maximise, screenshot), worded."""
        yield SystemCommand(
            t("textual.command.theme"), t("textual.command.theme_help"), self.action_change_theme
        )
        yield SystemCommand(
            t("textual.command.quit"), t("textual.command.quit_help"), self.action_quit
        )
        if screen.query("HelpPanel"):
            yield SystemCommand(
                t("textual.command.keys"),
                t("textual.command.keys_hide"),
                self.action_hide_help_panel,
            )
        else:
            yield SystemCommand(
                t("textual.command.keys"),
                t("textual.command.keys_show"),
                self.action_show_help_panel,
            )
        if screen.maximized is not None:
            yield SystemCommand(
                t("textual.command.minimize"),
                t("textual.command.minimize_help"),
                screen.action_minimize,
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                t("textual.command.maximize"),
                t("textual.command.maximize_help"),
                screen.action_maximize,
            )
        yield SystemCommand(
            t("textual.command.screenshot"),
            t("textual.command.screenshot_help"),
            lambda: self.set_timer(0.1, self.deliver_screenshot),
        )

    def action_command_palette(self) -> None:
        """The command palette, with its placeholder in the reader's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(placeholder=t("textual.palette_placeholder"), id="--command-palette")
            )

    def search_themes(self) -> None:
        """The theme search, with its placeholder in the reader's language."""
        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder=t("textual.theme_placeholder"))
        )

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
