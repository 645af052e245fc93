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
        f"{path}:6: accounts[0].platform: „twiter“ ist keine von x, mastodon, bluesky"
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
    assert f"{path}:1: time_zone: „Europe/Dortmund“ ist keine IANA-Zeitzone" in lines[0]
    assert lines[1] == f"{path}:2: colour: unbekannte Einstellung (ein Tippfehler?)"


def test_duplicate_account_names_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + GOOD.split("\n", 2)[2])
    with pytest.raises(UserError, match="kommt zweimal vor"):
        load_settings(path)


X_OAUTH1 = """
[[accounts]]
name = "x-todo"
platform = "x"
handle = "todo_dortmund"
server_url = "https://api.x.com"
consumer_key_env = "LT_X_KEY"
consumer_secret_env = "LT_X_KEY_SECRET"
access_token_env = "LT_X_TOKEN"
access_token_secret_env = "LT_X_TOKEN_SECRET"
"""


def test_x_takes_oauth1_keys_by_default_each_from_its_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LT_X_KEY", "LT_X_KEY_SECRET", "LT_X_TOKEN", "LT_X_TOKEN_SECRET"):
        monkeypatch.setenv(name, f"wert-{name}")
    [account] = load_settings(write(tmp_path, X_OAUTH1)).accounts
    assert account.auth == "oauth1"
    assert account.credentials() == {
        "consumer_key": "wert-LT_X_KEY",
        "consumer_secret": "wert-LT_X_KEY_SECRET",
        "access_token": "wert-LT_X_TOKEN",
        "access_token_secret": "wert-LT_X_TOKEN_SECRET",
    }
    assert "wert-" not in repr(account)


def test_x_oauth1_with_a_key_missing_names_it(tmp_path: Path) -> None:
    path = write(tmp_path, X_OAUTH1.replace('access_token_secret_env = "LT_X_TOKEN_SECRET"\n', ""))
    with pytest.raises(UserError) as error:
        load_settings(path)
    assert str(error.value) == (
        f"{path}: accounts[0]: X-Konto „x-todo“ (auth = „oauth1“) braucht access_token_secret_env"
    )


def test_x_oauth2_needs_a_client_id_and_older_files_keep_their_token(tmp_path: Path) -> None:
    oauth2 = X_OAUTH1.split("consumer_key_env")[0] + 'auth = "oauth2"\n'
    with pytest.raises(UserError, match="braucht client_id_env"):
        load_settings(write(tmp_path, oauth2))
    older = X_OAUTH1.split("consumer_key_env")[0] + 'secret_env = "LT_X_BEARER"\n'
    assert load_settings(write(tmp_path, older)).accounts[0].auth == "token"


def test_x_keys_on_another_platform_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="consumer_key_env: nur X-Konten haben diese Einstellungen"):
        load_settings(write(tmp_path, GOOD + 'consumer_key_env = "LT_KEY"\n'))
