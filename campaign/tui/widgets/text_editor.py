"""A text area where Ctrl+A selects the whole text, as in the editors people write in.

Textual's TextArea binds Ctrl+A to "line start" (an Emacs habit); a person who selects all
to replace a draft would instead type at the start of the line. Home still goes there.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import TextArea


class TextEditor(TextArea):
    """TextArea with Ctrl+A = select all (shown so in the keys panel)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+a", "select_all", "textual.select_all", show=False),
    ]
