"""A cancelled post can be brought back: as a draft that needs its approvals again, with
an audit event, through the lifecycle, the service and `leuchtturm post restore`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from campaign import approvals
from campaign.db import Database, make_engine, upgrade
from campaign.lifecycle import TransitionError
from campaign.models import Campaign, DeliveryState, Event, Post, PostState, PostTarget
from campaign.services import accounts, posts
from tests.campaign.test_cli_usage import leuchtturm

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _approved_post(database: Database) -> int:
    with database.session() as session:
        post = Post(
            campaign=Campaign(slug="todo", name="to:do"),
            key="auftakt",
            text="Heute startet to:do.",
            scheduled_at=NOW + timedelta(days=1),
            state=PostState.DRAFT,
        )
        post.targets = [PostTarget(account=accounts.by_name(session, "x-todo"))]
        session.add(post)
        session.flush()
        posts.approve(session, post, now=NOW)
        assert post.state == PostState.APPROVED and len(post.deliveries) == 1
        return post.id


def test_a_cancelled_post_comes_back_as_a_draft_that_needs_approving(
    database: Database,
) -> None:
    post_id = _approved_post(database)
    with database.session() as session:
        posts.cancel(session, posts.get_post(session, post_id), person="anna")
    with database.session() as session:
        post = posts.get_post(session, post_id)
        assert posts.restore(session, post, person="anna") == 1
        assert post.state == PostState.DRAFT and post.approved_at is None
        assert approvals.tally(post).given == 0, "the approval given before the cancel is gone"
        assert [d.state for d in post.deliveries] == [DeliveryState.WITHDRAWN]
        kinds = list(session.scalars(select(Event.kind).where(Event.post_id == post_id)))
        assert "post.restored" in kinds
        restored = session.scalars(
            select(Event).where(Event.kind == "post.restored")
        ).one()
        assert restored.person == "anna" and restored.data is not None
        assert (restored.data["from"], restored.data["to"]) == ("cancelled", "draft")
    with database.session() as session:
        post = posts.get_post(session, post_id)
        posts.approve(session, post, now=NOW)
        assert post.state == PostState.APPROVED
        assert [d.state for d in post.deliveries] == [DeliveryState.PENDING]


def test_restoring_a_post_that_is_not_cancelled_is_refused(database: Database) -> None:
    post_id = _approved_post(database)
    with database.session() as session, pytest.raises(TransitionError, match="restore"):
        posts.restore(session, posts.get_post(session, post_id))


@pytest.fixture
def cancelled_database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'restore.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    with Database(engine).session() as session:
        session.add(
            Post(
                campaign=Campaign(slug="todo", name="to:do"),
                key="auftakt",
                text="Hallo",
                scheduled_at=NOW,
                state=PostState.CANCELLED,
            )
        )
    engine.dispose()
    return url


def test_post_restore_on_the_command_line(cancelled_database: str, tmp_path: Path) -> None:
    result = leuchtturm("post", "restore", "1", cwd=tmp_path, url=cancelled_database)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "Beitrag 1 wiederhergestellt (1 Teil) als Entwurf: er braucht neue Freigaben "
        "(leuchtturm post approve 1)."
    )
    listed = leuchtturm("post", "list", cwd=tmp_path, url=cancelled_database)
    assert " Entwurf " in listed.stdout and "draft" not in listed.stdout
    again = leuchtturm("post", "restore", "1", cwd=tmp_path, url=cancelled_database)
    assert again.returncode == 2 and "Traceback" not in again.stderr
    assert again.stderr.startswith("Fehler: ")


@pytest.mark.parametrize(
    ("lang", "words"),
    [("de", "Einen abgesagten Beitrag als Entwurf zurückholen"),
     ("en", "Bring a cancelled post back as a draft")],
)
def test_post_restore_help_in_both_languages(tmp_path: Path, lang: str, words: str) -> None:
    result = leuchtturm("post", "restore", "--help", cwd=tmp_path, lang=lang)
    assert result.returncode == 0, result.stderr
    assert words in " ".join(result.stdout.split())
