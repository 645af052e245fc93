"""A platform that echoes the refused token in its 401 bodies: the token, in any encoding,
reaches neither the database, nor the logs (text and JSON), nor a report, nor any output.

The daemon and `accounts verify` run as a user runs them (subprocesses) against the
sandbox with `echo_credentials`, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import inspect, select, text, update

from campaign.db import Database
from campaign.demo import config_toml, sandbox_accounts
from campaign.models import Account, AccountState
from campaign.redaction import secret_forms
from sandbox.faults import FaultPlan
from sandbox.run import Sandbox, start_sandbox
from tests.campaign.test_cli import ROOT, leuchtturm

SECRETS = {
    "mastodon": "mT0k/en+Geheim=43def",
    "x": "xT0k/en+Geheim=42abc~",
    "bluesky": "abcd-efgh-ijkl-mnop",
}
PREFIX = "LT_ECHO"


@pytest.fixture
def echoing_sandbox() -> Iterator[Sandbox]:
    with start_sandbox(seed=5, faults=FaultPlan(echo_credentials=True)) as sandbox:
        for server in sandbox.servers.values():
            server.faults.revoke()
        yield sandbox


def _leaks(content: str) -> list[str]:
    found = []
    for platform, secret in SECRETS.items():
        found += [f"{platform}:{form}" for form in secret_forms(secret) if form in content]
    return found


def _database_text(database_url: str) -> str:
    """Every stored value: the SQLite files as bytes, or every PostgreSQL row as text."""
    if database_url.startswith("sqlite"):
        path = Path(database_url.removeprefix("sqlite:///"))
        return "".join(
            p.read_bytes().decode("utf-8", "replace")
            for p in path.parent.glob(path.name + "*")
        )
    database = Database.open(database_url)
    with database.engine.connect() as connection:
        rows = [
            str(row)
            for table in inspect(connection).get_table_names()
            for row in connection.execute(text(f'SELECT t::text FROM "{table}" t'))
        ]
    database.engine.dispose()
    return "\n".join(rows)


def _broken(database_url: str) -> bool:
    database = Database.open(database_url)
    with database.session() as session:
        states = set(session.scalars(select(Account.state)))
    database.engine.dispose()
    return states == {AccountState.BROKEN}


def _run_daemon(config: Path, env: dict[str, str], log_format: str, database_url: str) -> str:
    """The daemon until every account is broken by the echoing 401s; its log."""
    process = subprocess.Popen(
        [sys.executable, "-c", "from campaign.cli.main import run; run()", "--config",
         str(config), "daemon", "--log-format", log_format],
        cwd=config.parent,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while not _broken(database_url):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "accounts were not marked broken"
            time.sleep(0.2)
    finally:
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    return stdout + stderr


def test_an_echoed_token_is_kept_nowhere(
    echoing_sandbox: Sandbox, database_url: str, tmp_path: Path
) -> None:
    configured = sandbox_accounts(echoing_sandbox.urls(), PREFIX)
    config = tmp_path / "config.toml"
    config.write_text(
        config_toml(database_url, configured, "dispatch_seconds = 0.1\npoll_seconds = 0.5\n"),
        encoding="utf-8",
    )
    env = {f"{PREFIX}_{p.upper()}": secret for p, secret in SECRETS.items()}
    env |= {"LEUCHTTURM_DATABASE_URL": database_url, "XDG_DATA_HOME": str(tmp_path / "xdg")}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return leuchtturm("--config", str(config), *args, cwd=tmp_path, env=env)

    assert cli("db", "upgrade").returncode == 0
    now = datetime.now(ZoneInfo("Europe/Berlin"))
    due = now + timedelta(seconds=20)  # soon, but not in the past when the import runs
    plan = tmp_path / "plan.toml"
    plan.write_text(
        '[campaign]\nslug = "echo"\nname = "Echo"\n'
        'accounts = ["mastodon-todo", "x-todo", "bluesky-todo"]\n\n'
        f'[[posts]]\nkey = "jetzt"\nat = {due:%Y-%m-%dT%H:%M:%S}\ntext = "Hallo"\n'
        "approved = true\n",
        encoding="utf-8",
    )
    imported = cli("campaign", "import", str(plan))
    assert imported.returncode == 0, imported.stderr

    outputs = [_run_daemon(config, env, "text", database_url)]
    database = Database.open(database_url)
    with database.session() as session:
        reasons = list(session.scalars(select(Account.state_reason)))
        session.execute(update(Account).values(state=AccountState.OK, state_reason=None))
    database.engine.dispose()
    assert any("***" in (reason or "") for reason in reasons), reasons  # the echo came
    outputs.append(_run_daemon(config, env, "json", database_url))

    commands = [
        ("accounts", "verify"),
        ("accounts", "verify", "--json"),
        ("status",),
        ("status", "--json"),
        ("accounts", "list"),
        ("accounts", "list", "--json"),
        ("post", "list", "--json"),
        ("post", "list"),
        ("post", "show", "1"),
        ("post", "show", "1", "--json"),
        ("campaign", "show", "echo"),
    ]
    for command in commands:
        result = cli(*command)
        assert "Traceback" not in result.stderr, (command, result.stderr)
        outputs.append(result.stdout + result.stderr)
    assert "***" in outputs[2]  # verify printed the echoed reason, redacted
    week = (now - timedelta(days=0)).strftime("%G-W%V")
    reports = tmp_path / "berichte"
    made = cli("report", "weekly", "--week", week, "--out", str(reports), "--real-names")
    assert made.returncode == 0, made.stderr
    outputs += [path.read_text(encoding="utf-8") for path in reports.rglob("*.*")]
    assert len(list(reports.rglob("*.*"))) >= 3

    for output in outputs:
        assert _leaks(output) == [], output[-3000:]
    assert _leaks(_database_text(database_url)) == []
