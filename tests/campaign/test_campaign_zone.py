"""Times always in the campaign's zone: a post of a New York campaign, read by a team
whose configured zone is Berlin, is shown at New York time in the queue's rows, `post
show` and `post list`; `--at` is read there too; a stored reason's UTC time is shown
local, never with "+00:00"."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from campaign.cli.main import app as cli_app
from campaign.db import Database
from campaign.models import Delivery, DeliveryState, Post
from campaign.reasons import shown_reason, stored_reason
from campaign.services import accounts, dashboard, events, queue
from campaign.times import shown
from tests.clock import BERLIN
from tests.new_york import AT, NEW_YORK, RELEASED, seed_new_york
from words.coded import Coded

RATE_LIMITED = Coded("reason.rate_limited", {"until": str(AT)})
"""As the daemon stores it: a datetime becomes its str() in the column's JSON."""


def _seed(database: Database) -> int:
    return seed_new_york(database, "mastodon-todo", "hallo")


def test_a_stored_utc_time_is_shown_local_in_the_given_zone() -> None:
    new_york = shown_reason(stored_reason(RELEASED), ZoneInfo(NEW_YORK), "de")
    assert new_york == "zum Senden freigegeben für 2026-11-24 09:30"
    berlin = shown_reason(stored_reason(RATE_LIMITED), BERLIN, "en")
    assert berlin == "rate limited until 2026-11-24 15:30"
    held = Coded("reason.held", {"message": Coded("reason.platform", {"message": "2026-11"})})
    assert shown_reason(stored_reason(held), BERLIN, "en") == (
        "held: the platform says: 2026-11"  # a value that is no moment stays as it is
    )
    assert shown_reason("an old plain reason 2026-11-24T14:30+00:00", BERLIN) == (
        "an old plain reason 2026-11-24T14:30+00:00"
    )


def test_the_queue_row_is_in_the_campaigns_zone(database: Database) -> None:
    post_id = _seed(database)
    with database.session() as session:
        rows = queue.queue_rows(
            session,
            scheduled_from=datetime(2026, 11, 24, tzinfo=UTC),
            scheduled_to=datetime(2026, 11, 25, tzinfo=UTC),
        )
    (row,) = rows
    assert (row.id, row.key, row.campaign_slug) == (post_id, "hallo", "ny")
    assert row.when == "2026-11-24 09:30"
    assert row.zone.key == NEW_YORK
    (delivery,) = row.deliveries
    assert delivery.account == "mastodon-todo"
    assert delivery.reason == "zum Senden freigegeben für 2026-11-24 09:30"
    with pytest.raises(AttributeError):
        row.key = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_post_show_and_list_say_new_york_time(
    database: Database, database_url: str, config_toml: Path
) -> None:
    post_id = _seed(database)
    runner = CliRunner(env={"LEUCHTTURM_DATABASE_URL": database_url})

    def run(*args: str) -> str:
        result = runner.invoke(cli_app, ["--config", str(config_toml), *args])
        assert result.exit_code == 0, result.output
        return result.output

    shown = run("post", "show", str(post_id))
    assert "2026-11-24 09:30 EST" in shown
    assert "zum Senden freigegeben für 2026-11-24 09:30" in shown
    listed = run("post", "list")
    assert "2026-11-24 09:30 EST" in listed
    for output in (shown, listed):
        assert "15:30" not in output and "+00:00" not in output and "UTC" not in output
    data = json.loads(run("post", "show", str(post_id), "--json"))
    assert data["deliveries"][0]["last_error"] == "zum Senden freigegeben für 2026-11-24 09:30"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_at_is_read_in_the_campaigns_zone(
    database: Database, database_url: str, config_toml: Path
) -> None:
    _seed(database)
    runner = CliRunner(env={"LEUCHTTURM_DATABASE_URL": database_url})
    result = runner.invoke(
        cli_app,
        [
            "--config", str(config_toml), "post", "add", "ny", "spaeter", "Bis später",
            "--at", "2030-01-10T09:30", "--account", "mastodon-todo",
        ],
    )
    assert result.exit_code == 0, result.output
    with database.session() as session:
        added = session.scalars(select(Post).where(Post.key == "spaeter")).one()
        assert added.scheduled_at.astimezone(UTC) == datetime(2030, 1, 10, 14, 30, tzinfo=UTC)
    moved = runner.invoke(
        cli_app,
        ["--config", str(config_toml), "post", "reschedule", str(added.id), "--at",
         "2030-01-11T08:00"],
    )
    assert moved.exit_code == 0, moved.output
    assert "2030-01-11 08:00 EST" in moved.output


def test_the_overview_and_the_trail_say_the_campaigns_time(database: Database) -> None:
    """Next deliveries, a flagged delivery's reason and the rate limit's trail line."""
    post_id = _seed(database)
    with database.session() as session:
        late = Coded("reason.late", {"due": AT.isoformat(timespec="minutes")})
        flagged = Delivery(
            post_id=post_id, account_id=accounts.by_name(session, "x-todo").id,
            idempotency_key="ny-2", due_at=AT, state=DeliveryState.NEEDS_REVIEW,
            last_error=stored_reason(late),
        )
        session.add(flagged)
        account = accounts.by_name(session, "mastodon-todo")
        accounts.note_rate_limited(session, account, AT, "hallo", AT, ZoneInfo(NEW_YORK))
    with database.session() as session:
        (due,) = dashboard.next_due(session)
        (review,) = dashboard.flagged_deliveries(session)
        (limited,) = events.recent(session, kind_prefix=accounts.RATE_LIMITED)
    assert (due.post_key, shown(due.due_at, due.zone)) == ("hallo", "2026-11-24 09:30")
    assert review.error is not None and "2026-11-24 09:30" in review.error
    assert "+00:00" not in review.error
    assert limited.message == "mastodon-todo: Ratenlimit bis 2026-11-24 09:30"
