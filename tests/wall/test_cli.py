"""`leuchtturm wall …` as a person runs it: moderation commands, their errors, the server."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from campaign.db import Database
from tests.campaign.test_cli import ROOT, leuchtturm
from tests.wall.scenario import Said, add_replies, seed_campaign

CONFIG = str(ROOT / "config.toml")
COMMAND = [sys.executable, "-c", "from campaign.cli.main import run; run()"]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The repository's config.toml on a database of the test's own."""
    env = {"LEUCHTTURM_DATABASE_URL": f"sqlite:///{tmp_path / 'wall.sqlite3'}"}
    assert leuchtturm("--config", CONFIG, "db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    assert leuchtturm("--config", CONFIG, "wall", "list", cwd=tmp_path, env=env).returncode == 0
    return env


def _wall(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return leuchtturm("--config", CONFIG, "wall", *args, cwd=cwd, env=env)


def test_moderating_from_the_command_line(tmp_path: Path, env: dict[str, str]) -> None:
    database = Database.open(env["LEUCHTTURM_DATABASE_URL"])
    delivery = seed_campaign(database)
    first, second = add_replies(
        database, delivery, [Said("Klasse!"), Said("Böse \x1b[2J", author="troll\u202e")]
    )
    database.engine.dispose()

    listed = _wall("list", cwd=tmp_path, env=env)
    assert listed.returncode == 0
    assert f"reply:{first}" in listed.stdout and "wartet" in listed.stdout
    assert "\x1b" not in listed.stdout and "\u202e" not in listed.stdout

    approved = _wall("approve", str(first), "--as", "jana", cwd=tmp_path, env=env)
    assert approved.stdout.strip() == f"Wand: reply:{first} freigegeben."
    assert _wall("pin", f"reply:{first}", cwd=tmp_path, env=env).returncode == 0
    assert _wall("hide", str(second), cwd=tmp_path, env=env).returncode == 0
    blocked = _wall("block", str(second), cwd=tmp_path, env=env)
    assert blocked.stdout.strip() == "Wand: troll (mastodon) wird nicht mehr gezeigt."

    shown = json.loads(_wall("list", "--state", "approved", "--json", cwd=tmp_path, env=env).stdout)
    assert [(item["key"], item["pinned"]) for item in shown] == [(f"reply:{first}", True)]
    blocked_items = _wall("list", "--state", "blocked", "--json", cwd=tmp_path, env=env)
    assert [item["key"] for item in json.loads(blocked_items.stdout)] == [f"reply:{second}"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("approve", "999"), "Fehler: Wand: keinen Eintrag reply:999 gefunden"),
        (("hide", "drei"), "Fehler: Wand: 'drei' ist kein Eintrag wie 42 oder reply:42"),
        (("list", "--state", "frei"), "Fehler: --state 'frei': unbekannt; erlaubt sind pending"),
    ],
)
def test_bad_input_exits_2_with_one_german_line(
    tmp_path: Path, env: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    result = _wall(*args, cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert result.stderr.startswith(message) and "Traceback" not in result.stderr


def test_auto_moderation_is_refused_in_a_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[wall]\nport = 8080\nmoderation = "auto"\n', encoding="utf-8")
    result = leuchtturm("--config", str(config), "wall", "list", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"Fehler: {config}:3: wall.moderation: \"auto\" zeigt alles")


def test_leuchtturm_wall_serves_the_page_on_loopback(tmp_path: Path, env: dict[str, str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [*COMMAND, "--config", CONFIG, "wall", "--port", str(port)],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        assert server.stdout.readline().strip() == (
            f"Wand: http://127.0.0.1:{port}/ (Moderation: pre; Strg+C beendet)"
        )
        page = _get_when_up(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and "#ToDoDortmund" in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get_when_up(url: str) -> httpx.Response:
    deadline = time.monotonic() + 60
    while True:
        try:
            return httpx.get(url, timeout=10)
        except httpx.TransportError:
            assert time.monotonic() < deadline, f"{url} did not answer within 60 s"
            time.sleep(0.1)  # polling a server that is starting: nothing to wait on
