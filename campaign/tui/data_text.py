"""Data on screen: every string from the database becomes a Rich `Text`, never markup.

Textual parses a plain string given to a table cell, a label, a `Static` or a notification
as markup, so a reply reading `[@click=app.quit]` would run an action and a stray `[/]`
would kill the screen. `Text` is shown as it is; `inert` removes what would drive the
terminal. Our own posts and campaign names pass here too: they are typed by people.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from content.outside_text import inert, inert_line

CELL_LIMIT = 200
"""A table cell shows an excerpt; the detail pane below the table shows the whole text."""
DETAIL_LIMIT = 5_000


def data_text(value: object, *, limit: int = CELL_LIMIT, style: str | Style = "") -> Text:
    """One line of data as inert `Text` (a cell, a label, a title)."""
    return Text(inert_line(str(value), limit=limit), style=style, end="")


def data_lines(value: object, *, limit: int = DETAIL_LIMIT) -> Text:
    """Several lines of data as inert `Text` (a detail pane, a quoted reply, a message)."""
    return Text(inert(str(value), limit=limit, tabs=False), end="")


def inert_cell(cell: str | Text) -> Text:
    """A table cell as inert `Text`; a `Text` built by a screen keeps its style."""
    if isinstance(cell, Text):
        if inert_line(cell.plain, limit=CELL_LIMIT) == cell.plain:
            return cell
        return data_text(cell.plain, style=cell.style)
    return data_text(cell)
