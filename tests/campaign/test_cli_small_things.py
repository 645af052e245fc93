"""Small things that cost trust on the command line: `status` says when it shortens a
list and agrees with the TUI on a silent daemon; no accounts is one clear line
everywhere; a token for someone else is flagged; looking never creates a database."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from campaign.config import AccountSettings, Settings
from campaign.db import Database, make_engine, upgrade
from campaign.models import Campaign, Delivery, DeliveryState, Heartbeat, Post, PostState
from campaign.services import accounts, verification
from sandbox.run import Sandbox, start_sandbox
from tests.campaign.test_cli_usage import leuchtturm

ROOT = Path(__file__).parents[2]
NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def flagged_database(tmp_path: Path) -> str:
    """80 deliveries waiting for a person and a daemon that stopped beating a minute ago."""
    url = f"sqlite:///{tmp_path / 'flagged.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    database = Database(engine)
    settings = Settings(
        accounts=[
            AccountSettings(
                name="x-todo", platform="x", handle="h", server_url="http://x", secret_env="T"
            )
        ]
    )
    with database.session() as session:
        (account,) = accounts.sync_from_config(session, settings)
        campaign = Campaign(slug="todo", name="to:do")
        for number in range(80):
            post = Post(
                campaign=campaign,
                key=f"p{number}",
                text="Hallo",
                scheduled_at=NOW - timedelta(hours=number),
                state=PostState.APPROVED,
            )
            session.add(post)
            session.add(
                Delivery(
                    post=post,
                    account_id=account.id,
                    idempotency_key=f"k{number}",
                    due_at=post.scheduled_at,
                    state=DeliveryState.NEEDS_REVIEW,
                    last_error="zu prüfen",
                )
            )
        session.add(
            Heartbeat(
                daemon_id="alt-1",
                host="h",
                pid=1,
                started_at=NOW - timedelta(hours=1),
                last_tick=NOW - timedelta(minutes=1),
            )
        )
    engine.dispose()
    return url


def test_status_says_how_many_it_left_out(flagged_database: str, tmp_path: Path) -> None:
    result = leuchtturm("status", cwd=tmp_path, url=flagged_database)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert sum(1 for line in lines if line.startswith("Beitrag ")) == 20
    assert lines[-1] == (
        "20 von 80 markierten Zustellungen gezeigt; alle: leuchtturm status --json"
    )


def test_status_json_gives_them_all(flagged_database: str, tmp_path: Path) -> None:
    result = leuchtturm("status", "--json", cwd=tmp_path, url=flagged_database)
    data = json.loads(result.stdout)
    assert len(data["flagged_deliveries"]) == data["flagged_total"] == 80


def test_status_agrees_with_the_tui_that_a_silent_daemon_is_not_running(
    flagged_database: str, tmp_path: Path
) -> None:
    """The TUI calls a daemon gone after 30 s without a heartbeat; so does `status`."""
    result = leuchtturm("status", "--json", cwd=tmp_path, url=flagged_database)
    (daemon,) = json.loads(result.stdout)["daemons"]
    assert daemon["running"] is False and daemon["last_seen_s"] >= 60
    text = leuchtturm("status", cwd=tmp_path, url=flagged_database).stdout
    assert text.startswith("Daemon: läuft nicht\nDaemon alt-1: antwortet nicht")


def test_status_without_a_database_creates_none(tmp_path: Path) -> None:
    missing = tmp_path / "daten" / "leuchtturm.sqlite3"
    result = leuchtturm("status", cwd=tmp_path, url=f"sqlite:///{missing}")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"Fehler: Datenbank {missing} gibt es noch nicht: `leuchtturm db upgrade` legt sie an."
    )
    assert not missing.exists() and not missing.parent.exists()


@pytest.fixture
def empty_config(tmp_path: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text('time_zone = "Europe/Berlin"\n', encoding="utf-8")
    return config


def test_no_accounts_is_one_line_for_import_and_verify(empty_config: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'leer.sqlite3'}"
    assert leuchtturm("db", "upgrade", cwd=tmp_path, url=url).returncode == 0
    expected = (
        f"Fehler: Keine Konten konfiguriert ({empty_config}): zuerst [[accounts]] eintragen "
        "(siehe README, „Konten einrichten“)."
    )
    plan = str(ROOT / "examples" / "todo-dortmund.toml")
    imported = leuchtturm(
        "--config", str(empty_config), "campaign", "import", plan, cwd=tmp_path, url=url
    )
    assert (imported.returncode, imported.stderr.strip()) == (2, expected)
    verified = leuchtturm(
        "--config", str(empty_config), "accounts", "verify", cwd=tmp_path, url=url
    )
    assert (verified.returncode, verified.stderr.strip()) == (2, expected)


def test_the_daemon_refuses_to_start_without_accounts(empty_config: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'leer.sqlite3'}"
    assert leuchtturm("db", "upgrade", cwd=tmp_path, url=url).returncode == 0
    result = leuchtturm("--config", str(empty_config), "daemon", cwd=tmp_path, url=url)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("Fehler: Keine Konten konfiguriert")


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    with start_sandbox(seed=11) as running:
        yield running


def test_verify_flags_a_token_of_someone_else(
    sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LT_WHO_MASTODON", "token-of-another-account")
    settings = Settings(
        accounts=[
            AccountSettings(
                name="mastodon-todo",
                platform="mastodon",
                handle="todo_dortmund",
                server_url=sandbox.urls()["mastodon"],
                secret_env="LT_WHO_MASTODON",
            )
        ]
    )
    engine = make_engine(f"sqlite:///{tmp_path / 'who.sqlite3'}")
    upgrade(engine)
    database = Database(engine)
    with database.session() as session:
        accounts.sync_from_config(session, settings)
        (stranger,) = verification.verify_all(session, settings)
    assert not stranger.ok
    assert stranger.handle is not None and stranger.handle.startswith("user_")
    assert stranger.problem == (
        f"angemeldet als {stranger.handle}, erwartet todo_dortmund – stimmt der Zugang in "
        "LT_WHO_MASTODON?"
    )
    sandbox.servers["mastodon"].name_account("token-of-the-team", "Todo_Dortmund")
    monkeypatch.setenv("LT_WHO_MASTODON", "token-of-the-team")
    with database.session() as session:
        (named,) = verification.verify_all(session, settings)
    assert named.ok and named.followers == 1200
    engine.dispose()


def test_same_handle_ignores_case_the_at_and_the_server() -> None:
    assert verification.same_handle("@Todo_Dortmund@social.example", "todo_dortmund")
    assert not verification.same_handle("user_11282002", "todo_dortmund")
