"""Four eyes in the queue: author and approvals per row, "wartet auf meine Freigabe",
approve and request changes as the configured person, comments and the audit trail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from textual.pilot import Pilot
from textual.widgets import Static

from campaign.config import Settings, TeamMember
from campaign.db import Database
from campaign.models import Approval, Campaign, Event, Post, PostState, PostTarget
from campaign.services import accounts
from campaign.tui.app import make_app
from campaign.tui.leuchtturm_app import LeuchtturmApp
from campaign.tui.screens.prompt import PromptScreen
from tests.tui.conftest import FROZEN, SIZE, column, open_table, seed, wait_until
from tests.tui.screenshot import settled

TOMORROW = FROZEN + timedelta(days=1)


def team_settings(settings: Settings) -> Settings:
    """Bernd approves at this desk; Anna writes, Carla approves too."""
    return settings.model_copy(
        update={
            "user": "bernd",
            "team": [
                TeamMember(name="anna", display_name="Anna Schmidt", role="editor"),
                TeamMember(name="bernd", display_name="Bernd Yilmaz", role="approver"),
                TeamMember(name="carla", display_name="Carla Nowak", role="admin"),
            ],
        }
    )


def seed_team_posts(database: Database) -> None:
    """Three drafts tomorrow: one by Anna with Carla's approval of two, one Bernd wrote
    himself, one Bernd sent back to Anna; with fixed times, so the trail draws the same."""
    with database.session() as session:
        campaign = session.scalars(select(Campaign)).one()
        campaign.approvals_required = 2
        account = accounts.by_name(session, "mastodon-todo")
        rows = [
            ("programm", "Das Programm steht: example.org/programm", "anna"),
            ("eigener", "Bernd schreibt selbst.", "bernd"),
            ("zurueck", "Jobspeeddating am Samstag", "anna"),
        ]
        made = {}
        for number, (key, text, author) in enumerate(rows):
            post = Post(
                campaign=campaign,
                key=key,
                text=text,
                scheduled_at=TOMORROW + timedelta(hours=number),
                state=PostState.DRAFT,
                author=author,
                last_editor=author,
            )
            post.targets = [PostTarget(account=account)]
            session.add(post)
            made[key] = post
        made["programm"].approvals = [Approval(person="carla", at=FROZEN - timedelta(hours=1))]
        made["zurueck"].changes_requested_at = FROZEN - timedelta(minutes=30)
        session.flush()
        trail = [
            ("programm", "post.saved", "post programm: gespeichert", "anna", 2),
            ("programm", "post.approval_given", "post programm: Freigabe 1/2", "carla", 1),
            ("programm", "post.comment", "Bitte Link prüfen [bold]", "carla", 0.5),
            ("zurueck", "post.changes_requested", "Uhrzeit fehlt", "bernd", 0.5),
        ]
        for key, kind, message, person, hours in trail:
            session.add(
                Event(
                    at=FROZEN - timedelta(hours=hours),
                    kind=kind,
                    message=message,
                    campaign_id=campaign.id,
                    post_id=made[key].id,
                    person=person,
                )
            )


@pytest.fixture
def team_app(database: Database, settings: Settings) -> LeuchtturmApp:
    seed(database)
    seed_team_posts(database)
    return make_app(database, team_settings(settings), clock=lambda: FROZEN)


def approvers(database: Database, key: str) -> list[str | None]:
    with database.session() as session:
        query = select(Approval.person).join(Post).where(
            Post.key == key, Approval.cleared_at.is_(None)
        )
        return list(session.scalars(query))


def post_state(database: Database, key: str) -> Post:
    with database.session() as session:
        return session.scalars(select(Post).where(Post.key == key)).one()


async def test_queue_shows_authors_and_approvals_and_filters_mine(
    team_app: LeuchtturmApp,
) -> None:
    async with team_app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        table = await open_table(pilot, "w", 4)
        assert column(table, 2) == ["auftakt", "programm", "eigener", "zurueck"]
        assert column(table, 4) == ["unbekannt", "Anna Schmidt", "Bernd Yilmaz", "Anna Schmidt"]
        assert column(table, 5)[1:] == ["1/2", "0/2", "Änderung erbeten"]
        await pilot.press("g")  # not his own, not sent back, not approved by him yet
        await wait_until(pilot, lambda: column(table, 2) == ["programm"])
        filters = str(team_app.screen.query_one("#filters", Static).render())
        assert "wartet auf meine Freigabe (Bernd Yilmaz)" in filters


async def test_approve_as_configured_person_and_the_trail_pane(
    team_app: LeuchtturmApp, database: Database
) -> None:
    async with team_app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        table = await open_table(pilot, "w", 4)
        await pilot.press("down")
        trail = team_app.screen.query_one("#post-trail", Static)
        await wait_until(pilot, lambda: "Bitte Link prüfen [bold]" in str(trail.render()))
        shown = str(trail.render())
        assert "Kommentare:" in shown and "Carla Nowak: Bitte Link prüfen [bold]" in shown
        await pilot.press("a")
        await wait_until(pilot, lambda: approvers(database, "programm") == ["carla", "bernd"])
        await wait_until(pilot, lambda: column(table, 5)[1] == "2/2")
        assert post_state(database, "programm").state == PostState.APPROVED
        await pilot.press("down", "a")  # his own post: refused, said so, nothing changed
        await wait_until(
            pilot,
            lambda: any("Vier-Augen" in str(n.message) for n in team_app._notifications),
        )
        assert approvers(database, "eigener") == []


async def test_request_changes_sends_back_with_the_comment(
    team_app: LeuchtturmApp, database: Database
) -> None:
    async with team_app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        table = await open_table(pilot, "w", 4)
        await pilot.press("down", "r")
        await wait_until(pilot, lambda: isinstance(team_app.screen, PromptScreen))
        await pilot.press(*"Link auf https://example.org", "enter")
        await wait_until(pilot, lambda: column(table, 5)[1] == "Änderung erbeten")
        post = post_state(database, "programm")
        assert post.changes_requested_at is not None and approvers(database, "programm") == []
        with database.session() as session:
            query = select(Event).where(
                Event.kind == "post.changes_requested", Event.post_id == post.id
            )
            note = session.scalars(query).one()
        assert (note.person, note.message) == ("bernd", "Link auf https://example.org")


def test_queue_with_approvals_snapshot(  # type: ignore[no-untyped-def]
    snap_compare, team_app: LeuchtturmApp
) -> None:
    """The week with authors, "1/2", "Änderung erbeten", and the selected
    post's comments and trail (its comment's brackets drawn as typed)."""

    async def open_queue(pilot: Pilot[None]) -> None:
        for key in ("2", "w", "down"):
            await pilot.press(key)
            await settled(pilot)

    assert snap_compare(team_app, terminal_size=SIZE, run_before=open_queue)
