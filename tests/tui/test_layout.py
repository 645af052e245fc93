"""Every screen at 100×30 and at 140×40: no column pushed off the screen, the text column
taking the width the others leave, the screen's main keys whole in its footer, every key
in the help panel, Verfassen's counters whole and never under a notification, the dialogs
inside the screen.

The database holds long values in every column (a 120-character campaign name, a long
handle, a long reason), so that a column that grows with its content shows it.
"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from rich.console import Console
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Footer, Static, TextArea
from textual.widgets._footer import FooterKey, FooterLabel
from textual.widgets._key_panel import BindingsTable
from textual.widgets._toast import Toast

from campaign.config import Settings
from campaign.db import Database
from campaign.models import AccountState, Campaign, Post, PostState, PostTarget, Reply
from campaign.services import accounts
from campaign.tui.app import make_app
from campaign.tui.leuchtturm_app import LeuchtturmApp
from campaign.tui.screens.answer import AnswerScreen
from campaign.tui.screens.prompt import PromptScreen
from campaign.tui.widgets.live_table import LiveTable, fitted_widths
from campaign.tui.widgets.platform_counter import PlatformCounter
from tests.tui.conftest import FROZEN, SIZES, open_table, seed, size_id, wait_until
from tests.tui.screenshot import settled

LONG = "Ein sehr langer Text, der weit über jede Spalte hinausgeht, " * 5


def seed_long(database: Database) -> None:
    """The seeded campaign, plus long values in the columns that grow with their content."""
    seed(database)
    with database.session() as session:
        campaign = Campaign(slug="herbst-2026", name="Herbstprogramm " * 8)
        account = accounts.by_name(session, "bluesky-todo")
        account.state = AccountState.BROKEN
        account.state_reason = "Anmeldung abgelaufen: bitte neu anmelden, " * 3
        post = Post(
            campaign=campaign,
            key="lange-ankuendigung",
            text=LONG,
            scheduled_at=FROZEN + timedelta(hours=4),
            state=PostState.DRAFT,
        )
        post.targets = [PostTarget(account=account)]
        reply = Reply(
            platform="bluesky",
            remote_id="lang",
            in_reply_to_id="x",
            url="http://127.0.0.1:1/lang",
            author_handle="eine-sehr-lange-handle.bsky.social",
            text=LONG,
            created_at=FROZEN - timedelta(minutes=5),
        )
        session.add_all([campaign, post, reply])


@pytest.fixture
def long_app(database: Database, settings: Settings) -> LeuchtturmApp:
    seed_long(database)
    return make_app(database, settings, clock=lambda: FROZEN)


# keys to reach the screen, its table's headers (None: no table), the text column, main keys
SCREENS = {
    "dashboard": (("1",), None, None, ["question_mark"]),
    "queue": (
        ("2", "w"),
        ["Zeit", "Kampagne", "Beitrag", "Status", "Autor/in", "Freigaben", "Zustellungen", "Text"],
        "Text",
        ["a", "r", "e", "h", "l", "w", "question_mark"],
    ),
    "compose": (("3",), None, None, ["ctrl+s", "ctrl+g", "ctrl+n", "question_mark"]),
    "inbox": (
        ("4",),
        ["Zeit", "Plattform", "Von", "Stimmung", "Text"],
        "Text",
        ["u", "plus", "equals_sign", "minus", "a", "o", "question_mark"],
    ),
    "campaigns": (
        ("5",),
        ["Kampagne", "Name", "Zeitzone", "Angehalten", "Beiträge", "Zugestellt", "Antworten"],
        "Name",
        ["p", "r", "question_mark"],
    ),
    "accounts": (
        ("6",),
        ["Name", "Plattform", "Handle", "Status", "Grund", "Follower", "Geprüft"],
        "Grund",
        ["question_mark"],
    ),
    "reports": (
        ("7",),
        ["Woche", "Kampagne", "Sprache", "Dateien"],
        "Dateien",
        ["o", "w", "W", "question_mark"],
    ),
    "wall": (
        ("8",),
        ["Zeit", "Plattform", "Von", "Status", "Text"],
        "Text",
        ["a", "h", "p", "b", "question_mark"],
    ),
}
TEXT_AT = {False: {(100, 30): 30, (140, 40): 56}, True: {(100, 30): 15, (140, 40): 55}}
"""The text column's least width per size; the queue (True) has seven columns besides its
text, each at least as wide as its heading, which leave the text 15 cells at 100."""


async def _open(pilot: Pilot[None], keys: tuple[str, ...]) -> None:
    for key in keys:  # each key's read finishes before the next key starts another
        await pilot.press(key)
        await settled(pilot)


def test_the_text_column_takes_what_the_others_leave() -> None:
    """Natural widths while they fit; then the column with most to spare gives way,
    never a whole one (a time) and never below its label."""
    labels, contents = [4, 6, 4], [16, 20, 300]
    roomy = fitted_widths(labels, contents, fill=2, whole=frozenset({0}), room=140, padding=2)
    assert roomy == [16, 20, 140 - 6 - 36]
    shared = fitted_widths(labels, contents, fill=2, whole=frozenset({0}), room=60, padding=2)
    assert shared == [16, 14, 24]  # 40 % of the room for the text
    tight = fitted_widths(labels, contents, fill=2, whole=frozenset({0}), room=40, padding=2)
    assert tight == [16, 8, 10]  # as much as there is, and no column lost for it
    short = fitted_widths(labels, [16, 20, 3], fill=2, whole=frozenset(), room=50, padding=2)
    assert short == [16, 20, 8]  # a short text takes the rest, and crops no other column


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize("screen", list(SCREENS))
async def test_every_screen_fits(
    long_app: LeuchtturmApp, screen: str, size: tuple[int, int]
) -> None:
    keys, headers, text_column, main_keys = SCREENS[screen]
    app = long_app
    async with app.run_test(size=size) as pilot:
        await _open(pilot, keys)
        if headers is not None:
            table = app.screen.query_one(LiveTable)
            await wait_until(pilot, lambda: table.row_count > 0 or screen == "reports")
            await settled(pilot)
            columns = table.ordered_columns
            assert [str(column.label) for column in columns] == headers
            shown_width = table.scrollable_content_region.width
            widths = [column.get_render_width(table) for column in columns]
            # no column beyond the right edge, and the text column reaches it
            assert sum(widths) == shown_width
            text = widths[headers.index(text_column)] - 2 * table.cell_padding
            assert text >= TEXT_AT[screen == "queue"][size]
        footer = app.screen.query_one(Footer)
        palette = app.screen.query_one("FooterKey.-command-palette", FooterKey)
        room = Region(footer.region.x, footer.region.y, palette.region.x, 1)
        keys_shown = [key for key in footer.query(FooterKey) if key is not palette]
        # every key whole: none cut off like "? Hil", none hidden under the palette key
        labels = list(footer.query(FooterLabel))
        assert [key.key for key in keys_shown if not room.contains_region(key.region)] == []
        assert [label for label in labels if not room.contains_region(label.region)] == []
        assert [key for key in main_keys if key not in {k.key for k in keys_shown}] == []
        # ? opens the help panel, which lists every key, the footer's and the hidden ones
        await pilot.press("escape")  # Verfassen: leave the field, so ? is no letter
        await pilot.press("question_mark")
        await settled(pilot)
        listed = _help_text(app)
        hidden = [
            binding.description
            for _, binding, _, _ in app.screen.active_bindings.values()
            if not binding.system and not binding.show and binding.description
        ]
        assert hidden, "every screen has keys that only the help panel lists"
        assert [word for word in hidden if word not in listed] == []


def _help_text(app: LeuchtturmApp) -> str:
    """The help panel's list of keys as plain text, however narrow the panel is."""
    table = app.screen.query_one(BindingsTable).render_bindings_table()
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(table)
    return console.export_text()


