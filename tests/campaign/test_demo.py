"""The zero-setup demo, headless: posts reach the sandbox, replies come back; and it is sealed
off from a person's real setup (their database, config and data folder stay as they were)."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from campaign.config import Settings
from campaign.db import Database, make_engine, upgrade
from campaign.demo import DEMO_HANDLES, compress_schedule, demo_folder, run_demo
from campaign.errors import UserError
from campaign.models import Account, Delivery, DeliveryState, PostState
from campaign.services import accounts, plans, posts

TEAM_PLAN = """
[campaign]
slug = "team-2031"
name = "Die Kampagne des Teams"
timezone = "Europe/Berlin"
accounts = ["mastodon-todo", "x-todo", "bluesky-todo"]

[[posts]]
key = "entwurf-1"
at = 2031-05-01T10:00:00
text = "Ein Entwurf, den noch niemand freigegeben hat."

[[posts]]
key = "entwurf-2"
at = 2031-05-02T10:00:00
text = "Noch ein Entwurf für 2031."
"""

REAL_LOOKING_CONFIG = """
[database]
url = "{url}"

[[accounts]]
name = "mastodon-todo"
platform = "mastodon"
handle = "todo_dortmund"
server_url = "https://mastodon.example.org"
secret_env = "TEAM_MASTODON_TOKEN"
"""


def team_database(folder: Path, settings: Settings) -> Path:
    """A team's SQLite database with two drafts for 2031."""
    path = folder / "team.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    plan = folder / "team-plan.toml"
    plan.write_text(TEAM_PLAN, encoding="utf-8")
    with Database(engine).session() as session:
        accounts.sync_from_config(session, settings)
        plans.import_plan(session, settings, plan)
    engine.dispose()
    return path


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file below `folder` with the SHA-256 of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }



@pytest.mark.slow
def test_headless_demo_delivers_and_collects_and_touches_nothing_of_the_person(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = tmp_path / "team"
    team.mkdir()
    team_db = team_database(team, settings)
    (team / "config.toml").write_text(
        REAL_LOOKING_CONFIG.format(url=f"sqlite:///{team_db}"), encoding="utf-8"
    )
    (team / "data").mkdir()
    (team / "data" / "marker").write_text("the person's data folder", encoding="utf-8")
    monkeypatch.setenv("LEUCHTTURM_DATABASE_URL", f"sqlite:///{team_db}")
    monkeypatch.setenv("LEUCHTTURM_CONFIG", str(team / "config.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(team / "data"))
    monkeypatch.chdir(team)
    before = fingerprint(team)

    demo = tmp_path / "demo"
    lines: list[str] = []
    figures = run_demo(30, lines.append, folder=demo)

    assert fingerprint(team) == before
    assert f"database: sqlite:///{demo / 'demo.sqlite3'}" in lines
    assert f"reports: {demo / 'reports'}" in lines
    assert figures.posts >= 20
    assert figures.delivered >= 30
    assert figures.failed == 0
    assert figures.replies > 0
    assert figures.tracked > 0  # the city's own posts under the campaign's hashtags
    assert f"tracked: {figures.tracked}" in figures.lines()
    assert figures.poll_votes > 0 and f"poll_votes: {figures.poll_votes}" in figures.lines()
    assert any(line.startswith("sandbox mastodon: http://127.0.0.1:") for line in lines)
    database = Database(make_engine(f"sqlite:///{demo / 'demo.sqlite3'}"))
    with database.session() as session:
        urls = session.scalars(
            select(Delivery.remote_url)
            .join(Account)
            .where(Account.platform == "mastodon", Delivery.state == DeliveryState.SENT)
        ).all()
    assert urls and all(f"/@{DEMO_HANDLES['mastodon']}/" in url for url in urls)
    with sqlite3.connect(team_db) as team_connection:
        states = {state for (state,) in team_connection.execute("SELECT state FROM posts")}
    assert states == {PostState.DRAFT}


def test_compressing_the_demo_schedule_touches_only_the_named_campaign(
    tmp_path: Path, settings: Settings, database: Database
) -> None:
    plan = tmp_path / "team-plan.toml"
    plan.write_text(TEAM_PLAN, encoding="utf-8")
    other = tmp_path / "other-plan.toml"
    other.write_text(TEAM_PLAN.replace("team-2031", "demo-2031"), encoding="utf-8")
    with database.session() as session:
        plans.import_plan(session, settings, plan)
        plans.import_plan(session, settings, other)

    start = datetime.now(UTC) + timedelta(minutes=5)
    assert compress_schedule(database, "demo-2031", start, timedelta(seconds=30)) == 2

    with database.session() as session:
        team = posts.list_posts(session, campaign_slug="team-2031")
        demo = posts.list_posts(session, campaign_slug="demo-2031")
        assert {p.state for p in team} == {PostState.DRAFT}
        assert all(p.scheduled_at.year == 2031 for p in team)
        assert not any(p.deliveries for p in team)
        assert {p.state for p in demo} == {PostState.APPROVED}


def test_the_demo_folder_is_temporary_unless_named(tmp_path: Path) -> None:
    with demo_folder(None) as temporary:
        assert temporary.is_dir()
        (temporary / "demo.sqlite3").write_text("x")
    assert not temporary.exists()

    named = tmp_path / "kept"
    with demo_folder(named) as folder:
        (folder / "demo.sqlite3").write_text("x")
    assert (named / "demo.sqlite3").exists()

    with pytest.raises(UserError, match="nicht leer"), demo_folder(named):
        pass
