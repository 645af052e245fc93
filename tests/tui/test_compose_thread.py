"""Saving a text too long for X as a thread: a chain of posts, one part per post, the part
for each account as its own split gives it, shown in the queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from textual import events
from textual.widgets import Input, TextArea

from campaign.db import Database
from campaign.models import Post
from campaign.tui.leuchtturm_app import LeuchtturmApp
from campaign.tui.widgets.live_table import LiveTable
from tests.tui.conftest import SIZE, column, start_compose, wait_until

LONG = "Dortmund arbeitet neu. " * 18  # 414 characters: two parts on X, one on Mastodon


@dataclass(frozen=True)
class SavedPart:
    key: str
    state: str
    parent_key: str | None
    position: int
    scheduled_at: datetime
    accounts: list[str]
    variants: dict[str, str]
    deliveries: int


def _parts(database: Database) -> list[SavedPart]:
    with database.session() as session:
        found = session.scalars(
            select(Post).where(Post.key.startswith("lang")).order_by(Post.thread_position)
        ).all()
        keys = {post.id: post.key for post in found}
        return [
            SavedPart(
                key=post.key,
                state=post.state,
                parent_key=keys.get(post.thread_parent_id) if post.thread_parent_id else None,
                position=post.thread_position,
                scheduled_at=post.scheduled_at,
                accounts=sorted(target.account.name for target in post.targets),
                variants={variant.platform: variant.text for variant in post.variants},
                deliveries=len(post.deliveries),
            )
            for post in found
        ]


async def test_too_long_for_x_saves_as_a_thread_and_shows_in_the_queue(
    app: LeuchtturmApp, database: Database
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        accounts = await start_compose(pilot, "lang")
        await pilot.press("end", "space", "up", "space")  # x-todo, then mastodon-todo
        assert sorted(accounts.selected) == ["mastodon-todo", "x-todo"]
        app.screen.query_one("#base", TextArea).focus()
        app.post_message(events.Paste(LONG))
        await wait_until(
            pilot, lambda: "2 Teile" in str(app.screen.query_one("#thread-preview").render())
        )

        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: len(_parts(database)) == 2)
        first, second = _parts(database)
        assert (first.key, first.parent_key, first.position) == ("lang", None, 0)
        assert (second.key, second.parent_key, second.position) == ("lang#2", "lang", 1)
        assert first.accounts == ["mastodon-todo", "x-todo"]
        assert second.accounts == ["x-todo"]  # Mastodon takes the whole text in one post
        assert first.variants["mastodon"] == LONG.strip()
        assert first.variants["x"].endswith(" 1/2")
        assert second.variants == {"x": second.variants["x"]}
        assert second.variants["x"].endswith(" 2/2")
        assert first.scheduled_at == second.scheduled_at
        assert {first.state, second.state} == {"draft"}

        # a saved post leaves an empty form: the same thread again, approved, is updated
        key = app.screen.query_one("#key", Input)
        await wait_until(pilot, lambda: key.value == "")
        key.value = "lang"
        accounts.deselect("bluesky-todo")
        app.screen.query_one("#base", TextArea).focus()
        app.post_message(events.Paste(LONG))
        await wait_until(
            pilot, lambda: "2 Teile" in str(app.screen.query_one("#thread-preview").render())
        )
        await pilot.press("ctrl+r")  # not doubled
        await wait_until(pilot, lambda: {p.state for p in _parts(database)} == {"approved"})
        assert [(p.key, p.deliveries) for p in _parts(database)] == [("lang", 2), ("lang#2", 1)]

        await pilot.press("escape", "2")
        table = app.screen.query_one(LiveTable)
        await wait_until(pilot, lambda: column(table, 2) == ["lang", "lang#2"])
