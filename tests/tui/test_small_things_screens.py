"""Small things on the queue, the inbox and the Übersicht: cancelling asks and can be
undone; the answer dialog says how to send; `o` always says what happened; the reply split
follows new replies; the error counter opens the problems behind it."""

from __future__ import annotations

import webbrowser
from datetime import timedelta

import pytest
from sqlalchemy import select
from textual.widgets import Footer, Label, Static

from campaign.db import Database
from campaign.models import (
    Campaign,
    Delivery,
    DeliveryState,
    Event,
    Post,
    PostState,
    PostTarget,
    Reply,
)
from campaign.reasons import stored_reason
from campaign.services import accounts
from campaign.tui.leuchtturm_app import LeuchtturmApp
from campaign.tui.screens.answer import AnswerScreen
from campaign.tui.screens.dashboard import DashboardScreen
from campaign.tui.screens.problems import ProblemsScreen
from campaign.tui.screens.prompt import ConfirmScreen
from tests.tui.conftest import FROZEN, SIZE, open_table, wait_until
from tests.tui.test_services import _add_replies
from words.coded import Coded

HOSTILE_URL = "http://127.0.0.1:1/@buerger0/r0?[bold]x[/bold]"


def _notes(app: LeuchtturmApp) -> list[str]:
    return [str(note.message) for note in app._notifications]


def _draft_today(database: Database) -> None:
    with database.session() as session:
        campaign = session.scalars(select(Campaign)).one()
        post = Post(key="abend", text="Heute Abend", scheduled_at=FROZEN + timedelta(hours=6))
        post.state = PostState.DRAFT
        post.targets = [PostTarget(account=accounts.by_name(session, "x-todo"))]
        campaign.posts.append(post)


def _state(database: Database) -> str:
    with database.session() as session:
        return session.scalars(select(Post.state).where(Post.key == "abend")).one()


async def test_cancel_asks_first_and_u_brings_the_post_back(
    app: LeuchtturmApp, database: Database
) -> None:
    _draft_today(database)
    async with app.run_test(size=SIZE) as pilot:
        await open_table(pilot, "2", 1)
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        shown = " ".join(str(label.render()) for label in app.screen.query(Label))
        assert "Beitrag abend absagen?" in shown and "n oder Esc = nein" in shown
        await pilot.press("n")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        assert _state(database) == PostState.DRAFT

        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("j")
        await wait_until(pilot, lambda: _state(database) == PostState.CANCELLED)
        await wait_until(pilot, lambda: any("u holt ihn" in note for note in _notes(app)))

        await pilot.press("u")
        await wait_until(pilot, lambda: _state(database) == PostState.DRAFT)
        await wait_until(pilot, lambda: any("wiederhergestellt" in n for n in _notes(app)))
        with database.session() as session:
            kinds = list(session.scalars(select(Event.kind).order_by(Event.id)))
        assert kinds[-1] == "post.restored"


async def test_the_answer_dialog_says_how_to_send(app: LeuchtturmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_table(pilot, "4", 3)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnswerScreen))
        keys = str(app.screen.query_one("#answer-keys", Label).render())
        assert keys == "Strg+S senden · Esc zurück, ohne zu senden"
        assert app.screen.query(Footer)
        footer = {
            key: entry.binding.description
            for key, entry in app.screen.active_bindings.items()
            if entry.binding.show
        }
        assert footer["ctrl+s"] == "Senden" and footer["escape"] == "Zurück"


@pytest.mark.parametrize("outcome", ["no browser", "error"])
async def test_o_without_a_browser_shows_the_address_to_copy(
    app: LeuchtturmApp, database: Database, monkeypatch: pytest.MonkeyPatch, outcome: str
) -> None:
    def no_browser(url: str, new: int = 0) -> bool:
        if outcome == "error":
            raise webbrowser.Error("could not locate runnable browser")
        return False

    monkeypatch.setattr(webbrowser, "open", no_browser)
    with database.session() as session:
        reply = session.scalars(select(Reply).order_by(Reply.created_at.desc())).first()
        assert reply is not None
        reply.url = HOSTILE_URL
    async with app.run_test(size=SIZE) as pilot:
        await open_table(pilot, "4", 3)
        await pilot.press("o")
        expected = f"Kein Browser gefunden. Die Adresse zum Kopieren: {HOSTILE_URL}"
        await wait_until(pilot, lambda: expected in _notes(app))
        assert app._notifications  # shown as data: the brackets are kept, not read as markup
        assert all(not note.markup for note in app._notifications)


async def test_o_says_it_opened_the_browser(
    app: LeuchtturmApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def browser(url: str, new: int = 0) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", browser)
    async with app.run_test(size=SIZE) as pilot:
        await open_table(pilot, "4", 3)
        await pilot.press("o")
        await wait_until(pilot, lambda: bool(opened))
        assert opened == ["http://127.0.0.1:1/@buerger2/r2"]
        await wait_until(
            pilot, lambda: "Im Browser geöffnet: http://127.0.0.1:1/@buerger2/r2" in _notes(app)
        )


async def test_the_reply_split_follows_new_replies_with_the_screens_refresh(
    app: LeuchtturmApp, database: Database
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        split = screen.query_one("#split", Static)
        await wait_until(pilot, lambda: "3 Antworten:" in str(split.render()))
        _add_replies(database, 633)
        screen.reload()  # what the screen's own timer runs every refresh_seconds
        await wait_until(pilot, lambda: "636 Antworten:" in str(split.render()))


def _failed_delivery(database: Database) -> None:
    with database.session() as session:
        post = session.scalars(select(Post)).one()
        session.add(
            Delivery(
                post=post,
                account_id=accounts.by_name(session, "x-todo").id,
                idempotency_key="failed-1",
                due_at=post.scheduled_at,
                state=DeliveryState.FAILED,
                last_error=stored_reason(Coded("reason.platform", {"message": "503 [red]"})),
            )
        )


@pytest.mark.parametrize("how", ["key", "click"])
async def test_the_error_counter_opens_the_problems(
    app: LeuchtturmApp, database: Database, how: str
) -> None:
    _failed_delivery(database)
    async with app.run_test(size=SIZE) as pilot:
        dashboard = app.screen
        daemon = dashboard.query_one("#daemon", Static)
        await wait_until(pilot, lambda: "Fehler 0" in str(daemon.render()))
        assert dashboard.active_bindings["e"].binding.description == "Fehler anzeigen"
        if how == "key":
            await pilot.press("e")
        else:
            await pilot.click("#daemon")
        await wait_until(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        problems = app.screen.query_one("#problems-list", Static)
        await wait_until(pilot, lambda: "auftakt" in str(problems.render()))
        text = str(problems.render())
        assert "1 Zustellung wartet auf eine Person" in text
        assert "Beitrag 1 (auftakt) → x-todo: fehlgeschlagen – " in text
        assert "503 [red]" in text
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is dashboard)
