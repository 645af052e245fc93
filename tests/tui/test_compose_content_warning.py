"""The composer's content warning: typed on the Mastodon tab, counted in Mastodon's counter,
saved with the post."""

from __future__ import annotations

from sqlalchemy import select
from textual import events
from textual.widgets import Input, TabbedContent, TextArea

from campaign.db import Database
from campaign.models import Post
from campaign.tui.leuchtturm_app import LeuchtturmApp
from campaign.tui.widgets.platform_counter import PlatformCounter
from tests.tui.conftest import SIZE, start_compose, wait_until

TEXT = "Der Zugang zum Hauptbahnhof ist gesperrt. " * 11  # 462 characters
WARNING = "Polizeieinsatz am Hauptbahnhof"  # 30: 492 with the text
LONGER = "Polizeieinsatz am Hauptbahnhof, bitte meiden"  # 44: 506, six over


def _spoiler_of(database: Database, key: str) -> str | None:
    with database.session() as session:
        post = session.scalar(select(Post).where(Post.key == key))
        return None if post is None else post.spoiler_text


async def test_content_warning_counts_in_the_mastodon_counter_and_is_saved(
    app: LeuchtturmApp, database: Database
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        accounts = await start_compose(pilot, "lage")
        await pilot.press("down", "down", "space")  # bluesky-todo, mastodon-todo: the second
        assert accounts.selected == ["mastodon-todo"]
        app.screen.query_one("#base", TextArea).focus()
        app.post_message(events.Paste(TEXT))
        counter = app.screen.query_one("#counter-mastodon", PlatformCounter)
        await wait_until(pilot, lambda: "462/500" in str(counter.render()))

        app.screen.query_one("#texts", TabbedContent).active = "tab-mastodon"
        spoiler = app.screen.query_one("#spoiler", Input)
        spoiler.focus()
        await pilot.press(*LONGER)
        await wait_until(pilot, lambda: "506/500" in str(counter.render()))
        assert counter.has_class("-over") and "6 zu viel" in str(counter.render())

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("Nicht gespeichert" in str(n.message) for n in app._notifications)
        assert _spoiler_of(database, "lage") is None

        spoiler.value = WARNING
        await wait_until(pilot, lambda: "492/500" in str(counter.render()))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: _spoiler_of(database, "lage") == WARNING)
