"""Retention: the purge deletes texts and authors past `retention_days`, keeps anonymous
counts, and a past week's report stays byte for byte what it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from campaign.config import load_settings
from campaign.db import Database
from campaign.errors import UserError
from campaign.models import HeardCount, Reply, WallEntry
from campaign.privacy import retention
from campaign.reports.files import write_report
from campaign.reports.weekly import Privacy
from tests.campaign.test_cli_usage import leuchtturm
from tests.privacy.heard import city_week
from tests.reports import scenario
from tests.reports.conftest import PRIVACY, report_of


@pytest.fixture
def city(database: Database) -> Database:
    scenario.build(database)
    city_week(database)
    return database


def written(database: Database, folder: Path, privacy: Privacy, campaign: str | None) -> dict:
    """Every file of W13's report in every format, by name."""
    report = report_of(database, week="2024-W13", campaign=campaign, privacy=privacy)
    paths = write_report(report, ["md", "html", "csv"], folder, "de")
    paths += write_report(report, ["md"], folder, "en")
    return {path.relative_to(folder): path.read_bytes() for path in paths}


def counts(database: Database) -> tuple[int, int, int]:
    with database.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Reply)) or 0,
            session.scalar(select(func.count()).select_from(WallEntry)) or 0,
            session.scalar(select(func.count()).select_from(HeardCount)) or 0,
        )


@pytest.mark.parametrize(
    "days", [5, 12], ids=["whole week past the retention", "cutoff on Wednesday"]
)
@pytest.mark.parametrize("campaign", ["arbeit", None], ids=["campaign", "all campaigns"])
def test_a_past_weeks_report_is_identical_after_the_purge(
    city: Database, tmp_path: Path, days: int, campaign: str | None
) -> None:
    privacy = Privacy(PRIVACY.pseudonym, PRIVACY.secrets, retention_days=days)
    before = written(city, tmp_path / "before", privacy, campaign)
    report = report_of(city, week="2024-W13", campaign=campaign, privacy=privacy)
    assert report.current.replies.total >= 9 and report.current.city.total.total == 6

    gone = retention.purge(city, scenario.NOW, days)

    assert gone.posts >= 7
    with city.session() as session:
        left = session.scalar(select(func.min(Reply.created_at)))
    assert left is None or left >= retention.cutoff(scenario.NOW, days)
    assert counts(city)[2] > 0
    after = written(city, tmp_path / "after", privacy, campaign)
    assert sorted(after) == sorted(before)
    for name, content in before.items():
        assert after[name] == content, name


def test_texts_past_the_retention_are_never_shown_even_before_the_purge(city: Database) -> None:
    kept = report_of(city, week="2024-W13", campaign="arbeit")
    cut = report_of(
        city,
        week="2024-W13",
        campaign="arbeit",
        privacy=Privacy(PRIVACY.pseudonym, PRIVACY.secrets, retention_days=12),
    )
    assert {r.created_at.day for r in kept.current.most_positive} >= {25}
    assert all(r.created_at >= scenario.at("2024-03-27 06:00") for r in cut.current.most_positive)
    assert cut.current.city.listed_posts == 3  # Wednesday's two, Sunday's one
    assert kept.current.city.listed_posts == 6
    assert cut.current.replies == kept.current.replies  # the counts do not change


def test_dry_run_says_what_would_go_and_changes_nothing(city: Database) -> None:
    before = counts(city)
    with city.session() as session:
        plan = retention.plan(session, scenario.NOW, 12)
    assert counts(city) == before
    assert [(g.kind, g.platform, g.posts) for g in plan.groups] == [
        ("mention", "x", 1),
        ("reply", "mastodon", 3),
        ("reply", "x", 2),
        ("tag", "mastodon", 2),
    ]
    assert plan.oldest == scenario.at("2024-03-20 10:00")
    assert plan.wall_entries == 1
    done = retention.purge(city, scenario.NOW, 12)
    assert done.groups == plan.groups
    assert counts(city)[:2] == (before[0] - 8, 0)


def test_the_cli_dry_run_lists_kinds_and_platforms_and_keeps_everything(
    city: Database, tmp_path: Path
) -> None:
    before = counts(city)
    url = city.engine.url.render_as_string(hide_password=False)
    result = leuchtturm("privacy", "purge", "--dry-run", cwd=tmp_path, url=url)
    assert result.returncode == 0, result.stderr
    assert "Würde löschen (älter als 180 Tage" in result.stdout
    assert "  reply auf mastodon: 5\n  reply auf x: 4\n  tag auf bluesky: 2\n" in result.stdout
    assert counts(city) == before


@pytest.mark.parametrize("value", ["0", '"viel"', "true", "4000", "1.5"])
def test_a_bad_retention_is_one_german_line(tmp_path: Path, value: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[privacy]\nretention_days = {value}\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_settings(path)
    assert str(error.value).startswith(f"{path}:2: privacy.retention_days: retention_days ")
    assert "ganze Zahl von Tagen zwischen 1 und 3650" in str(error.value)
    result = leuchtturm("--config", str(path), "privacy", "purge", "--dry-run", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Fehler: ")
