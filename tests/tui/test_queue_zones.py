"""The queue shows a post at its campaign's local time (New York here, while the team's
configured zone is Berlin), its delivery's stored reason and its trail in that zone too,
never in UTC; rescheduling and Verfassen read the typed time there."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from textual.widgets import Input, Label, Select, Static, TextArea

from campaign.db import Database
from campaign.models import Post
from campaign.services import posts
from campaign.tui.leuchtturm_app import LeuchtturmApp
from tests.new_york import AT, seed_new_york
from tests.tui.conftest import SIZE, column, open_table, start_compose, wait_until


def _seed_new_york(database: Database) -> int:
    return seed_new_york(database, "x-todo", "hallo-ny")


def _text(app: LeuchtturmApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_queue_row_detail_and_trail_in_new_york_time(
    app: LeuchtturmApp, database: Database
) -> None:
    post_id = _seed_new_york(database)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_table(pilot, "2", 1)
        assert column(table, 2) == ["hallo-ny"]
        assert column(table, 0) == ["2026-11-24 09:30"]
        await wait_until(pilot, lambda: "x-todo" in _text(app, "#post-detail"))
        detail = _text(app, "#post-detail")
        assert "zum Senden freigegeben für 2026-11-24 09:30" in detail
        assert "+00:00" not in detail and "14:30" not in detail

        await pilot.press("e")  # reschedule: the prompt offers and reads New York time
        prompt = app.screen.query_one(Input)
        assert prompt.value == "2026-11-24 09:30"
        prompt.value = "2026-11-24 11:00"
        await pilot.press("enter")
        await wait_until(pilot, lambda: column(table, 0) == ["2026-11-24 11:00"])
        with database.session() as session:
            assert posts.get_post(session, post_id).scheduled_at == AT.replace(hour=16, minute=0)
        await wait_until(pilot, lambda: "verschoben von" in _text(app, "#post-trail"))
        trail = _text(app, "#post-trail")
        assert "verschoben von 2026-11-24 09:30 auf 2026-11-24 11:00" in trail
        assert "+00:00" not in trail


async def test_compose_reads_the_time_in_the_chosen_campaigns_zone(
    app: LeuchtturmApp, database: Database
) -> None:
    _seed_new_york(database)
    async with app.run_test(size=SIZE) as pilot:
        accounts_list = await start_compose(pilot, "spaeter")
        await pilot.press("end", "space")  # x-todo
        label = app.screen.query_one("#when-label", Label)
        assert "Europe/Berlin" in str(label.render())  # no campaign chosen yet
        app.screen.query_one("#campaign", Select).value = "ny"
        await wait_until(pilot, lambda: "America/New_York" in str(label.render()))
        app.screen.query_one("#when", Input).value = "2026-11-25 09:30"
        app.screen.query_one("#base", TextArea).text = "Bis morgen, New York"
        assert accounts_list.selected == ["x-todo"]
        await pilot.press("ctrl+s")

        def saved() -> datetime | None:
            with database.session() as session:
                found = session.scalars(select(Post).where(Post.key == "spaeter")).first()
                return found.scheduled_at if found else None

        await wait_until(pilot, lambda: saved() is not None)
        assert saved() == datetime(2026, 11, 25, 14, 30, tzinfo=UTC)
