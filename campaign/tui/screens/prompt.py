"""A one-line question in a modal, e.g. the new time when rescheduling."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from campaign.tui.data_text import data_lines
from campaign.tui.worded_bindings import WordedBindings


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
