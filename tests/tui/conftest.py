"""TUI fixtures: a SQLite database with one campaign, one sent post and three replies,
an app on a frozen clock, and a helper that waits for a condition instead of sleeping."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import SelectionList

from campaign.config import Settings
from campaign.db import Database
from campaign.models import (
    Approval,
    Campaign,
    Delivery,
    DeliveryState,
    Heartbeat,
    Post,
    PostState,
    PostTarget,
    Reply,
)
from campaign.services import accounts
from campaign.tui.app import make_app
from campaign.tui.leuchtturm_app import LeuchtturmApp
from campaign.tui.widgets.live_table import LiveTable

FROZEN = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
SIZE = (120, 36)
SIZES = [(100, 30), (140, 40)]
"""The sizes every screen must be usable at: a laptop's half screen and a full one."""


def size_id(size: tuple[int, int]) -> str:
    """ "100x30", for test ids."""
    return f"{size[0]}x{size[1]}"


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """SQLite only: the TUI reads through the services, which the storage tests run on both."""
    return f"sqlite:///{tmp_path / 'tui.sqlite3'}"


def seed(database: Database) -> None:
    """One campaign, a post sent to Mastodon yesterday, three replies of each tone."""
    with database.session() as session:
        campaign = Campaign(slug="todo", name="to:do – Dortmunds neue Arbeit")
        account = accounts.by_name(session, "mastodon-todo")
        post = Post(
            campaign=campaign,
            key="auftakt",
            text="Heute startet to:do in Dortmund.",
            scheduled_at=FROZEN - timedelta(days=1),
            state=PostState.APPROVED,
        )
        post.targets = [PostTarget(account=account)]
        # approved before people were recorded, as migration 0009 leaves such a post
        post.approvals = [Approval(person=None, at=post.scheduled_at)]
        delivery = Delivery(
            post=post,
            account_id=account.id,
            idempotency_key="seed-1",
            due_at=post.scheduled_at,
            state=DeliveryState.SENT,
            sent_at=post.scheduled_at,
            remote_id="111",
            remote_url="http://127.0.0.1:1/@todo/111",
        )
        tones = [
            ("positive", 0.93, "Super Sache, da mache ich mit!", False),
            ("neutral", 0.71, "Wann genau ist die Infoveranstaltung?", True),
            ("negative", 0.88, "Schon wieder so ein Projekt, das nichts bringt.", False),
        ]
        replies = [
            Reply(
                platform="mastodon",
                remote_id=f"r{number}",
                delivery=delivery,
                in_reply_to_id="111",
                url=f"http://127.0.0.1:1/@buerger{number}/r{number}",
                author_handle=f"buerger{number}",
                text=text,
                created_at=FROZEN - timedelta(hours=3 - number),
                is_question=question,
                sentiment_label=label,
                sentiment_score=score,
                sentiment_model="test",
            )
            for number, (label, score, text, question) in enumerate(tones)
        ]
        beat = Heartbeat(
            daemon_id="test-daemon",
            host="localhost",
            pid=1,
            started_at=FROZEN - timedelta(hours=1),
            last_tick=FROZEN - timedelta(seconds=4),
            queue_length=0,
        )
        session.add_all([campaign, post, delivery, *replies, beat])


@pytest.fixture
def app(database: Database, settings: Settings) -> LeuchtturmApp:
    seed(database)
    return make_app(database, settings, clock=lambda: FROZEN)


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 5) -> None:
    """Let the app run until `condition` holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            notes = [str(note.message) for note in pilot.app._notifications]
            raise AssertionError(f"condition not met within {timeout} s; notifications: {notes}")
        await pilot.pause(0.02)


async def open_table(pilot: Pilot[None], key: str, rows: int) -> LiveTable:
    """Switch screens with `key`, wait for the table's `rows`, and give it the focus."""
    await pilot.press(key)
    table = pilot.app.screen.query_one(LiveTable)
    await wait_until(pilot, lambda: table.row_count == rows)
    table.focus()
    return table


def column(table: LiveTable, index: int) -> list[str]:
    """The text of one column, top to bottom, as the table shows it."""
    return [str(table.get_row_at(row)[index]) for row in range(table.row_count)]


async def start_compose(pilot: Pilot[None], key: str) -> SelectionList[str]:
    """Open Verfassen, type the post's `key`, and focus the target accounts to choose from,
    none ticked (Verfassen ticks every account; the tests choose their own)."""
    await pilot.press("3")
    accounts = pilot.app.screen.query_one("#accounts", SelectionList)
    await wait_until(pilot, lambda: accounts.option_count == 3)
    accounts.deselect_all()
    await pilot.click("#key")
    await pilot.press(*key)
    accounts.focus()
    return accounts
