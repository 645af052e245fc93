"""Verfassen as people expect it: Ctrl+A selects all, Ctrl+N starts a new post, a saved
post leaves an empty form and says what was saved in words, a half-written one survives
a look at another screen."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, SelectionList, TabbedContent, TextArea

from campaign.tui.leuchtturm_app import LeuchtturmApp
from tests.tui.conftest import SIZE, start_compose, wait_until

NEXT_HOUR = "2026-11-24 11:00"
"""The frozen clock is 09:00 UTC, 10:00 in Dortmund: a new post is at the next full hour."""


def _notes(app: LeuchtturmApp) -> list[str]:
    return [str(note.message) for note in app._notifications]


async def test_ctrl_a_selects_the_whole_text_as_the_keys_panel_says(app: LeuchtturmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        base = app.screen.query_one("#base", TextArea)
        base.focus()
        base.insert("Erste Zeile\nzweite Zeile")
        await pilot.press("ctrl+a")
        assert base.selected_text == "Erste Zeile\nzweite Zeile"
        described = app.screen.active_bindings["ctrl+a"].binding.description
        assert described == "Alles markieren"
        await pilot.press("N")
        assert base.text == "N"


async def _fill(app: LeuchtturmApp, pilot) -> None:  # type: ignore[no-untyped-def]
    screen = app.screen
    screen.query_one("#key", Input).value = "halb"
    screen.query_one("#when", Input).value = "2026-12-01 12:00"
    screen.query_one("#base", TextArea).insert("Ein halber Gedanke")
    screen.query_one("#variant-mastodon", TextArea).insert("Für Mastodon")
    screen.query_one("#spoiler", Input).value = "Baustelle"
    screen.query_one("#poll-options", TextArea).insert("Ja\nNein")
    screen.query_one("#poll-hours", Input).value = "24"
    screen.query_one("#poll-multiple", Checkbox).value = True
    screen.query_one("#texts", TabbedContent).active = "tab-poll"
    screen.query_one("#accounts", SelectionList).deselect("x-todo")
    await pilot.pause()


async def test_ctrl_n_starts_a_new_post_with_every_account_ticked(app: LeuchtturmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        accounts = app.screen.query_one("#accounts", SelectionList)
        await wait_until(pilot, lambda: accounts.option_count == 3)
        await _fill(app, pilot)
        await pilot.press("ctrl+n")
        screen = app.screen
        assert screen.active_bindings["ctrl+n"].binding.description == "Neuer Beitrag"
        for field in ("#key", "#spoiler", "#poll-hours", "#media-path", "#survey-url"):
            assert screen.query_one(field, Input).value == "", field
        for area in ("#base", "#variant-mastodon", "#poll-options"):
            assert screen.query_one(area, TextArea).text == "", area
        assert screen.query_one("#when", Input).value == NEXT_HOUR
        assert screen.query_one("#poll-multiple", Checkbox).value is False
        assert screen.query_one("#texts", TabbedContent).active == "tab-base"
        assert sorted(accounts.selected) == ["bluesky-todo", "mastodon-todo", "x-todo"]


async def test_a_saved_post_leaves_an_empty_form_and_says_what_was_saved(
    app: LeuchtturmApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        accounts = await start_compose(pilot, "depot")
        accounts.select("mastodon-todo")
        app.screen.query_one("#base", TextArea).insert("Heute um 18 Uhr im Depot.")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Beitrag depot gespeichert (Entwurf)." in _notes(app))
        key = app.screen.query_one("#key", Input)
        await wait_until(pilot, lambda: key.value == "")
        assert app.screen.query_one("#base", TextArea).text == ""
        assert sorted(accounts.selected) == ["bluesky-todo", "mastodon-todo", "x-todo"]


async def test_a_refused_save_keeps_the_form(app: LeuchtturmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        app.screen.query_one("#base", TextArea).insert("Ohne Schlüssel")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any("Nicht gespeichert" in n for n in _notes(app)))
        assert app.screen.query_one("#base", TextArea).text == "Ohne Schlüssel"


async def test_a_half_written_post_survives_a_look_at_another_screen(
    app: LeuchtturmApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        accounts = app.screen.query_one("#accounts", SelectionList)
        await wait_until(pilot, lambda: accounts.option_count == 3)
        await _fill(app, pilot)
        compose = app.screen
        await pilot.press("escape", "2")
        await wait_until(pilot, lambda: app.screen is not compose)
        await pilot.press("3")
        await wait_until(pilot, lambda: app.screen is compose and compose.reads_shown >= 2)
        assert compose.query_one("#key", Input).value == "halb"
        assert compose.query_one("#base", TextArea).text == "Ein halber Gedanke"
        assert compose.query_one("#poll-options", TextArea).text == "Ja\nNein"
        assert sorted(accounts.selected) == ["bluesky-todo", "mastodon-todo"]
