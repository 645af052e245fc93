"""Wand: the live wall moderated from the TUI with real keystrokes, decisions in the
database with their audit events, hostile authors shown as plain text."""

from __future__ import annotations

from sqlalchemy import select

from campaign.db import Database
from campaign.models import Event, Reply, WallBlock, WallEntry
from campaign.tui.leuchtturm_app import LeuchtturmApp
from campaign.tui.screens.wall import WallScreen
from tests.tui.conftest import FROZEN, SIZE, column, open_table, wait_until

HOSTILE_AUTHOR = "[@click=app.quit]boss[/]\x1b[2J\u202e"


def _decision(database: Database, reply_id: int) -> tuple[str, bool] | None:
    with database.session() as session:
        entry = session.scalars(select(WallEntry).where(WallEntry.source_id == reply_id)).first()
        return None if entry is None else (entry.state, entry.pinned)


def _newest_reply(database: Database) -> int:
    with database.session() as session:
        return session.scalars(select(Reply.id).order_by(Reply.created_at.desc())).first()


async def test_approve_pin_hide_and_block_from_the_wand_screen(
    app: LeuchtturmApp, database: Database
) -> None:
    newest = _newest_reply(database)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_table(pilot, "8", 3)
        assert isinstance(app.screen, WallScreen)
        assert column(table, 3) == ["wartet"] * 3
        await pilot.press("a")
        await wait_until(pilot, lambda: _decision(database, newest) == ("approved", False))
        await wait_until(pilot, lambda: column(table, 3)[0] == "frei")
        await pilot.press("p")
        await wait_until(pilot, lambda: _decision(database, newest) == ("approved", True))
        await wait_until(pilot, lambda: column(table, 3)[0] == "frei 📌")
        await pilot.press("h")
        await wait_until(pilot, lambda: _decision(database, newest) == ("hidden", False))
        await wait_until(pilot, lambda: column(table, 3)[0] == "ausgeblendet")
        await pilot.press("b")
        await wait_until(pilot, lambda: column(table, 3)[0] == "gesperrt")
        await pilot.press("b")  # and back
        await wait_until(pilot, lambda: column(table, 3)[0] == "ausgeblendet")
    with database.session() as session:
        kinds = session.scalars(
            select(Event.kind).where(Event.kind.startswith("wall.")).order_by(Event.id)
        ).all()
        assert session.scalars(select(WallBlock)).all() == []
    assert kinds == [
        "wall.approved",
        "wall.pinned",
        "wall.hidden",
        "wall.blocked",
        "wall.unblocked",
    ]


async def test_a_hostile_author_is_plain_text_on_the_wand_screen(
    app: LeuchtturmApp, database: Database
) -> None:
    with database.session() as session:
        reply = session.scalars(select(Reply)).first()
        session.add(
            Reply(
                platform="mastodon",
                remote_id="hostile",
                delivery_id=reply.delivery_id,
                in_reply_to_id="111",
                author_handle=HOSTILE_AUTHOR,
                text="<script>alert(1)</script> \x1b]0;Titel\x07",
                created_at=FROZEN,
            )
        )
    async with app.run_test(size=SIZE) as pilot:
        table = await open_table(pilot, "8", 4)
        assert column(table, 2)[0] == "[@click=app.quit]boss[/]"
        assert column(table, 4)[0].rstrip() == "<script>alert(1)</script>"
        await pilot.click("#wall-table")  # a click on the markup must not run app.quit
        assert app.is_running
