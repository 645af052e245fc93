"""Text from the public is inert on every screen: a database full of hostile replies, author
names, posts, reasons and alerts, walked screen by screen, cell by cell, dialog by dialog.

The terminal output is captured as the app writes it (a headless driver that records
instead of discarding), so an escape sequence from the data would be seen byte for byte.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import ClassVar

import pytest
import regex as re
from sqlalchemy import select
from textual.drivers import headless_driver
from textual.widgets import DataTable, TextArea

from campaign.config import Settings
from campaign.db import Database
from campaign.models import (
    Account,
    Campaign,
    Delivery,
    Event,
    Post,
    PostState,
    Reply,
)
from campaign.services import accounts
from campaign.tui.app import make_app
from campaign.tui.leuchtturm_app import LeuchtturmApp
from campaign.tui.screens.answer import AnswerScreen
from campaign.tui.screens.base import DataScreen
from campaign.tui.screens.prompt import PromptScreen
from campaign.tui.widgets.live_table import LiveTable
from tests.hostile import LONG, data_controls, payloads
from tests.tui.conftest import FROZEN, SIZE, seed, wait_until
from tests.tui.test_reports import report_settings


class RecordingDriver(headless_driver.HeadlessDriver):
    """Headless input, but the app renders and every byte it would send is kept."""

    written: ClassVar[list[str]] = []

    @property
    def is_headless(self) -> bool:
        return False

    def write(self, data: str) -> None:
        RecordingDriver.written.append(data)


def _raw(database: Database, table: str, column: str, value: str, row_id: int) -> None:
    """Write `value` past the storage boundary, as an older version might have stored it:
    the screens must be safe on their own."""
    with database.engine.begin() as connection:
        connection.exec_driver_sql(
            f"UPDATE {table} SET {column} = ? WHERE id = ?",
            (value, row_id),
        )


def _raw_alert(database: Database, message: str, like_id: int) -> None:
    """An alert like `like_id` with `message` stored past the boundary: events are
    append-only, so it is a new row rather than an update."""
    columns = "at, kind, campaign_id, post_id, delivery_id, account_id, person, resolved_at"
    with database.engine.begin() as connection:
        connection.exec_driver_sql(
            f"INSERT INTO events (message, {columns}) SELECT ?, {columns} FROM events WHERE id = ?",
            (message, like_id),
        )


def seed_hostile(database: Database, folder: Path) -> list[str]:
    """Posts, replies, reasons and alerts made of every payload; returns the payloads."""
    texts = [*payloads(str(folder)), LONG, "\n".join(payloads(str(folder)))]
    seed(database)
    with database.session() as session:
        account = accounts.by_name(session, "mastodon-todo")
        campaign = session.scalars(select(Campaign)).one()
        delivery = session.scalars(select(Delivery)).one()
        campaign.name = "[bold red]to:do[/] \x1b]0;Titel\x07 [/]"
        delivery.post.text = "Danke [/] Dortmund"
        queued = [
            Post(
                campaign=campaign,
                key=f"p{number}",
                text=text,
                scheduled_at=FROZEN + timedelta(minutes=number),
                state=PostState.DRAFT,
            )
            for number, text in enumerate(texts)
        ]
        replies = [
            Reply(
                platform="mastodon",
                remote_id=f"hostile-{number}",
                delivery=delivery,
                in_reply_to_id="111",
                url="http://127.0.0.1:1/r",
                author_handle="x",
                text="x",
                created_at=FROZEN - timedelta(minutes=number + 1),
                is_question=True,
                sentiment_label="negative",
                sentiment_score=0.5,
            )
            for number in range(len(texts))
        ]
        alert = Event(
            at=FROZEN - timedelta(minutes=1),
            kind="alert.negative_spike",
            message="x",
            campaign_id=campaign.id,
        )
        session.add_all([*queued, *replies, alert])
        session.flush()
        ids = [reply.id for reply in replies]
        post_ids = [p.id for p in queued]
        delivery_id, alert_id, account_id = delivery.id, alert.id, account.id
    link_reply = "[link=file:///etc/passwd]Antwort[/link] \x1b]8;;http://evil.example\x1b\\x"
    for reply_id, post_id, text in zip(ids, post_ids, texts, strict=True):
        _raw(database, "replies", "text", text, reply_id)
        _raw(database, "replies", "author_handle", text[:300], reply_id)
        _raw(database, "posts", "key", text[:120], post_id)
    _raw(database, "replies", "text", link_reply, ids[0])
    _raw(database, "replies", "author_handle", "[link=file:///etc/passwd]x[/link]", ids[0])
    _raw(database, "replies", "url", "file:///etc/passwd", ids[0])
    _raw(database, "deliveries", "last_error", "\n".join(texts), delivery_id)
    _raw(database, "accounts", "state_reason", texts[0] + texts[1] + "\x1b[2J", account_id)
    _raw_alert(database, "[@click=app.quit]\x1b[2J[/] \u202eAlarm", alert_id)
    with database.session() as session:
        session.get_one(Account, account_id).state = "broken"
    return texts


@pytest.fixture
def hostile_app(
    database: Database, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> LeuchtturmApp:
    seed_hostile(database, tmp_path / "shots")
    (tmp_path / "shots").mkdir()
    monkeypatch.setattr(headless_driver, "HeadlessDriver", RecordingDriver)
    RecordingDriver.written = []
    return make_app(
        database, report_settings(settings, tmp_path / "berichte"), clock=lambda: FROZEN
    )


async def _click_every_cell(pilot, table: LiveTable) -> None:  # type: ignore[no-untyped-def]
    """A click on every cell the table shows, then each row in turn under the cursor."""
    starts, x = [], 0
    for column in table.ordered_columns:
        starts.append(x + 1)
        x += column.get_render_width(table)
    visible = min(table.row_count, table.scrollable_content_region.height - 1)
    for y in range(1, visible + 1):
        for start in starts:
            if start < table.scrollable_content_region.width:
                await pilot.click(table, offset=(start, y))
    for row in range(table.row_count):
        table.move_cursor(row=row, animate=False)
        await pilot.pause()


async def test_every_screen_and_dialog_shows_hostile_text_as_data(
    hostile_app: LeuchtturmApp, database: Database, tmp_path: Path
) -> None:
    app = hostile_app
    actions: list[str] = []
    for name in ("quit", "bell", "screenshot", "open_url", "toggle_dark", "command_palette"):
        setattr(app, f"action_{name}", lambda *args, n=name: actions.append(n))
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]

    async with app.run_test(size=SIZE) as pilot:
        for key in "1234567":
            await pilot.press(key)
            screen = app.screen
            assert isinstance(screen, DataScreen)
            await wait_until(pilot, lambda s=screen: s.reads_shown > 0)
            for table in screen.query(LiveTable):
                await wait_until(pilot, lambda t=table, k=key: t.row_count > 0 or k in "37")
                table.focus()
                await _click_every_cell(pilot, table)
            if key == "2":  # the reschedule prompt quotes the post's time
                await pilot.press("e")
                await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen))
                await pilot.press("escape")
            if key == "3":  # our own text with markup, in the thread preview
                app.screen.query_one("#base", TextArea).text = "Danke [/] Dortmund " * 40
                await pilot.pause()
            if key == "4":
                table = app.screen.query_one(LiveTable)
                for row in (0, 1, 6, table.row_count - 1):
                    table.move_cursor(row=row, animate=False)
                    await pilot.press("a")
                    await wait_until(pilot, lambda: isinstance(app.screen, AnswerScreen))
                    await wait_until(pilot, lambda: app.screen.query_one(".quoted").region.area)
                    await pilot.click("Label", offset=(2, 0))
                    await pilot.click(".quoted", offset=(2, 0))
                    await pilot.press("escape")
                    await wait_until(pilot, lambda: not isinstance(app.screen, AnswerScreen))
                table.move_cursor(row=0, animate=False)  # the newest reply links to a file
                await pilot.press("o")
            if key == "7":
                await pilot.press("w")
                await wait_until(pilot, lambda: bool(list((tmp_path / "berichte").rglob("*.md"))))
                await wait_until(pilot, lambda: app.screen.query_one(DataTable).row_count > 0)
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.is_running and app._exception is None
        # Textual's own pointer-shape sequence is the one OSC it writes; nothing else may.
        shown = re.sub(r"\x1b\]22;[\w-]+\x07", "", "".join(RecordingDriver.written))
        screenshot = app.export_screenshot()

    assert actions == [] and opened == []
    assert list((tmp_path / "shots").iterdir()) == []
    assert list(Path.cwd().glob("x.svg")) == []
    assert len(shown) > 10_000
    assert data_controls(shown) == []
    for forbidden in ("\x1b]", "\x1bP", "\x07", "\x1b[2J", "\x1b[?1049h", "\x9b", "\x9d"):
        assert forbidden not in shown, repr(forbidden)
    assert "file:///etc/passwd" not in screenshot.split("<style>")[0]
    assert "[@click=app.quit]" in screenshot or "[@click=app.quit]" in shown
    with database.session() as session:
        assert session.scalars(select(Campaign)).one().paused is False
