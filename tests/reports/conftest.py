"""The scenario database and its W13 report for campaign "arbeit", pseudonymised; the
CLI run against it with a config file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import typer
from typer.testing import CliRunner, Result

from campaign.cli import report as report_cli
from campaign.cli.context import CliContext
from campaign.db import Database
from campaign.reports.figures import WeeklyReport
from campaign.reports.pseudonyms import Pseudonymiser
from campaign.reports.weekly import Privacy, weekly_report
from tests.reports import scenario

BERLIN = ZoneInfo("Europe/Berlin")
PRIVACY = Privacy(pseudonym=Pseudonymiser(b"k" * 32), secrets=[scenario.SECRET])


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Key files and default report folders go to the test's folder, never the user's;
    the report language is German unless a test chooses otherwise."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv(scenario.SECRET_ENV, scenario.SECRET)
    monkeypatch.delenv("LEUCHTTURM_LANG", raising=False)
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


def run_cli(config: Path, *args: str) -> Result:
    """`leuchtturm report weekly ARGS` with `config`, as main.py mounts the sub-app."""
    root = typer.Typer()

    @root.callback()
    def main(ctx: typer.Context) -> None:
        ctx.obj = CliContext(config_path=config)

    root.add_typer(report_cli.app, name="report")
    return CliRunner().invoke(root, ["report", "weekly", *args])


@pytest.fixture
def config_file(
    tmp_path: Path, scenario_database: Database, monkeypatch: pytest.MonkeyPatch
) -> Path:
    monkeypatch.setenv(
        "LEUCHTTURM_DATABASE_URL", scenario_database.engine.url.render_as_string(False)
    )
    path = tmp_path / "config.toml"
    path.write_text(
        # The scenario lies in 2024: a retention of ten years keeps its texts in the reports.
        "[privacy]\nretention_days = 3650\n\n"
        '[[accounts]]\nname = "x-todo"\nplatform = "x"\nhandle = "todo_dortmund"\n'
        f'server_url = "http://127.0.0.1:1"\nsecret_env = "{scenario.SECRET_ENV}"\n',
        encoding="utf-8",
    )
    return path
