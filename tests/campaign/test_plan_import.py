"""Importing plans into the database: all or nothing, idempotent, threads as chains."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from campaign.config import Settings
from campaign.db import Database
from campaign.errors import UserError
from campaign.models import Campaign, Delivery, DeliveryState, Post
from campaign.services import plans, posts

PLANS = Path(__file__).parents[1] / "content" / "plans"
EXAMPLE = Path(__file__).parents[2] / "examples" / "todo-dortmund.toml"


def count(database: Database, model: type) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_small_plan_imports_with_thread_chain_and_deliveries(
    database: Database, settings: Settings
) -> None:
    with database.session() as session:
        outcome = plans.import_plan(session, settings, PLANS / "small.toml")
    assert (outcome.slug, outcome.created, outcome.updated) == ("probe", 3, 0)
    with database.session() as session:
        posts = {p.key: p for p in session.scalars(select(Post))}
        assert posts["winterzeit#2"].thread_parent_id == posts["winterzeit"].id
        assert posts["auftakt"].text_for("x") == "Heute startet die to:do-Woche! #ToDoDortmund"
        assert len(posts["auftakt"].media) == 1
        # approved = true in the plan: one delivery per target account
        deliveries = session.scalars(
            select(Delivery).where(Delivery.post_id == posts["auftakt"].id)
        )
        assert len(list(deliveries)) == 3


def test_reimport_updates_instead_of_duplicating(database: Database, settings: Settings) -> None:
    for _ in range(2):
        with database.session() as session:
            outcome = plans.import_plan(session, settings, PLANS / "small.toml")
    assert (outcome.created, outcome.updated) == (0, 3)
    assert count(database, Post) == 3
    assert count(database, Campaign) == 1
    assert count(database, Delivery) == 3


def test_invalid_plan_writes_nothing_and_lists_every_problem(
    database: Database, settings: Settings
) -> None:
    with pytest.raises(UserError) as error, database.session() as session:
        plans.import_plan(session, settings, PLANS / "invalid.toml")
    message = str(error.value)
    assert "zu-lang" in message and "threads-todo" in message
    assert len(message.splitlines()) >= 3
    assert count(database, Post) == 0
    assert count(database, Campaign) == 0


def test_dst_gap_is_rejected_with_a_suggestion(database: Database, settings: Settings) -> None:
    with pytest.raises(UserError, match="03:30"), database.session() as session:
        plans.import_plan(session, settings, PLANS / "dst-gap.toml")


@pytest.mark.skipif(not EXAMPLE.exists(), reason="example plan not present")
def test_shipped_example_imports(database: Database, settings: Settings) -> None:
    with database.session() as session:
        outcome = plans.import_plan(session, settings, EXAMPLE)
    assert outcome.created >= 20


def test_reimport_of_a_shorter_thread_cancels_the_parts_beyond_its_end(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    with database.session() as session:
        plans.import_plan(session, settings, PLANS / "small.toml")
    shorter = (PLANS / "small.toml").read_text(encoding="utf-8")
    shorter = shorter.replace('thread = ["Und ein zweiter Teil im Thread."]\n', "")
    shutil.copytree(PLANS / "media", tmp_path / "media")  # a symlink out would be refused
    (tmp_path / "small.toml").write_text(shorter, encoding="utf-8")
    with database.session() as session:
        outcome = plans.import_plan(session, settings, tmp_path / "small.toml")
    assert (outcome.created, outcome.updated) == (0, 2)
    with database.session() as session:
        states = {p.key: p.state for p in session.scalars(select(Post))}
    assert states == {"auftakt": "approved", "winterzeit": "draft", "winterzeit#2": "cancelled"}
    with database.session() as session:  # and back: a cancelled post is never revived
        outcome = plans.import_plan(session, settings, PLANS / "small.toml")
        state = session.scalars(select(Post.state).where(Post.key == "winterzeit#2")).one()
    assert state == "cancelled"
    assert "winterzeit#2: cancelled earlier, kept cancelled" in outcome.warnings[-1]


def test_reimport_keeps_a_post_cancelled_in_the_queue_cancelled(
    database: Database, settings: Settings
) -> None:
    with database.session() as session:
        plans.import_plan(session, settings, PLANS / "small.toml")
        auftakt = session.scalars(select(Post).where(Post.key == "auftakt")).one()
        posts.cancel(session, auftakt)
    with database.session() as session:  # the plan says approved; a person said no
        outcome = plans.import_plan(session, settings, PLANS / "small.toml")
    assert outcome.updated == 3 and "auftakt" in outcome.warnings[-1]
    with database.session() as session:
        states = set(session.scalars(select(Delivery.state)))
    assert states == {DeliveryState.WITHDRAWN}  # kept for the audit trail, never sent


def _plan(tmp_path: Path, *times: str) -> Path:
    """A plan of lone Mastodon posts at these local times."""
    lines = ['[campaign]\nslug = "woche"\nname = "Woche"\naccounts = ["mastodon-todo"]\n']
    lines += [
        f'[[posts]]\nkey = "p{n}"\nat = {at}\ntext = "Beitrag {n} der Woche"\n'
        for n, at in enumerate(times)
    ]
    path = tmp_path / "woche.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_shift_to_moves_a_plan_keeping_local_times_across_dst(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    # Last year's week spanned the spring change; so does the new one, a year later.
    plan = _plan(tmp_path, "2025-03-28T10:00:00", "2025-03-31T10:00:00")
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with database.session() as session:
        plans.import_plan(session, settings, plan, shift_to=date(2026, 3, 27), now=now)
    zone = ZoneInfo("Europe/Berlin")
    with database.session() as session:
        moved = [
            p.scheduled_at.astimezone(zone)
            for p in session.scalars(select(Post).order_by(Post.key))
        ]
    assert [m.isoformat() for m in moved] == [
        "2026-03-27T10:00:00+01:00",
        "2026-03-30T10:00:00+02:00",
    ]


def test_shift_to_refuses_a_time_that_lands_in_the_dst_gap(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    plan = _plan(tmp_path, "2025-03-29T02:30:00")
    with pytest.raises(UserError, match="gibt es in Europe/Berlin nicht"), database.session() as s:
        plans.import_plan(s, settings, plan, shift_to=date(2026, 3, 29))
    assert count(database, Post) == 0


def test_a_plan_with_a_past_post_is_refused_whole_with_a_hint(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    plan = _plan(tmp_path, "2026-06-01T10:00:00", "2025-06-01T10:00:00")
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(UserError, match=r"2025-06-01 10:00 .* --shift-to"), database.session() as s:
        plans.import_plan(s, settings, plan, now=now)
    assert count(database, Post) == 0
