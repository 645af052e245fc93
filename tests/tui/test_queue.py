"""The queue by local day and week: stepping, back to today, day/week, platform filter."""

from __future__ import annotations

from datetime import datetime, timedelta

from campaign.db import Database
from campaign.models import Campaign, Post, PostState, PostTarget
from campaign.services import accounts
from campaign.tui.leuchtturm_app import LeuchtturmApp
from campaign.tui.widgets.live_table import LiveTable
from tests.tui.conftest import FROZEN, SIZE, column, open_table, wait_until

# FROZEN is Tuesday 24 November 2026, 10:00 in Berlin; the seeded post went out on Monday.
LATER_POSTS = [
    ("heute-x", FROZEN + timedelta(hours=6), "x-todo"),
    ("morgen-bluesky", FROZEN + timedelta(days=1), "bluesky-todo"),
    ("nach-mitternacht", datetime.fromisoformat("2026-11-24T23:30+00:00"), "mastodon-todo"),
    ("naechste-woche", FROZEN + timedelta(days=7), "mastodon-todo"),
]


def _add_later_posts(database: Database) -> None:
    with database.session() as session:
        campaign = session.query(Campaign).one()
        for key, when, account in LATER_POSTS:
            target = PostTarget(account=accounts.by_name(session, account))
            post = Post(key=key, text=key, scheduled_at=when, state=PostState.DRAFT)
            post.targets = [target]
            campaign.posts.append(post)


def _keys(table: LiveTable) -> list[str]:
    return column(table, 2)


async def test_queue_steps_through_local_days_and_weeks_and_filters_platform(
    app: LeuchtturmApp, database: Database
) -> None:
    _add_later_posts(database)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_table(pilot, "2", 1)
        screen = app.screen
        assert _keys(table) == ["heute-x"]
        assert screen.sub_title == "Warteschlange · Di 24.11.2026"

        steps = [
            ("h", ["auftakt"], "Mo 23.11.2026"),
            ("t", ["heute-x"], "Di 24.11.2026"),
            # 23:30 UTC on Tuesday is already Wednesday in Berlin.
            ("l", ["nach-mitternacht", "morgen-bluesky"], "Mi 25.11.2026"),
            (
                "w",
                ["auftakt", "heute-x", "nach-mitternacht", "morgen-bluesky"],
                "Woche 2026-W48 (23.11.–29.11.2026)",
            ),
            ("l", ["naechste-woche"], "Woche 2026-W49 (30.11.–06.12.2026)"),
            (
                "t",
                ["auftakt", "heute-x", "nach-mitternacht", "morgen-bluesky"],
                "Woche 2026-W48 (23.11.–29.11.2026)",
            ),
            ("f", ["heute-x"], "Woche 2026-W48 (23.11.–29.11.2026)"),
            ("f", ["auftakt", "nach-mitternacht"], "Woche 2026-W48 (23.11.–29.11.2026)"),
        ]
        for key, expected, period in steps:
            await pilot.press(key)
            await wait_until(pilot, lambda expected=expected: _keys(table) == expected)
            assert screen.sub_title == f"Warteschlange · {period}", key

        filters = screen.query_one("#filters")
        assert "Plattform: mastodon" in str(filters.render())
        await pilot.press("h")  # nothing the week before: the screen says how to go on
        await wait_until(pilot, lambda: table.row_count == 0)
        assert "Keine Beiträge in diesem Zeitraum" in str(screen.query_one("#post-detail").render())
