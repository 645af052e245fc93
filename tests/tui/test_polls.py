"""A running poll in the TUI: bars per platform in the queue's detail and on the campaign
screen, and a snapshot of the queue with it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.pilot import Pilot

from campaign.config import Settings
from campaign.db import Database
from campaign.models import (
    PollCount,
)
from campaign.tui.app import make_app
from campaign.tui.leuchtturm_app import LeuchtturmApp
from campaign.tui.widgets.poll_bars import PollBars, bar
from tests.poll_seed import sent_poll
from tests.tui.conftest import FROZEN, SIZE, seed, wait_until
from tests.tui.screenshot import settled

POLL = {"options": ["Ja", "Nein", "Weiß nicht"], "seconds": 6 * 3600, "multiple": False}


def seed_poll(database: Database) -> None:
    """A poll sent three hours ago on Mastodon (30/15/5) and X (6/12/2), three hours to go;
    the hostile option label stays text."""
    seed(database)
    sent_at = FROZEN - timedelta(hours=3)
    poll = {**POLL, "options": ["Ja", "Nein", "[b]Weiß[/b] nicht"]}
    with database.session() as session:
        ids = sent_poll(session, "todo", "Mehr Ausbildungsplätze in der Nordstadt?", poll, sent_at)
        for name, votes in (("mastodon-todo", [30, 15, 5]), ("x-todo", [6, 12, 2])):
            session.add(
                PollCount(
                    delivery_id=ids[name],
                    taken_at=FROZEN - timedelta(minutes=5),
                    votes=votes,
                    voters=sum(votes),
                    ends_at=sent_at + timedelta(hours=6),
                    closed=False,
                )
            )


@pytest.fixture
def poll_app(database: Database, settings: Settings) -> LeuchtturmApp:
    seed_poll(database)
    return make_app(database, settings, clock=lambda: FROZEN)


def test_bars_fill_by_share() -> None:
    assert bar(0.6, 10) == "██████░░░░"
    assert bar(0.0, 4) == "░░░░" and bar(1.0, 4) == "████"


async def test_the_queue_detail_shows_the_poll_per_platform(poll_app: LeuchtturmApp) -> None:
    async with poll_app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await settled(pilot)
        pane = poll_app.screen.query_one("#post-poll", PollBars)
        await wait_until(pilot, lambda: "Befragung" in str(pane.render()))
        shown = str(pane.render())
        assert "Mastodon · 50 Stimmen · läuft bis" in shown
        assert "X · 20 Stimmen" in shown
        assert " 60 % (30)" in shown and " 60 % (12)" in shown
        assert "[b]Weiß[/b] nicht" in shown  # data, not markup


async def test_the_campaign_screen_shows_running_polls(poll_app: LeuchtturmApp) -> None:
    async with poll_app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await settled(pilot)
        pane = poll_app.screen.query_one("#campaign-polls", PollBars)
        await wait_until(pilot, lambda: "Stimmen" in str(pane.render()))
        assert "Mastodon · 50 Stimmen" in str(pane.render())


def test_queue_with_a_running_poll(snap_compare, poll_app: LeuchtturmApp) -> None:  # type: ignore[no-untyped-def]
    async def open_queue(pilot: Pilot[None]) -> None:
        await pilot.press("2")
        await settled(pilot)

    assert snap_compare(poll_app, terminal_size=SIZE, run_before=open_queue)
