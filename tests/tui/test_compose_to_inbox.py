"""The path the comms team walks every day, driven by real keystrokes: compose a post that
is too long for X, see it refused, fix it, save it, approve it in the queue; then filter
the inbox to negative replies and override a label."""

from __future__ import annotations

from sqlalchemy import select
from textual import events
from textual.widgets import Input, TextArea

from campaign.db import Database
from campaign.models import Post, PostState, Reply
from campaign.tui.leuchtturm_app import LeuchtturmApp
from campaign.tui.widgets.live_table import LiveTable
from campaign.tui.widgets.platform_counter import PlatformCounter
from tests.tui.conftest import SIZE, open_table, start_compose, wait_until

PASTED = "Dortmund arbeitet neu. " * 12  # 23 * 12 = 276 characters
TYPED = "Mitmachen!"  # 276 + 10 = 286: six over X's 280


def _post(database: Database, key: str) -> Post | None:
    with database.session() as session:
        return session.scalar(select(Post).where(Post.key == key))


async def test_compose_refuses_too_long_then_saves_and_approves(
    app: LeuchtturmApp, database: Database
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        accounts = await start_compose(pilot, "neue-arbeit")
        await pilot.press("end", "space")  # bluesky-todo, mastodon-todo, x-todo: the last
        assert accounts.selected == ["x-todo"]
        base = app.screen.query_one("#base", TextArea)
        base.focus()
        app.post_message(events.Paste(PASTED))  # as the terminal delivers a paste
        await pilot.press(*TYPED)

        counter = app.screen.query_one("#counter-x", PlatformCounter)
        assert counter.has_class("-over")
        assert "286/280" in str(counter.render())
        assert "6 zu viel" in str(counter.render())
        assert not app.screen.query_one("#counter-mastodon", PlatformCounter).display

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("Nicht gespeichert" in str(n.message) for n in app._notifications)
        assert _post(database, "neue-arbeit") is None

        await pilot.press(*["backspace"] * 6)
        assert not counter.has_class("-over")
        assert "280/280" in str(counter.render())
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: _post(database, "neue-arbeit") is not None)
        saved = _post(database, "neue-arbeit")
        assert saved is not None and saved.state == PostState.DRAFT
        assert app.screen.query_one("#when", Input).value == "2026-11-24 11:00"

        await pilot.press("escape", "2")  # the queue opens on today: yesterday's post is not shown
        table = app.screen.query_one(LiveTable)
        await wait_until(pilot, lambda: table.row_count == 1)
        table.focus()
        assert table.selected_key == str(saved.id)
        await pilot.press("a")
        await wait_until(
            pilot,
            lambda: _post(database, "neue-arbeit").state == PostState.APPROVED,  # type: ignore[union-attr]
        )
        await wait_until(pilot, lambda: "freigegeben" in str(table.get_row(str(saved.id))))


def _reply(database: Database, text_start: str) -> Reply:
    with database.session() as session:
        return session.scalars(select(Reply).where(Reply.text.startswith(text_start))).one()


async def test_inbox_filters_negative_and_overrides_a_label(
    app: LeuchtturmApp, database: Database
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        table = await open_table(pilot, "4", 3)
        await pilot.press("s", "s", "s")  # any → positive → neutral → negative
        await wait_until(pilot, lambda: table.row_count == 1)
        negative = _reply(database, "Schon wieder")
        assert table.selected_key == str(negative.id)

        await pilot.press("equals_sign")
        await wait_until(pilot, lambda: _reply(database, "Schon wieder").human_label == "neutral")
        assert _reply(database, "Schon wieder").sentiment_label == "negative"
        await wait_until(pilot, lambda: table.row_count == 0)
