"""Configuration: defaults, validation errors naming file, line and key, secrets by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from campaign.config import load_settings
from campaign.errors import UserError

GOOD = """
time_zone = "Europe/Berlin"

[[accounts]]
name = "mastodon-todo"
platform = "mastodon"
handle = "todo"
server_url = "https://mastodon.example"
secret_env = "LT_TOKEN"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_config_is_valid() -> None:
    settings = load_settings(Path(__file__).parents[2] / "config.toml")
    assert {a.platform for a in settings.accounts} == {"x", "mastodon", "bluesky"}
    assert settings.time_zone == "Europe/Berlin"


def test_secret_comes_from_the_named_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(write(tmp_path, GOOD))
    monkeypatch.delenv("LT_TOKEN", raising=False)
    assert settings.accounts[0].secret() is None
    monkeypatch.setenv("LT_TOKEN", "s3cr3t")
    assert settings.accounts[0].secret() == "s3cr3t"
    assert "s3cr3t" not in repr(settings)


def test_unknown_platform_names_file_line_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('"mastodon"\nhandle', '"twiter"\nhandle'))
    with pytest.raises(UserError) as error:
        load_settings(path)
    assert str(error.value) == (
        f"{path}:6: accounts[0].platform: 'twiter' is not one of x, mastodon, bluesky"
    )


def test_toml_syntax_error_gives_the_parser_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'time_zone = "Europe/Berlin"\nlanguage = \n')
    with pytest.raises(UserError) as error:
        load_settings(path)
    assert str(error.value).startswith(f"{path}:2: ")


def test_unknown_key_and_bad_zone_are_both_reported(tmp_path: Path) -> None:
    path = write(tmp_path, 'time_zone = "Europe/Dortmund"\ncolour = "blue"\n')
    with pytest.raises(UserError) as error:
        load_settings(path)
    lines = str(error.value).splitlines()
    assert f"{path}:1: time_zone: 'Europe/Dortmund' is not an IANA time zone" in lines[0]
    assert lines[1] == f"{path}:2: colour: unknown key (a typo?)"


def test_duplicate_account_names_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + GOOD.split("\n", 2)[2])
    with pytest.raises(UserError, match="used twice"):
        load_settings(path)
