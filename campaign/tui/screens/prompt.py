"""A question in a modal: a one-line answer (the new time when rescheduling), or yes/no
(before cancelling a post)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from campaign.tui.data_text import data_lines
from campaign.tui.worded_bindings import WordedBindings
from words import t


class PromptScreen(WordedBindings, ModalScreen[str | None]):
    """Enter answers, Escape cancels (None)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_empty", "key.back")]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Label(data_lines(self.question))
            yield Input(self.value, id="prompt-input")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_dismiss_empty(self) -> None:
        self.dismiss(None)


class ConfirmScreen(WordedBindings, ModalScreen[bool]):
    """j (or y, Enter) says yes, n (or Escape) says no; the keys are written in the dialog,
    so nobody has to guess how to answer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,y,enter", "answer(True)", "key.yes"),
        Binding("n,escape", "answer(False)", "key.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label(data_lines(self.question))
            yield Label(t("confirm.keys"), classes="keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
