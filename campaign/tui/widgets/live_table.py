"""A DataTable that takes whole row sets, updates them in place, and fits the screen.

A live screen re-reads its rows every few seconds; clearing and refilling the table would
flicker and lose the cursor, so unchanged rows stay, changed cells are updated, and only a
different set or order of rows, or new column widths, rebuild the table (keeping the cursor
on the same key).

One rule lays out every table (`fitted_widths`): the text column (post text, reply text,
a reason) takes the width the other columns leave, recomputed when the terminal is
resized, so that no column is pushed off a 100-column screen and a wide screen shows more
text. A cell wider than its column ends in "…"; the detail pane shows it whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from campaign.tui.data_text import inert_cell

Cell = str | Text
Row = tuple[str, Sequence[Cell]]

TEXT_SHARE = 0.4
"""The share of the width the text column wants before the other columns give up some."""
CROPPED_LEAST = 8
"""The narrowest a croppable column becomes (or its label, when that is wider)."""


@dataclass(frozen=True)
class Heading:
    """A column's label, and whether its cells must never be cropped."""

    label: str
    whole: bool = False
    """A time reads wrong when cut: such a column keeps its width when room is short."""


def fitted_widths(
    labels: Sequence[int],
    contents: Sequence[int],
    *,
    fill: int,
    whole: frozenset[int],
    room: int,
    padding: int,
) -> list[int]:
    """Each column's width (without padding) so that the columns fill `room` cells.

    Every column but `fill` is as wide as its label and widest cell; the `fill` column
    gets what remains. When that is less than its text needs, up to `TEXT_SHARE` of the
    room, the others give up width, the one with most to spare first, down to
    `CROPPED_LEAST` or their label, never a `whole` one.
    """
    natural = [max(label, content) for label, content in zip(labels, contents, strict=True)]
    floors = [
        width if index in whole else min(width, max(labels[index], CROPPED_LEAST))
        for index, width in enumerate(natural)
    ]
    widths = list(natural)
    widths[fill] = 0
    spare = room - padding * len(widths) - sum(widths)
    wants = min(room * TEXT_SHARE, natural[fill])
    while spare < wants:
        give, index = max((widths[i] - floors[i], i) for i in range(len(widths)) if i != fill)
        if give <= 0:
            break
        widths[index] -= 1
        spare += 1
    widths[fill] = max(spare, labels[fill])
    return widths


class LiveTable(DataTable[Cell]):
    """Rows keyed by a stable id; j/k move like the arrows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    def __init__(
        self, columns: Sequence[str | Heading], *, fill: int = -1, id: str | None = None
    ) -> None:
        """`fill` is the index of the text column, the one that takes the remaining width."""
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._headings = [
            column if isinstance(column, Heading) else Heading(column) for column in columns
        ]
        self._fill = range(len(self._headings))[fill]
        self._shown: list[Row] = []
        self._widths: list[int] = []

    def on_mount(self) -> None:
        self._rebuild([], self._fitted([]))

    def on_resize(self, _: events.Resize) -> None:
        widths = self._fitted(self._shown)
        if widths != self._widths:
            self._rebuild(self._shown, widths)

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
        rows = [(key, tuple(_cropping(inert_cell(cell)) for cell in cells)) for key, cells in rows]
        widths = self._fitted(rows)
        shown_keys = [key for key, _ in self._shown]
        if widths == self._widths and [key for key, _ in rows[: len(shown_keys)]] == shown_keys:
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
        self._rebuild(rows, widths)

    def _fitted(self, rows: Sequence[Row]) -> list[int]:
        """The widths `fitted_widths` gives these rows at the table's present size."""
        labels = [Text(heading.label).cell_len for heading in self._headings]
        contents = [
            max((_width(cells[index]) for _, cells in rows), default=0)
            for index in range(len(self._headings))
        ]
        room = self.size.width
        if room and len(rows) + self.header_height > self.size.height:
            room -= self.styles.scrollbar_size_vertical
        if not room:  # not laid out yet: the first resize fits the columns
            return [max(pair) for pair in zip(labels, contents, strict=True)]
        whole = frozenset(i for i, heading in enumerate(self._headings) if heading.whole)
        return fitted_widths(
            labels,
            contents,
            fill=self._fill,
            whole=whole,
            room=room,
            padding=2 * self.cell_padding,
        )

    def _rebuild(self, rows: Sequence[Row], widths: list[int]) -> None:
        """Columns at `widths` and `rows` anew, the cursor kept on the same key."""
        keep = self.selected_key
        self.clear(columns=True)
        for heading, width in zip(self._headings, widths, strict=True):
            self.add_column(Text(heading.label), width=width)
        for key, cells in rows:
            self.add_row(*cells, key=key)
        self._shown = list(rows)
        self._widths = widths
        keys = [key for key, _ in rows]
        if keep in keys:
            self.move_cursor(row=keys.index(keep), animate=False)


def _width(cell: Cell) -> int:
    return Text(cell).cell_len if isinstance(cell, str) else cell.cell_len


def _cropping(cell: Text) -> Text:
    """The cell ending in "…" where its column is narrower than it."""
    if cell.overflow == "ellipsis" and cell.no_wrap:
        return cell
    cropped = cell.copy()
    cropped.overflow = "ellipsis"
    cropped.no_wrap = True
    return cropped
