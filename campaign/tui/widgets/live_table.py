"""A DataTable that takes whole row sets and updates them in place.

A live screen re-reads its rows every few seconds; clearing and refilling the table would
flicker and lose the cursor, so unchanged rows stay, changed cells are updated, and only a
different set or order of rows rebuilds the table (keeping the cursor on the same key).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from campaign.tui.data_text import inert_cell

Cell = str | Text
Row = tuple[str, Sequence[Cell]]


class LiveTable(DataTable[Cell]):
    """Rows keyed by a stable id; j/k move like the arrows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    def __init__(self, columns: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._column_labels = list(columns)
        self._shown: list[Row] = []

    def on_mount(self) -> None:
        self.add_columns(*self._column_labels)

    @property
    def selected_key(self) -> str | None:
        """The key of the row under the cursor, None for an empty table."""
        if not self._shown or not 0 <= self.cursor_row < len(self._shown):
            return None
        return self._shown[self.cursor_row][0]

    def show_rows(self, rows: Sequence[Row]) -> None:
        """Make the table show exactly `rows`, touching as little as possible.

        Every cell is shown as inert `Text`: a plain string would be parsed as markup.
        """
        rows = [(key, tuple(inert_cell(cell) for cell in cells)) for key, cells in rows]
        shown_keys = [key for key, _ in self._shown]
        if [key for key, _ in rows[: len(shown_keys)]] == shown_keys:
            # Same rows, perhaps with more below (the next page): update, then append.
            columns = list(self.columns)
            for (key, cells), (_, old) in zip(rows, self._shown, strict=False):
                for column, cell, before in zip(columns, cells, old, strict=True):
                    if cell != before:
                        self.update_cell(key, column, cell)
            for key, cells in rows[len(shown_keys) :]:
                self.add_row(*cells, key=key)
            self._shown = rows
            return
        keep = self.selected_key
        self.clear()
        for key, cells in rows:
            self.add_row(*cells, key=key)
        self._shown = rows
        keys = [key for key, _ in rows]
        if keep in keys:
            self.move_cursor(row=keys.index(keep), animate=False)
