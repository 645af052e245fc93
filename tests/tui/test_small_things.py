"""Small things that cost trust: q quits as the help says, Verfassen ticks the accounts
and shows which are ticked."""

from __future__ import annotations

from textual.widgets import Input, SelectionList

from campaign.tui.leuchtturm_app import LeuchtturmApp
from tests.tui.conftest import SIZE, wait_until


async def test_q_quits_as_the_help_says(app: LeuchtturmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.press("q")
        await wait_until(pilot, lambda: app.return_code is not None)


async def test_compose_ticks_every_account_and_shows_the_tick(app: LeuchtturmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        accounts = app.screen.query_one("#accounts", SelectionList)
        await wait_until(pilot, lambda: accounts.option_count == 3)
        assert sorted(accounts.selected) == ["bluesky-todo", "mastodon-todo", "x-todo"]
        for state in ("", "-highlighted"):
            off = accounts.get_component_rich_style(f"selection-list--button{state}")
            on = accounts.get_component_rich_style(f"selection-list--button-selected{state}")
            assert off.color == off.bgcolor, "an unticked box shows no mark"
            assert on.color != on.bgcolor and on.bold


async def test_q_in_a_text_field_is_a_letter(app: LeuchtturmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.click("#key")
        await pilot.press(*"quiz")
        await wait_until(pilot, lambda: app.screen.query_one("#key", Input).value == "quiz")
        assert app.return_code is None
