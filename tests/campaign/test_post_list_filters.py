"""`list_posts` filters by platform and local day or week, in SQL and through
`leuchtturm post list`: a day ends at local midnight, not at UTC midnight."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from campaign.cli.main import app as cli_app
from campaign.db import Database
from campaign.errors import UserError
from campaign.models import Campaign, Delivery, DeliveryState, Post, PostState, PostTarget
from campaign.services import accounts, posts

# Monday 29 April 2024 in Berlin (UTC+2) runs from 28 April 22:00 to 29 April 22:00 UTC.
MONDAY_START = datetime(2024, 4, 28, 22, 0, tzinfo=UTC)
TUESDAY_START = MONDAY_START + timedelta(days=1)


def _seed(database: Database) -> None:
    """Four posts around Monday's local bounds; `late-x` was delivered to Mastodon only."""
    with database.session() as session:
        campaign = Campaign(slug="todo", name="to:do")
        by_name = {name: accounts.by_name(session, name) for name in ("mastodon-todo", "x-todo")}
        bluesky = accounts.by_name(session, "bluesky-todo")
        plan = [
            ("sunday-late", MONDAY_START - timedelta(minutes=1), [bluesky]),
            ("monday-early", MONDAY_START, [by_name["mastodon-todo"]]),
            ("monday-late", TUESDAY_START - timedelta(minutes=1), [by_name["x-todo"]]),
            ("tuesday", TUESDAY_START, [bluesky]),
        ]
        for key, when, targets in plan:
            post = Post(
                campaign=campaign, key=key, text=key, scheduled_at=when, state=PostState.APPROVED
            )
            post.targets = [PostTarget(account=account) for account in targets]
            session.add(post)
        orphan = Post(
            campaign=campaign,
            key="delivered-only",
            text="target removed after sending",
            scheduled_at=MONDAY_START + timedelta(hours=12),
            state=PostState.APPROVED,
        )
        session.add(orphan)
        session.add(
            Delivery(
                post=orphan,
                account_id=by_name["mastodon-todo"].id,
                idempotency_key="orphan-1",
                due_at=orphan.scheduled_at,
                state=DeliveryState.SENT,
            )
        )


def _keys(database: Database, **filters: object) -> list[str]:
    with database.session() as session:
        return [post.key for post in posts.list_posts(session, **filters)]  # type: ignore[arg-type]


def test_range_is_inclusive_start_exclusive_end(database: Database) -> None:
    _seed(database)
    monday = _keys(database, scheduled_from=MONDAY_START, scheduled_to=TUESDAY_START)
    assert monday == ["monday-early", "delivered-only", "monday-late"]
    assert _keys(database, scheduled_from=TUESDAY_START) == ["tuesday"]
    assert _keys(database, scheduled_to=MONDAY_START) == ["sunday-late"]


def test_platform_matches_targets_and_deliveries(database: Database) -> None:
    _seed(database)
    assert _keys(database, platform="mastodon") == ["monday-early", "delivered-only"]
    assert _keys(database, platform="x") == ["monday-late"]
    assert _keys(database, platform="bluesky", scheduled_from=MONDAY_START) == ["tuesday"]


def test_naive_bound_is_refused(database: Database) -> None:
    with database.session() as session, pytest.raises(ValueError, match="scheduled_from"):
        posts.list_posts(session, scheduled_from=datetime(2024, 4, 29))  # noqa: DTZ001


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_cli_lists_one_local_day_or_week_of_one_platform(
    database: Database, database_url: str, config_toml: Path
) -> None:
    config = config_toml
    _seed(database)
    runner = CliRunner(env={"LEUCHTTURM_DATABASE_URL": database_url})

    def listed(*options: str) -> list[str]:
        result = runner.invoke(
            cli_app, ["--config", str(config), "post", "list", "--json", *options]
        )
        assert result.exit_code == 0, result.output
        return [post["key"] for post in json.loads(result.output)]

    assert listed("--day", "2024-04-29") == ["monday-early", "delivered-only", "monday-late"]
    assert listed("--day", "2024-04-29", "--platform", "mastodon") == [
        "monday-early",
        "delivered-only",
    ]
    assert listed("--week", "2024-W18", "--platform", "bluesky") == ["tuesday"]
    assert listed("--week", "2024-W17") == ["sunday-late"]

    both = runner.invoke(
        cli_app,
        ["--config", str(config), "post", "list", "--day", "2024-04-29", "--week", "2024-W18"],
    )
    assert isinstance(both.exception, UserError)
    assert "--day und --week" in str(both.exception)
    bad_day = runner.invoke(cli_app, ["--config", str(config), "post", "list", "--day", "29.4."])
    assert "erwartet ist ein Datum wie 2024-04-29" in str(bad_day.exception)
    bad_platform = runner.invoke(
        cli_app, ["--config", str(config), "post", "list", "--platform", "twitter"]
    )
    assert "erwartet ist eine von x, mastodon, bluesky" in str(bad_platform.exception)
