"""Answering a reply, the alerts banner with pause and resume, the dashboard's heartbeat,
and the campaigns and accounts screens, each through real keystrokes."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from textual.widgets import Static, TextArea

from campaign.db import Database
from campaign.models import Campaign, DeliveryState, Event, Post, PostState, Reply
from campaign.services import accounts
from campaign.tui.leuchtturm_app import LeuchtturmApp
from campaign.tui.screens.answer import AnswerScreen
from campaign.tui.widgets.alerts_banner import AlertsBanner
from campaign.tui.widgets.live_table import LiveTable
from tests.tui.conftest import FROZEN, SIZE, column, open_table, wait_until


def _question(database: Database) -> Reply:
    with database.session() as session:
        return session.scalars(select(Reply).where(Reply.is_question.is_(True))).one()


async def test_answering_a_question_queues_an_approved_threaded_post(
    app: LeuchtturmApp, database: Database
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        table = await open_table(pilot, "4", 3)
        await pilot.press("u")  # open (unanswered) questions only
        await wait_until(pilot, lambda: table.row_count == 1)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, AnswerScreen))
        await pilot.press(*"Am Donnerstag um 18 Uhr.")
        assert app.screen.query_one(TextArea).text == "Am Donnerstag um 18 Uhr."
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: _question(database).answer_post_id is not None)
        await wait_until(pilot, lambda: table.row_count == 0)

    question = _question(database)
    with database.session() as session:
        answer = session.get_one(Post, question.answer_post_id)
        assert answer.state == PostState.APPROVED
        assert answer.text == "Am Donnerstag um 18 Uhr."
        assert answer.scheduled_at == FROZEN
        [delivery] = answer.deliveries
        assert delivery.state == DeliveryState.PENDING
        assert delivery.account_id == accounts.by_name(session, "mastodon-todo").id


async def test_alert_banner_pauses_and_resumes_the_alerted_campaign(
    app: LeuchtturmApp, database: Database
) -> None:
    with database.session() as session:
        campaign = session.scalars(select(Campaign)).one()
        session.add(
            Event(
                at=FROZEN - timedelta(minutes=5),
                kind="alert.negative_spike",
                message="Negative Antworten: 12 in einer Stunde",
                campaign_id=campaign.id,
            )
        )

    def paused() -> bool:
        with database.session() as session:
            return session.scalars(select(Campaign)).one().paused

    async with app.run_test(size=SIZE) as pilot:
        banner = app.screen.query_one(AlertsBanner)
        await wait_until(pilot, lambda: banner.has_class("-active"))
        assert "Negative Antworten: 12" in str(banner.render())
        await pilot.press("exclamation_mark")
        await wait_until(pilot, paused)
        await wait_until(pilot, lambda: "angehalten" in str(banner.render()))
        await pilot.press("2")  # the banner is on every screen
        await wait_until(pilot, lambda: app.screen.query_one(AlertsBanner).has_class("-active"))
        await pilot.press("circumflex_accent")
        await wait_until(pilot, lambda: not paused())


async def test_dashboard_shows_heartbeat_and_seven_day_split(app: LeuchtturmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        daemon = app.screen.query_one("#daemon", Static)
        await wait_until(pilot, lambda: "zuletzt vor 4 s" in str(daemon.render()))
        split = app.screen.query_one("#split", Static)
        expected = "3 Antworten: 1 positiv · 1 neutral · 1 negativ"
        await wait_until(pilot, lambda: expected in str(split.render()))


async def test_campaigns_screen_pauses_selected_campaign(
    app: LeuchtturmApp, database: Database
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        table = await open_table(pilot, "5", 1)
        assert [str(cell) for cell in table.get_row("todo")][4:] == ["1", "1", "3"]
        await pilot.press("p")
        await wait_until(pilot, lambda: str(table.get_row("todo")[3]) == "ja")
        await pilot.press("6")
        accounts_table = app.screen.query_one(LiveTable)
        await wait_until(pilot, lambda: accounts_table.row_count == 3)


async def test_accounts_screen_says_why_an_account_waits(
    app: LeuchtturmApp, database: Database
) -> None:
    with database.session() as session:
        accounts.by_name(session, "x-todo").rate_limited_until = FROZEN + timedelta(minutes=15)
        accounts.by_name(session, "bluesky-todo").paced_until = FROZEN + timedelta(minutes=1)
        accounts.by_name(session, "mastodon-todo").paced_until = FROZEN - timedelta(minutes=1)
    async with app.run_test(size=SIZE) as pilot:
        table = await open_table(pilot, "6", 3)
        reasons = dict(zip(column(table, 0), column(table, 4), strict=True))
    assert reasons["x-todo"] == "Ratenlimit bis 10:15"
    assert reasons["bluesky-todo"] == "holt Verpasstes nach, nächster Beitrag 10:01"
    assert reasons["mastodon-todo"] == ""
