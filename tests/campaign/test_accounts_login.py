"""`leuchtturm accounts login x`: the PKCE flow as a person walks it, in a real subprocess.

The command prints the authorisation URL and waits for the pasted redirect address; the
test opens the URL against the X sandbox (which approves at once) and pastes the
`Location` it redirects to. No sleeps: each side blocks on the other's line.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from sandbox.x_server import XSandbox
from tests.connectors.x_fixtures import CLIENT_ID

ROOT = Path(__file__).parents[2]
CLI = (sys.executable, "-c", "from campaign.cli.main import run; run()")


@pytest.fixture
def x_sandbox() -> Iterator[XSandbox]:
    with XSandbox() as server:
        yield server  # type: ignore[misc]


def _config(tmp_path: Path, server_url: str, extra: str = "") -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "db.sqlite3"}"\n\n'
        '[[accounts]]\nname = "x-todo"\nplatform = "x"\nhandle = "todo_dortmund"\n'
        f'server_url = "{server_url}"\nauth = "oauth2"\nclient_id_env = "LT_LOGIN_CLIENT"\n'
        + extra,
        encoding="utf-8",
    )
    return config


def _login(tmp_path: Path, config: Path, account: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*CLI, "--config", str(config), "accounts", "login", account],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "LT_LOGIN_CLIENT": CLIENT_ID,
            "LEUCHTTURM_LANG": "de",
        },
    )


def test_login_prints_the_url_and_keeps_the_pasted_redirects_tokens(
    tmp_path: Path, x_sandbox: XSandbox
) -> None:
    process = _login(tmp_path, _config(tmp_path, x_sandbox.url), "x")
    assert process.stdout is not None and process.stdin is not None
    assert "im Browser" in process.stdout.readline()
    url = process.stdout.readline().strip()
    assert url.startswith(f"{x_sandbox.url}/i/oauth2/authorize?")
    assert "offline.access" in url and "code_challenge_method=S256" in url
    redirect = requests.get(url, allow_redirects=False, timeout=10).headers["Location"]
    out, err = process.communicate(redirect + "\n", timeout=120)

    assert process.returncode == 0, err
    token_file = tmp_path / "data" / "leuchtturm" / "sessions" / "x-todo.x-oauth2"
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    saved = token_file.read_text(encoding="utf-8")
    assert [t for t in x_sandbox.credentials.issued if t in saved]
    assert [t for t in x_sandbox.credentials.issued if t in out + err] == []
    assert str(token_file) in out


def test_a_pasted_address_of_another_login_is_refused_with_exit_2(
    tmp_path: Path, x_sandbox: XSandbox
) -> None:
    process = _login(tmp_path, _config(tmp_path, x_sandbox.url), "x-todo")
    pasted = "https://127.0.0.1/callback?code=abc&state=fremd\n"
    _, err = process.communicate(pasted, timeout=120)
    assert process.returncode == 2
    assert "x-todo" in err and "Traceback" not in err


def test_login_for_an_account_without_oauth2_says_why(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[[accounts]]\nname = "m"\nplatform = "mastodon"\nhandle = "h"\n'
        'server_url = "https://m.example"\nsecret_env = "LT_M"\n',
        encoding="utf-8",
    )
    process = _login(tmp_path, config, "m")
    _, err = process.communicate("", timeout=120)
    assert process.returncode == 2
    assert 'auth = "oauth2"' in err and "Traceback" not in err
