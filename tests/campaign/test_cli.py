"""The `leuchtturm` command as a user runs it: a subprocess, exit codes, German output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).parents[2]


def leuchtturm(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from campaign.cli.main import run; run()", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )


def test_bad_config_exits_2_with_one_line_naming_the_key(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[[accounts]]\nname = "a"\nplatform = "twiter"\nhandle = "h"\n'
        'server_url = "https://x.example"\nsecret_env = "T"\n',
        encoding="utf-8",
    )
    result = leuchtturm("--config", str(config), "accounts", "list", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"Fehler: {config}:3: accounts[0].platform: „twiter“ ist keine von x, mastodon, bluesky"
    )
    assert "Traceback" not in result.stderr


def test_content_check_json_and_exit_codes(tmp_path: Path) -> None:
    fits = leuchtturm("content", "check", "--platform", "x", "--json", "a" * 280, cwd=tmp_path)
    assert fits.returncode == 0
    data = json.loads(fits.stdout)
    assert {"platform", "length", "limit", "ok", "violations"} <= set(data)
    over = leuchtturm("content", "check", "--platform", "x", "--json", "a" * 281, cwd=tmp_path)
    assert over.returncode == 1
    violation = json.loads(over.stdout)["violations"][0]
    assert violation["rule"] == "length" and violation["over"] == 1


def test_import_list_and_dst_error_through_the_cli(tmp_path: Path) -> None:
    env = {"LEUCHTTURM_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    config = str(ROOT / "config.toml")
    assert leuchtturm("--config", config, "db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    plan = str(ROOT / "examples" / "todo-dortmund.toml")
    refused = leuchtturm("--config", config, "campaign", "import", plan, cwd=tmp_path, env=env)
    assert refused.returncode == 2 and "--shift-to" in refused.stderr
    assert "2024-04-22 10:00 (Europe/Berlin) liegt in der Vergangenheit" in refused.stderr
    next_year = str(datetime.now(UTC).year + 1)
    imported = leuchtturm(
        "--config",
        config,
        "campaign",
        "import",
        plan,
        "--shift-to",
        f"{next_year}-04-20",
        cwd=tmp_path,
        env=env,
    )
    assert imported.returncode == 0, imported.stderr
    assert "Beiträge neu" in imported.stdout
    listed = json.loads(
        leuchtturm("--config", config, "campaign", "list", "--json", cwd=tmp_path, env=env).stdout
    )
    assert listed[0]["posts"] >= 20
    gap = leuchtturm(
        "--config",
        config,
        "post",
        "add",
        listed[0]["slug"],
        "nacht",
        "Hallo",
        "--at",
        "2024-03-31T02:30",
        "-a",
        "x-todo",
        cwd=tmp_path,
        env=env,
    )
    assert gap.returncode == 2 and "03:30" in gap.stderr
    first = json.loads(
        leuchtturm("--config", config, "post", "list", "--json", cwd=tmp_path, env=env).stdout
    )[0]
    approved = leuchtturm(
        "--config", config, "post", "approve", str(first["id"]), cwd=tmp_path, env=env
    )
    assert approved.returncode == 0, approved.stderr
    shown = json.loads(
        leuchtturm(
            "--config", config, "post", "show", str(first["id"]), "--json", cwd=tmp_path, env=env
        ).stdout
    )
    assert [event["kind"] for event in shown["history"]][-1] == "post.approved"
    assert shown["history"][0]["kind"] == "post.saved"


def test_language_setting_speaks_english_and_the_environment_wins(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('language = "en"\n', encoding="utf-8")
    env = {
        "LEUCHTTURM_DATABASE_URL": f"sqlite:///{tmp_path / 'lang.sqlite3'}",
        "LEUCHTTURM_LANG": "",  # unset: the setting decides
    }
    upgraded = leuchtturm("--config", str(config), "db", "upgrade", cwd=tmp_path, env=env)
    assert upgraded.stdout.startswith("Database is at revision"), upgraded.stderr
    status = leuchtturm("--config", str(config), "status", cwd=tmp_path, env=env)
    assert status.stdout.strip() == "Daemon: not running"
    german = leuchtturm(
        "--config", str(config), "status", cwd=tmp_path, env={**env, "LEUCHTTURM_LANG": "de"}
    )
    assert german.stdout.strip() == "Daemon: läuft nicht"
