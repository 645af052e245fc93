"""Queue actions on a thread, and typed times: the TUI acts as the CLI does, in its words."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from textual.widgets import Input, TextArea

from campaign.db import Database
from campaign.errors import UserError
from campaign.models import Campaign, Post, PostState, PostTarget
from campaign.services import accounts, posts
from campaign.times import parse_local
from campaign.tui.leuchtturm_app import LeuchtturmApp
from campaign.tui.screens.prompt import ConfirmScreen, PromptScreen
from tests.tui.conftest import FROZEN, SIZE, column, open_table, start_compose, wait_until

TODAY = FROZEN + timedelta(hours=6)


def _thread(database: Database) -> None:
    """A draft thread of two parts, today, one minute apart."""
    with database.session() as session:
        campaign = session.scalars(select(Campaign)).one()
        previous = None
        for n, key in enumerate(("reihe", "reihe#2")):
            post = Post(key=key, text=f"Teil {n + 1}", scheduled_at=TODAY + timedelta(minutes=n))
            post.state = PostState.DRAFT
            post.targets = [PostTarget(account=accounts.by_name(session, "x-todo"))]
            campaign.posts.append(post)
            session.flush()
            posts.link_part(post, previous, n)
            previous = post


def _states(database: Database) -> dict[str, str]:
    with database.session() as session:
        return {
            p.key: p.state for p in session.scalars(select(Post).where(Post.key.like("reihe%")))
        }


async def test_approve_on_a_thread_head_approves_the_whole_thread(
    app: LeuchtturmApp, database: Database
) -> None:
    _thread(database)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_table(pilot, "2", 2)
        assert column(table, 2) == ["reihe", "reihe#2"]
        await pilot.press("a")
        await wait_until(
            pilot, lambda: _states(database) == {"reihe": "approved", "reihe#2": "approved"}
        )
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("j")
        await wait_until(
            pilot, lambda: _states(database) == {"reihe": "cancelled", "reihe#2": "cancelled"}
        )


async def _reschedule_to(pilot, app: LeuchtturmApp, typed: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("e")
    await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen))
    field = app.screen.query_one(Input)
    field.value = typed
    await pilot.press("enter")


async def test_a_time_in_the_dst_gap_is_refused_in_the_cli_s_words(
    app: LeuchtturmApp, database: Database
) -> None:
    _thread(database)
    typed = "2027-03-28 02:30"
    try:
        parse_local(typed, ZoneInfo("Europe/Berlin"))
    except UserError as error:
        cli_words = str(error)
    assert "gibt es in Europe/Berlin nicht" in cli_words
    async with app.run_test(size=SIZE) as pilot:
        await open_table(pilot, "2", 2)
        await _reschedule_to(pilot, app, typed)
        await wait_until(
            pilot, lambda: any(cli_words in str(n.message) for n in app._notifications)
        )
    with database.session() as session:
        head = session.scalars(select(Post).where(Post.key == "reihe")).one()
        assert head.scheduled_at == TODAY


async def test_a_time_in_the_autumn_overlap_is_refused(
    app: LeuchtturmApp, database: Database
) -> None:
    _thread(database)
    async with app.run_test(size=SIZE) as pilot:
        await open_table(pilot, "2", 2)
        await _reschedule_to(pilot, app, "2027-10-31 02:30")
        await wait_until(
            pilot, lambda: any("zweimal vor" in str(n.message) for n in app._notifications)
        )


async def test_a_past_time_is_refused_with_the_time_and_a_hint(
    app: LeuchtturmApp, database: Database
) -> None:
    _thread(database)
    async with app.run_test(size=SIZE) as pilot:
        await open_table(pilot, "2", 2)
        await _reschedule_to(pilot, app, "2020-05-04 10:00")
        await wait_until(
            pilot,
            lambda: any(
                "2020-05-04 10:00 (Europe/Berlin) liegt in der Vergangenheit" in str(n.message)
                for n in app._notifications
            ),
        )
    with database.session() as session:
        head = session.scalars(select(Post).where(Post.key == "reihe")).one()
        assert head.scheduled_at == TODAY


async def test_compose_refuses_a_past_time_and_a_dst_gap(
    app: LeuchtturmApp, database: Database
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        accounts_list = await start_compose(pilot, "rueckblick")
        await pilot.press("end", "space")
        base = app.screen.query_one("#base", TextArea)
        base.focus()
        await pilot.press(*"Rückblick auf die Woche")
        when = app.screen.query_one("#when", Input)
        for typed, words in (
            ("2026-11-23 09:00", "2026-11-23 09:00 (Europe/Berlin) liegt in der Vergangenheit"),
            ("2027-03-28 02:30", "gibt es in Europe/Berlin nicht"),
        ):
            when.value = typed
            await pilot.press("ctrl+s")
            await wait_until(
                pilot, lambda words=words: any(words in str(n.message) for n in app._notifications)
            )
        assert accounts_list.selected == ["x-todo"]
    with database.session() as session:
        assert session.scalar(select(Post).where(Post.key == "rueckblick")) is None
