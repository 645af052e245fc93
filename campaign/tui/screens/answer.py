"""The answer to one reply, written in a modal with the platform's live counter."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, TextArea

from campaign.tui.data_text import data_lines, data_text
from campaign.tui.widgets.platform_counter import PlatformCounter
from campaign.tui.widgets.text_editor import TextEditor
from campaign.tui.worded_bindings import WordedBindings
from content.check import CheckResult, check_text
from content.platforms import Platform
from words import language, t


class AnswerScreen(WordedBindings, ModalScreen[str | None]):
    """Ctrl+S sends (only when the text fits), Escape goes back without sending; both keys
    are written under the text and in the footer, so nobody has to guess how to send."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "key.send", priority=True),
        Binding("escape", "back", "key.back"),
    ]

    def __init__(self, author: str, quoted: str, platform: Platform, limit: int | None) -> None:
        super().__init__()
        self.author = author
        self.quoted = quoted
        self.platform = platform
        self.limit = limit

    def compose(self) -> ComposeResult:
        with Vertical(id="answer"):
            yield Label(data_text(t("inbox.answer_title", author=self.author)))
            yield Label(data_lines(self.quoted), classes="quoted")
            yield TextEditor(id="answer-text", soft_wrap=True)
            yield PlatformCounter(classes="counter")
            yield Label(t("inbox.answer_keys"), id="answer-keys", classes="keys")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(PlatformCounter).show_result(self._check())
        self.query_one(TextArea).focus()

    def _check(self) -> CheckResult:
        text = self.query_one(TextArea).text
        return check_text(self.platform, text, limit=self.limit)

    def on_text_area_changed(self, _: TextArea.Changed) -> None:
        self.query_one(PlatformCounter).show_result(self._check())

    def action_send(self) -> None:
        result = self._check()
        if not result.ok:
            problems = " ".join(v.text(language()) for v in result.violations)
            self.notify(t("compose.refused", problems=problems), severity="error")
            return
        self.dismiss(self.query_one(TextArea).text)

    def action_back(self) -> None:
        self.dismiss(None)
