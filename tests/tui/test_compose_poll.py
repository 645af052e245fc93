"""Verfassen with a poll: options, hours and one-or-several on the "Befragung" tab, checked
with the plan import's rules and saved with the post; Bluesky gets the survey link."""

from __future__ import annotations

from sqlalchemy import select
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, TabbedContent, TextArea

from campaign.db import Database
from campaign.models import Post
from campaign.tui.leuchtturm_app import LeuchtturmApp
from tests.tui.conftest import start_compose, wait_until

SURVEY = "https://dortmund.de/befragung"
SMALL = (100, 30)


def _post(database: Database, key: str) -> tuple[object, dict[str, str]] | None:
    """The stored post's poll and variants, or None while it is not saved."""
    with database.session() as session:
        post = session.scalar(select(Post).where(Post.key == key))
        if post is None:
            return None
        return post.poll, {variant.platform: variant.text for variant in post.variants}


async def _compose_poll(
    pilot: Pilot[None], accounts: tuple[str, ...], text: str, options: str, hours: str
) -> None:
    """Verfassen with the post `frage` to `accounts`, its text, and the poll tab filled in."""
    app = pilot.app
    chosen = await start_compose(pilot, "frage")
    for name in accounts:
        chosen.select(name)
    app.screen.query_one("#base", TextArea).text = text
    app.screen.query_one("#texts", TabbedContent).active = "tab-poll"
    app.screen.query_one("#poll-options", TextArea).text = options
    app.screen.query_one("#poll-hours", Input).value = hours


async def test_a_composed_poll_is_stored_and_bluesky_gets_the_link(
    app: LeuchtturmApp, database: Database
) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await _compose_poll(
            pilot, ("mastodon-todo", "bluesky-todo"), "Mehr Ausbildungsplätze in der Nordstadt?",
            "Ja\nNein\n\nWeiß nicht\n", "24",
        )
        app.screen.query_one("#poll-multiple", Checkbox).value = True
        app.screen.query_one("#survey-url", Input).value = SURVEY
        await pilot.pause()
        assert app.screen.query_one("#poll-options", TextArea).region.height >= 3
        for field in ("#poll-hours", "#poll-multiple", "#survey-url"):  # all seen at 100x30
            region = app.screen.query_one(field).region
            assert region.height > 0 and region.bottom <= SMALL[1], field
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: _post(database, "frage") is not None)
    assert _post(database, "frage") == (
        {"options": ["Ja", "Nein", "Weiß nicht"], "seconds": 86400, "multiple": True},
        {"bluesky": f"Mehr Ausbildungsplätze in der Nordstadt?\n\n{SURVEY}"},
    )


async def test_an_option_of_26_characters_on_x_is_refused_with_the_message(
    app: LeuchtturmApp, database: Database
) -> None:
    option = "Ausbildungsplätze schaffen"  # 26 characters
    assert len(option) == 26
    async with app.run_test(size=SMALL) as pilot:
        await _compose_poll(
            pilot, ("x-todo",), "Was braucht die Nordstadt?", f"{option}\nNein", "24"
        )
        await pilot.press("ctrl+s")
        expected = (
            f"x-todo: X: Antwort 1 „{option}“ hat 26 Zeichen, höchstens 25 erlaubt, 1 zu viel"
        )
        await wait_until(
            pilot, lambda: any(expected in str(n.message) for n in app._notifications)
        )
    assert _post(database, "frage") is None


async def test_options_without_hours_are_refused_before_saving(
    app: LeuchtturmApp, database: Database
) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await _compose_poll(pilot, ("mastodon-todo",), "Was braucht die Nordstadt?", "Ja\nNein", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(
            "Nicht gespeichert" in str(n.message) and "Laufzeit" in str(n.message)
            for n in app._notifications
        )
    assert _post(database, "frage") is None
