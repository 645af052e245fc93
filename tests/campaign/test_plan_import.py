"""Importing plans into the database: all or nothing, idempotent, threads as chains."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from campaign.config import Settings
from campaign.db import Database
from campaign.errors import UserError
from campaign.models import Campaign, Delivery, Post
from campaign.services import plans

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
