"""Four eyes on SQLite and PostgreSQL: who may approve, counting, clearing on change,
comments, "Änderung erbeten", the append-only audit trail and its export."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from campaign import approvals, people
from campaign.config import Settings, TeamMember
from campaign.db import Database, make_engine, upgrade
from campaign.errors import UserError
from campaign.models import Approval, Campaign, Delivery, Event, Post, PostState
from campaign.services import audit, campaigns, events, plans, posts

SOON = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
PLANS = Path(__file__).parents[1] / "content" / "plans"


@pytest.fixture
def team(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "team": [
                TeamMember(name="anna", display_name="Anna Schmidt", role="editor"),
                TeamMember(name="bernd", display_name="Bernd Yilmaz", role="approver"),
                TeamMember(name="carla", display_name="Carla Nowak", role="admin"),
                TeamMember(name="dana", display_name="Dana Wolf", role="approver"),
            ]
        }
    )


def who(settings: Settings, name: str) -> people.Person:
    return people.resolve(settings, name, environ={})


@pytest.fixture
def campaign_id(database: Database) -> int:
    with database.session() as session:
        campaign = Campaign(slug="todo", name="to:do")
        session.add(campaign)
        session.flush()
        return campaign.id


def write(
    database: Database,
    person: people.Person,
    text: str = "Heute startet to:do.",
    *,
    at: datetime = SOON,
    approved: bool = False,
    accounts: tuple[str, ...] = ("mastodon-todo",),
) -> int:
    with database.session() as session:
        draft = posts.PostDraft(
            key="auftakt", text=text, scheduled_at=at, accounts=accounts, approved=approved
        )
        post = posts.add_post(
            session, campaigns.by_slug(session, "todo"), draft, {}, person=person
        )
        return post.id


def approve(database: Database, post_id: int, person: people.Person) -> str:
    with database.session() as session:
        post = posts.get_post(session, post_id)
        posts.approve(session, post, person=person)
        return post.state


def state(database: Database, post_id: int) -> tuple[str, approvals.Tally]:
    with database.session() as session:
        post = posts.get_post(session, post_id)
        return post.state, approvals.tally(post)


def require(database: Database, count: int, *, reapprove: bool = False) -> None:
    with database.session() as session:
        campaign = campaigns.by_slug(session, "todo")
        campaign.approvals_required = count
        campaign.reapprove_on_reschedule = reapprove


@pytest.mark.usefixtures("campaign_id")
def test_author_may_not_approve_own_post_nor_last_editor(
    database: Database, team: Settings
) -> None:
    carla = who(team, "carla")  # an admin, but it is her own post
    post_id = write(database, carla)
    with pytest.raises(approvals.ApprovalRefused, match="Vier-Augen"):
        approve(database, post_id, carla)
    assert state(database, post_id) == (PostState.DRAFT, approvals.Tally(0, 1, (), False))
    write(database, who(team, "dana"), "Heute startet to:do am Friedensplatz.")
    with pytest.raises(approvals.ApprovalRefused):  # dana changed it last
        approve(database, post_id, who(team, "dana"))


@pytest.mark.usefixtures("campaign_id")
def test_second_approver_accepted_and_recorded_by_name(
    database: Database, team: Settings
) -> None:
    post_id = write(database, who(team, "anna"))
    assert approve(database, post_id, who(team, "bernd")) == PostState.APPROVED
    with database.session() as session:
        deliveries = session.scalars(select(Delivery).where(Delivery.post_id == post_id))
        assert len(list(deliveries)) == 1
        trail = events.of_post(session, post_id)
    assert [(e.kind, e.person) for e in trail if e.kind.startswith("post.")] == [
        ("post.saved", "anna"),
        ("post.approval_given", "bernd"),
        ("post.approved", "bernd"),
    ]


@pytest.mark.usefixtures("campaign_id")
def test_two_approvals_counted_distinct(database: Database, team: Settings) -> None:
    require(database, 2)
    post_id = write(database, who(team, "anna"))
    assert approve(database, post_id, who(team, "bernd")) == PostState.DRAFT
    assert state(database, post_id)[1] == approvals.Tally(1, 2, ("bernd",), False)
    with pytest.raises(approvals.ApprovalRefused, match="schon freigegeben"):
        approve(database, post_id, who(team, "bernd"))
    assert approve(database, post_id, who(team, "carla")) == PostState.APPROVED
    assert state(database, post_id)[1].given == 2


@pytest.mark.usefixtures("campaign_id")
def test_editor_role_refused(database: Database, team: Settings) -> None:
    post_id = write(database, who(team, "bernd"))
    with pytest.raises(approvals.ApprovalRefused, match="Rolle editor"):
        approve(database, post_id, who(team, "anna"))
    assert state(database, post_id)[0] == PostState.DRAFT


def test_unknown_person_refused_and_order_of_names(team: Settings) -> None:
    with pytest.raises(UserError, match=r"Unbekannte Person 'bernt'.*anna, bernd"):
        people.resolve(team, "bernt", environ={})
    configured = team.model_copy(update={"user": "carla"})
    assert people.resolve(configured, None, environ={"LEUCHTTURM_USER": "dana"}).name == "dana"
    assert people.resolve(configured, None, environ={}).role == people.Role.ADMIN
    assert people.resolve(configured, "anna", environ={"LEUCHTTURM_USER": "dana"}).name == "anna"


@pytest.mark.usefixtures("campaign_id")
def test_edit_of_approved_post_clears_approvals_with_reason_and_diff(
    database: Database, team: Settings
) -> None:
    post_id = write(database, who(team, "anna"))
    approve(database, post_id, who(team, "bernd"))
    # what `post add` without --approve does: the same key, a new text
    write(database, who(team, "anna"), "Heute startet to:do. Alle Infos: example.org")
    current, tally = state(database, post_id)
    assert current == PostState.DRAFT and tally.given == 0
    with database.session() as session:
        trail = events.of_post(session, post_id)
    changed = next(e for e in trail if e.kind == "post.changed")
    assert changed.person == "anna" and changed.data["fields"] == ["text"]
    assert "-Heute startet to:do." in changed.data["diff"]
    assert "+Heute startet to:do. Alle Infos: example.org" in changed.data["diff"]
    revoked = next(e for e in trail if e.kind == "post.revoked")
    assert "Inhalt geändert (text)" in revoked.message
    # the same text saved again changes nothing: bernd's new approval stays
    approve(database, post_id, who(team, "bernd"))
    write(database, who(team, "anna"), "Heute startet to:do. Alle Infos: example.org")
    assert state(database, post_id)[0] == PostState.APPROVED


@pytest.mark.usefixtures("campaign_id")
def test_change_of_target_accounts_clears_approvals(database: Database, team: Settings) -> None:
    post_id = write(database, who(team, "anna"))
    approve(database, post_id, who(team, "bernd"))
    write(database, who(team, "anna"), accounts=("mastodon-todo", "x-todo"))
    assert state(database, post_id)[0] == PostState.DRAFT


@pytest.mark.usefixtures("campaign_id")
def test_own_approve_flag_does_not_count_under_four_eyes(
    database: Database, team: Settings, settings: Settings
) -> None:
    post_id = write(database, who(team, "carla"), approved=True)
    assert state(database, post_id)[0] == PostState.DRAFT
    # without a team one person runs everything, as before
    with database.session() as session:
        session.add(Campaign(slug="solo", name="solo"))
    with database.session() as session:
        draft = posts.PostDraft("a", "Hallo", SOON, ["x-todo"], approved=True)
        solo = people.resolve(settings, "ich", environ={})
        post = posts.add_post(session, campaigns.by_slug(session, "solo"), draft, {}, person=solo)
        assert post.state == PostState.APPROVED


@pytest.mark.usefixtures("campaign_id")
@pytest.mark.parametrize("reapprove", [False, True])
def test_reschedule_keeps_approvals_unless_the_campaign_asks_again(
    database: Database, team: Settings, reapprove: bool
) -> None:
    require(database, 1, reapprove=reapprove)
    post_id = write(database, who(team, "anna"))
    approve(database, post_id, who(team, "bernd"))
    with database.session() as session:
        posts.reschedule(session, posts.get_post(session, post_id), SOON + timedelta(hours=2),
                         person="anna")
    expected = PostState.DRAFT if reapprove else PostState.APPROVED
    assert state(database, post_id)[0] == expected
    # a changed time through a re-save (post add, re-import) follows the same rule
    if reapprove:
        approve(database, post_id, who(team, "bernd"))
    write(database, who(team, "anna"), at=SOON + timedelta(hours=3))
    assert state(database, post_id)[0] == expected


@pytest.mark.usefixtures("campaign_id")
def test_request_changes_sends_back_with_comment_and_an_edit_ends_it(
    database: Database, team: Settings
) -> None:
    post_id = write(database, who(team, "anna"))
    approve(database, post_id, who(team, "bernd"))
    with database.session() as session:
        post = posts.get_post(session, post_id)
        approvals.comment(session, post, who(team, "dana"), "Bitte Link prüfen")
        posts.request_changes(session, post, who(team, "carla"), "Link fehlt")
    current, tally = state(database, post_id)
    assert current == PostState.DRAFT and tally.changes_requested and tally.given == 0
    with database.session() as session:
        notes = [
            (e.person, e.message)
            for e in events.of_post(session, post_id)
            if e.kind in ("post.comment", "post.changes_requested")
        ]
        mine = posts.list_posts(session, awaiting=who(team, "bernd"))
    assert notes == [("dana", "Bitte Link prüfen"), ("carla", "Link fehlt")]
    assert mine == []  # sent back: it waits for its author, not for approvers
    write(database, who(team, "anna"), "Heute startet to:do: https://example.org")
    assert not state(database, post_id)[1].changes_requested
    with pytest.raises(approvals.ApprovalRefused), database.session() as session:
        posts.request_changes(session, posts.get_post(session, post_id), who(team, "anna"),
                              "x")


@pytest.mark.usefixtures("campaign_id")
def test_awaiting_my_approval(database: Database, team: Settings) -> None:
    post_id = write(database, who(team, "anna"))
    with database.session() as session:
        assert [p.id for p in posts.list_posts(session, awaiting=who(team, "bernd"))] == [post_id]
        assert posts.list_posts(session, awaiting=who(team, "anna")) == []
    approve(database, post_id, who(team, "bernd"))
    with database.session() as session:
        assert posts.list_posts(session, awaiting=who(team, "carla")) == []


def test_thread_is_approved_and_reset_as_one_unit(
    database: Database, team: Settings, tmp_path: Path
) -> None:
    anna, bernd = who(team, "anna"), who(team, "bernd")
    with database.session() as session:
        plans.import_plan(session, team, PLANS / "small.toml", person=anna)
    with database.session() as session:
        head = session.scalar(select(Post).where(Post.key == "winterzeit"))
        assert head is not None
        posts.approve(session, head, person=bernd)
    with database.session() as session:
        chain = {p.key: p.state for p in session.scalars(select(Post))}
        rows = session.scalars(select(Approval.person).join(Post).where(
            Post.key.startswith("winterzeit")))
        assert list(rows) == ["bernd", "bernd"]
    assert chain["winterzeit"] == chain["winterzeit#2"] == PostState.APPROVED
    assert chain["auftakt"] == PostState.DRAFT  # approved = true by its own author
    # only the second part changes: the head must not go out alone
    plan = tmp_path / "plan.toml"
    body = (PLANS / "small.toml").read_text(encoding="utf-8")
    plan.write_text(body.replace("ein zweiter Teil", "ein neuer zweiter Teil"), "utf-8")
    shutil.copytree(PLANS / "media", tmp_path / "media")
    with database.session() as session:
        plans.import_plan(session, team, plan, person=anna)
    with database.session() as session:
        chain = {p.key: p.state for p in session.scalars(select(Post))}
    assert chain["winterzeit"] == chain["winterzeit#2"] == PostState.DRAFT


def test_plan_sets_the_policy_and_reimport_of_changed_text_clears(
    database: Database, team: Settings, tmp_path: Path
) -> None:
    plan = tmp_path / "plan.toml"
    body = (PLANS / "small.toml").read_text(encoding="utf-8")
    policy = 'accounts = ["mastodon-todo", "x-todo", "bluesky-todo"]\napprovals = 2\n'
    body = body.replace('accounts = ["mastodon-todo", "x-todo", "bluesky-todo"]\n', policy, 1)
    plan.write_text(body, encoding="utf-8")
    shutil.copytree(PLANS / "media", tmp_path / "media")
    with database.session() as session:
        outcome = plans.import_plan(session, team, plan, person=who(team, "anna"))
        assert campaigns.by_slug(session, "probe").approvals_required == 2
    assert any("approved = true nicht übernommen für 1" in w for w in outcome.warnings)
    with database.session() as session:
        head = session.scalar(select(Post).where(Post.key == "auftakt"))
        assert head is not None
        posts.approve(session, head, person=who(team, "bernd"))
        posts.approve(session, head, person=who(team, "carla"))
        assert head.state == PostState.APPROVED
    plan.write_text(body.replace("am Friedensplatz", "auf dem Friedensplatz"), encoding="utf-8")
    with database.session() as session:
        plans.import_plan(session, team, plan, person=who(team, "anna"))
    with database.session() as session:
        head = session.scalar(select(Post).where(Post.key == "auftakt"))
        assert head is not None and head.state == PostState.DRAFT
        assert head.last_editor == "anna" and approvals.tally(head).given == 0


def test_events_refuse_update_and_delete_but_an_alert_resolves(
    database: Database, campaign_id: int
) -> None:
    with database.session() as session:
        alert = events.record(session, "alert.negative_spike", "Spitze", campaign_id=campaign_id)
        session.flush()
        alert_id = alert.id
    for statement in (
        "UPDATE events SET message = 'umgeschrieben' WHERE id = :id",
        "UPDATE events SET person = 'jemand' WHERE id = :id",
        "DELETE FROM events WHERE id = :id",
    ):
        with pytest.raises(DBAPIError, match="append-only"), database.session() as session:
            session.execute(text(statement), {"id": alert_id})
    with database.session() as session:
        campaigns.resume(session, "todo", person="carla")  # resolves the open alert
    with database.session() as session:
        resolved = session.get_one(Event, alert_id)
        assert resolved.resolved_at is not None and resolved.message == "Spitze"
    with pytest.raises(DBAPIError, match="append-only"), database.session() as session:
        session.execute(
            text("UPDATE events SET resolved_at = NULL WHERE id = :id"), {"id": alert_id}
        )


def test_audit_export_names_people_and_guards_formulas(
    database: Database, team: Settings
) -> None:
    with database.session() as session:
        session.add(Campaign(slug="todo", name="to:do"))
    post_id = write(database, who(team, "anna"))
    with database.session() as session:
        post = posts.get_post(session, post_id)
        approvals.comment(session, post, who(team, "bernd"), '=HYPERLINK("http://x","klick")')
        trail = audit.rows(session, team, campaigns.by_slug(session, "todo"))
    exported = list(csv.DictReader(io.StringIO(audit.as_csv(trail))))
    assert [row["person"] for row in exported] == ["Anna Schmidt", "Bernd Yilmaz"]
    assert exported[1]["message"] == "'=HYPERLINK(\"http://x\",\"klick\")"
    assert exported[0]["at"].endswith(("+01:00", "+02:00"))  # the campaign's zone
    assert json.loads(audit.as_json(trail))[1]["message"].startswith("=HYPERLINK")


def test_old_approvals_keep_working_as_unknown(database_url: str, settings: Settings) -> None:
    """A database approved before people were recorded: its posts still go out."""
    engine = make_engine(database_url)
    upgrade(engine, "0002")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO campaigns (slug, name, description, time_zone, "
                                "paused, created_at, updated_at) VALUES ('alt', 'Alt', '', "
                                "'Europe/Berlin', false, :now, :now)"), {"now": SOON})
        connection.execute(text("INSERT INTO posts (campaign_id, key, text, scheduled_at, state, "
                                "thread_position, created_at, updated_at, approved_at) VALUES "
                                "(1, 'p', 'Hallo', :now, 'approved', 0, :now, :now, :now)"),
                           {"now": SOON})
    upgrade(engine)
    database = Database(engine)
    with database.session() as session:
        post = session.scalars(select(Post)).one()
        tally = approvals.tally(post)
        assert (post.state, tally.given, tally.required) == (PostState.APPROVED, 1, 1)
        assert [people.shown(name, settings) for name in tally.approvers] == ["unbekannt"]
    engine.dispose()
