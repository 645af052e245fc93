"""The daemon never sends text nobody approved: a post whose text changed after its
approval waits until a second person approves the new text (real dispatch, tweepy
against the X sandbox)."""

from __future__ import annotations

from datetime import timedelta

from campaign.config import Settings, TeamMember
from campaign.daemon.runner import Daemon
from campaign.models import PostState
from campaign.people import Person, resolve
from campaign.services import campaigns, posts
from sandbox.x_server import XSandbox
from tests.campaign.x_lane import START
from tests.clock import ManualClock as Clock

TEAM = Settings(
    team=[
        TeamMember(name="anna", display_name="Anna Schmidt", role="editor"),
        TeamMember(name="bernd", display_name="Bernd Yilmaz", role="approver"),
    ]
)
ANNA: Person = resolve(TEAM, "anna", environ={})
BERND: Person = resolve(TEAM, "bernd", environ={})


def save(runner: Daemon, text: str) -> int:
    with runner.database.session() as session:
        draft = posts.PostDraft("auftakt", text, START + timedelta(minutes=1), ["x-todo"])
        post = posts.add_post(
            session, campaigns.by_slug(session, "todo"), draft, {}, person=ANNA
        )
        return post.id


def approve(runner: Daemon, post_id: int, person: Person) -> None:
    with runner.database.session() as session:
        posts.approve(session, posts.get_post(session, post_id), person=person)


def test_text_changed_after_approval_waits_for_a_new_approval(
    daemon: Daemon,
    x_sandbox: XSandbox,
    clock: Clock,
) -> None:
    post_id = save(daemon, "Heute startet to:do.")
    approve(daemon, post_id, BERND)
    save(daemon, "Heute startet to:do – ohne Freigabe geändert.")
    clock.now += timedelta(minutes=2)
    assert daemon.dispatch() == 0
    assert x_sandbox.own_tweets() == []
    with daemon.database.session() as session:
        assert posts.get_post(session, post_id).state == PostState.DRAFT
    approve(daemon, post_id, BERND)
    assert daemon.dispatch() == 1
    assert [tweet.text for tweet in x_sandbox.own_tweets()] == [
        "Heute startet to:do – ohne Freigabe geändert."
    ]
