"""The scenario database and its W13 report for campaign "arbeit", pseudonymised."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from campaign.db import Database
from campaign.reports.figures import WeeklyReport
from campaign.reports.pseudonyms import Pseudonymiser
from campaign.reports.weekly import Privacy, weekly_report
from tests.reports import scenario

BERLIN = ZoneInfo("Europe/Berlin")
PRIVACY = Privacy(pseudonym=Pseudonymiser(b"k" * 32), secrets=[scenario.SECRET])


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Key files and default report folders go to the test's folder, never the user's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv(scenario.SECRET_ENV, scenario.SECRET)
    return tmp_path / "xdg"


@pytest.fixture
def scenario_database(database: Database) -> Database:
    scenario.build(database)
    return database


def report_of(
    database: Database,
    *,
    week: str | None = None,
    campaign: str | None = None,
    privacy: Privacy = PRIVACY,
    now: datetime = scenario.NOW,
) -> WeeklyReport:
    """The report as the CLI builds it, in Europe/Berlin."""
    with database.session() as session:
        return weekly_report(
            session, now=now, zone=BERLIN, privacy=privacy, week=week, campaign_slug=campaign
        )


@pytest.fixture
def report(scenario_database: Database) -> WeeklyReport:
    return report_of(scenario_database, week="2024-W13", campaign="arbeit")
