"""The report's data gaps follow what each account's connector says, not platform names:
an instance that says nothing of federation gets no federation note, and an account whose
replies come from a search window gets that gap whatever its platform is called."""

from __future__ import annotations

from datetime import timedelta

from campaign.db import Database
from campaign.models import Account
from campaign.services import capabilities
from connectors.base import PlatformLimits
from tests.reports.conftest import report_of


def _say(database: Database, name: str, limits: PlatformLimits) -> None:
    with database.session() as session:
        row = session.query(Account).filter_by(name=name).one()
        capabilities.record(row, limits)


def test_gaps_come_from_the_accounts_capabilities(scenario_database: Database) -> None:
    _say(scenario_database, "mastodon-todo", PlatformLimits(500, 4))
    _say(scenario_database, "x-todo", PlatformLimits(280, 4))
    _say(
        scenario_database,
        "bluesky-todo",
        PlatformLimits(300, 4, replies_window=timedelta(days=3), federated_replies=True),
    )
    gaps = report_of(scenario_database, week="2024-W13", campaign="arbeit").current.gaps

    assert {c.platform: c.federated for c in gaps.coverage} == {
        "bluesky": True,
        "mastodon": False,
        "x": False,
    }
    # X says no window now; Bluesky's 3-day window closed on its one post of the week.
    assert gaps.x_posts_past_search_window == 1
    assert gaps.x_posts_collected_too_late == 1
