"""Wand: moderate the live wall on the studio's screen.

The newest items with what was decided about them; a approves, h hides (the item leaves
every open wall within two seconds), p pins or unpins, b blocks or lets back the author.
Every decision goes through `campaign.services.wall` with its audit event, the same as
`leuchtturm wall approve|hide|pin|block`, and is confirmed in the CLI's words; the wall
server only reads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from sqlalchemy.orm import Session
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from campaign.services import wall
from campaign.services.wall import ItemState, WallItem, WallKey
from campaign.times import shown
from campaign.tui.screens.base import DataScreen
from campaign.tui.widgets.live_table import Heading, LiveTable, Row
from content.outside_text import inert, inert_line
from words import t

STATE_STYLES = {
    ItemState.PENDING: "yellow",
    ItemState.APPROVED: "green",
    ItemState.HIDDEN: "dim",
    ItemState.BLOCKED: "bold red",
}


class WallScreen(DataScreen):
    """a approve · h hide · p pin · b block the author."""

    SUB_TITLE = "screen.wall"  # a catalogue key, worded when the screen is made

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "approve", "key.wall_approve"),
        Binding("h", "hide", "key.wall_hide"),
        Binding("p", "pin", "key.wall_pin"),
        Binding("b", "block", "key.wall_block"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[WallItem] = []

    def compose_body(self) -> ComposeResult:
        yield Static(id="wall-mode", classes="filters")
        yield LiveTable(
            [
                Heading(t("col.when"), whole=True),
                t("col.platform"),
                t("col.from"),
                t("col.status"),
                t("col.text"),
            ],
            id="wall-table",
        )
        yield Static(id="wall-detail", classes="detail")

    def load(self, session: Session) -> list[WallItem]:
        return wall.candidates(session, self.leuchtturm.settings.wall)

    def show(self, data: list[WallItem]) -> None:
        self.items = data
        settings = self.leuchtturm.settings.wall
        self.query_one("#wall-mode", Static).update(
            Text(
                t(
                    f"wall.mode.{settings.moderation}",
                    campaign=settings.campaign or t("any"),
                    seconds=round(settings.delay_seconds),
                )
            )
        )
        self.query_one(LiveTable).show_rows([self._row(item) for item in data])
        self._show_detail()

    def _row(self, item: WallItem) -> Row:
        state = t(f"wall.state.{item.state}") + (" 📌" if item.pinned else "")
        cells = (
            shown(item.created_at, self.leuchtturm.settings.zone),
            item.platform,
            Text(inert_line(item.author_handle, limit=40)),
            Text(state, style=STATE_STYLES[item.state]),
            Text(inert_line(item.text, limit=80)),
        )
        return str(item.key), cells

    def _selected(self) -> WallItem | None:
        key = self.query_one(LiveTable).selected_key
        return next((item for item in self.items if str(item.key) == key), None)

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        item = self._selected()
        detail = (
            ""
            if item is None
            else f"{inert_line(item.author_handle, limit=200)}: "
            f"{inert(item.text, limit=500, tabs=False)}"
        )
        self.query_one("#wall-detail", Static).update(Text(detail))

    def _decide(self, decide: Callable[[Session, WallKey], str]) -> None:
        item = self._selected()
        if item is None:
            return
        self.write(lambda session: decide(session, item.key))

    def action_approve(self) -> None:
        def approve(session: Session, key: WallKey) -> str:
            wall.approve(session, key)
            return t("wall.approved", item=key)

        self._decide(approve)

    def action_hide(self) -> None:
        def hide(session: Session, key: WallKey) -> str:
            wall.hide(session, key)
            return t("wall.hidden", item=key)

        self._decide(hide)

    def action_pin(self) -> None:
        item = self._selected()
        pinned = item is not None and not item.pinned

        def pin(session: Session, key: WallKey) -> str:
            wall.pin(session, key, pinned=pinned)
            return t("wall.pinned" if pinned else "wall.unpinned", item=key)

        self._decide(pin)

    def action_block(self) -> None:
        item = self._selected()
        unblock = item is not None and item.state == ItemState.BLOCKED

        def block(session: Session, key: WallKey) -> str:
            author = (wall.unblock if unblock else wall.block)(session, key)
            message = "wall.unblocked" if unblock else "wall.blocked"
            return t(
                message, author=inert_line(author.author_handle, limit=40), platform=author.platform
            )

        self._decide(block)