@pytest.mark.parametrize("size", SIZES, ids=size_id)
async def test_compose_counters_are_whole_and_never_under_a_notification(
    app: LeuchtturmApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size, notifications=True) as pilot:
        await _open(pilot, ("3",))
        app.screen.query_one("#base", TextArea).load_text("Zu lang für jede Plattform. " * 40)
        counters = list(app.screen.query(PlatformCounter))
        await wait_until(pilot, lambda: all("zu viel" in str(c.content) for c in counters))
        await pilot.press("escape", "ctrl+s")  # refused: too long, and a toast says so
        await wait_until(pilot, lambda: bool(app.screen.query(Toast)))
        await settled(pilot)
        screen = app.screen.region
        for counter in counters:
            written = len(str(counter.content))
            assert screen.contains_region(counter.region)
            assert counter.content_region.width >= written, str(counter.content)
            for toast in app.screen.query(Toast):
                assert not toast.region.overlaps(counter.region), str(counter.content)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
async def test_dialogs_fit_the_screen(long_app: LeuchtturmApp, size: tuple[int, int]) -> None:
    """The answer to a long reply and the reschedule question, inside the screen."""
    app = long_app
    async with app.run_test(size=size) as pilot:
        await _open(pilot, ("4",))
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnswerScreen))
        await settled(pilot)
        screen = app.screen.region
        for part in ("#answer", "#answer-text", "PlatformCounter"):
            assert screen.contains_region(app.screen.query_one(part).region), part
        await pilot.press("escape")
        await _open(pilot, ("2", "w"))
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await settled(pilot)
        for part in ("#prompt", "#prompt-input"):
            assert app.screen.region.contains_region(app.screen.query_one(part).region), part


async def test_the_queue_detail_shows_the_whole_text(long_app: LeuchtturmApp) -> None:
    """At 100 columns the text column shows the start; the pane below the table the rest."""
    app = long_app
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot, ("2", "w"))
        table = app.screen.query_one(LiveTable)
        await wait_until(pilot, lambda: table.row_count == 2)
        table.focus()
        await pilot.press("j")
        detail = app.screen.query_one("#post-detail", Static)
        await wait_until(pilot, lambda: LONG.strip() in str(detail.content))


async def test_the_text_column_follows_a_resize(long_app: LeuchtturmApp) -> None:
    """Made narrower and wider again, the inbox's columns still fill the screen exactly."""
    app = long_app
    async with app.run_test(size=(140, 40)) as pilot:
        table = await open_table(pilot, "4", 4)
        for width, height in ((100, 30), (140, 40), (100, 30)):
            await pilot.resize_terminal(width, height)
            await wait_until(pilot, lambda w=width: _columns_width(table) == w)
        assert table.ordered_columns[-1].width >= 30


def _columns_width(table: LiveTable) -> int:
    return sum(column.get_render_width(table) for column in table.ordered_columns)
