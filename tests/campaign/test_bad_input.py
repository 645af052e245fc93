"""Bad plans and configurations get one clear answer, the same on SQLite and PostgreSQL:
exit code 2, the field and the reason in German, no traceback, nothing written."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from campaign.db import Database
from campaign.models import Account, Campaign, Media, Post
from content import field_limits as limits
from content.plan import load_plan
from content.plan_model import AccountTarget, PlanError
from content.platforms import Platform
from tests.campaign.test_cli import ROOT, leuchtturm

CONFIG = str(ROOT / "config.toml")
POST = '[[posts]]\nkey = "{key}"\nat = 2031-04-29T10:00:00\ntext = "{text}"\n{extra}\n'
CAMPAIGN = '[campaign]\nslug = "probe"\nname = "{name}"\ndescription = "{description}"\n'


def _import(plan: Path, database_url: str, tmp_path: Path) -> tuple[int, str]:
    env = {"LEUCHTTURM_DATABASE_URL": database_url, "LEUCHTTURM_LANG": "de"}
    upgraded = leuchtturm("--config", CONFIG, "db", "upgrade", cwd=tmp_path, env=env)
    assert upgraded.returncode == 0, upgraded.stderr
    result = leuchtturm("--config", CONFIG, "campaign", "import", str(plan), cwd=tmp_path, env=env)
    assert "Traceback" not in result.stderr, result.stderr
    database = Database.open(database_url)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Campaign)) == 0
    database.engine.dispose()
    return result.returncode, result.stderr


def test_odd_bytes_long_names_and_wrong_types_are_named(database_url: str, tmp_path: Path) -> None:
    plan = tmp_path / "boese.toml"
    plan.write_text(
        CAMPAIGN.format(name="N" * 1000, description="mit \\u0000 NUL")
        + 'accounts = ["x-todo"]\n\n'
        + POST.format(key="k" * 500, text="Hallo", extra="")
        + POST.format(key="zwei", text="Hallo", extra='accounts = "x-todo"')
        + POST.format(key="drei", text="Hallo\\u001b[2J", extra=""),
        encoding="utf-8",
    )
    code, stderr = _import(plan, database_url, tmp_path)
    assert code == 2
    lines = stderr.splitlines()
    assert lines[0] == (
        "Fehler: boese.toml: campaign.description: enthält das Steuerzeichen U+0000; entfernen."
    )
    assert any(
        "campaign.name: zu lang: 1000 von höchstens 200 Zeichen, 800 zu viel." in line
        for line in lines
    )
    assert any(
        f"posts[0].key: zu lang: 500 von höchstens {limits.PLAN_POST_KEY} Zeichen" in line
        for line in lines
    )
    assert any(
        "posts[1].accounts [zwei]: eine Liste von Kontonamen erwartet, nicht Text; "
        'z. B. ["x-todo"].' in line
        for line in lines
    )
    assert not any("Konto 'x'" in line for line in lines)
    assert any("posts[2].text: enthält das Steuerzeichen U+001B" in line for line in lines)


def test_a_yaml_key_given_twice_is_refused(database_url: str, tmp_path: Path) -> None:
    plan = tmp_path / "doppelt.yaml"
    plan.write_text(
        "campaign:\n  slug: probe\n  name: Probe\n  name: Nochmal\n  accounts: [x-todo]\n"
        "posts:\n  - key: a\n    at: 2031-04-29T10:00:00\n    text: Hallo\n",
        encoding="utf-8",
    )
    code, stderr = _import(plan, database_url, tmp_path)
    assert code == 2
    assert stderr.strip() == (
        "Fehler: doppelt.yaml: Zeile 4: Schlüssel 'name' kommt zweimal vor; einen davon entfernen."
    )


@pytest.mark.parametrize("megabytes", [10, 0.2])
def test_a_huge_text_is_refused_before_it_is_counted(
    database_url: str, tmp_path: Path, megabytes: float
) -> None:
    plan = tmp_path / "gross.toml"
    text = "Dortmund " * int(megabytes * 1_000_000 / 9)
    plan.write_text(
        CAMPAIGN.format(name="Probe", description="")
        + 'accounts = ["x-todo"]\n\n'
        + POST.format(key="lang", text=text, extra=""),
        encoding="utf-8",
    )
    started = time.monotonic()
    code, stderr = _import(plan, database_url, tmp_path)
    assert code == 2
    assert time.monotonic() - started < 30  # counting it took over a minute
    if megabytes > 5:
        assert "gross.toml: Datei ist zu groß: mehr als 5.000.000 Bytes" in stderr
    else:
        assert f"posts[0].text [lang]: zu lang: {len(text)} von höchstens 50000 Zeichen" in stderr


def test_a_long_key_from_the_cli_is_refused_on_both_databases(
    database_url: str, tmp_path: Path
) -> None:
    env = {"LEUCHTTURM_DATABASE_URL": database_url}
    plan = tmp_path / "ok.toml"
    plan.write_text(
        CAMPAIGN.format(name="Probe", description="")
        + 'accounts = ["x-todo"]\n\n'
        + POST.format(key="a", text="Hallo", extra=""),
        encoding="utf-8",
    )
    assert leuchtturm("--config", CONFIG, "db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    imported = leuchtturm(
        "--config", CONFIG, "campaign", "import", str(plan), cwd=tmp_path, env=env
    )
    assert imported.returncode == 0, imported.stderr
    for key, text, reason in (
        ("k" * 300, "Hallo", "key: zu lang: 300 von höchstens 120 Zeichen, 180 zu viel."),
        ("steuer", "Hallo\x01", "text: enthält das Steuerzeichen U+0001; entfernen."),
    ):
        added = leuchtturm(
            "--config", CONFIG, "post", "add", "probe", key, text,
            "--at", "2031-04-29T10:00", "-a", "x-todo", cwd=tmp_path, env=env,
        )
        assert added.returncode == 2 and "Traceback" not in added.stderr, added.stderr
        assert reason in added.stderr
    (tmp_path / "bild.png").write_text("kein Bild", encoding="utf-8")
    for path, reason in (
        ("/etc/passwd", "/etc/passwd liegt außerhalb der erlaubten Ordner"),
        ("bild.png", "ist kein Bild (JPEG, PNG, GIF oder WebP), egal wie die Datei heißt"),
    ):
        added = leuchtturm(
            "--config", CONFIG, "post", "add", "probe", "bild", "Hallo", "--at",
            "2031-04-29T10:00", "-a", "x-todo", "--media", f"{path}:Ein Bild",
            cwd=tmp_path, env=env,
        )
        assert added.returncode == 2 and reason in added.stderr, added.stderr


def test_yaml_aliases_are_refused(tmp_path: Path) -> None:
    plan = tmp_path / "bombe.yaml"
    plan.write_text(
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "campaign: {slug: p, name: P, accounts: [x-todo]}\nposts: [*b]\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as raised:
        load_plan(plan, {"x-todo": AccountTarget(Platform.X)})
    assert "Zeile 2: YAML-Verweise (*name) sind in Plänen nicht erlaubt" in str(raised.value)


def test_bad_config_values_exit_2_naming_the_key(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    for field, value, reason in (
        ("name", "a" * 81, "darf höchstens 80 Zeichen lang sein"),
        ("handle", "h\\u0000", "enthält das Steuerzeichen U+0000"),
        ("server_url", "https://" + "s" * 600, "darf höchstens 500 Zeichen lang sein"),
    ):
        values = {"name": "a", "handle": "h", "server_url": "https://m.example"} | {field: value}
        config.write_text(
            "[[accounts]]\n"
            + "".join(f'{k} = "{v}"\n' for k, v in values.items())
            + 'platform = "mastodon"\nsecret_env = "T"\n',
            encoding="utf-8",
        )
        result = leuchtturm("--config", str(config), "accounts", "list", cwd=tmp_path)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert f"accounts[0].{field}: {reason}" in result.stderr, result.stderr
    config.write_bytes(b"# " + b"x" * 2_000_000)
    result = leuchtturm("--config", str(config), "accounts", "list", cwd=tmp_path)
    assert result.returncode == 2 and "größer als 1.000.000 Bytes" in result.stderr


def test_plan_limits_are_the_database_columns() -> None:
    """One source: the columns are sized from `content.field_limits`, and a plan's key
    leaves room for the suffixes stored keys get."""
    columns = {
        (Campaign, "slug"): limits.CAMPAIGN_SLUG,
        (Campaign, "name"): limits.CAMPAIGN_NAME,
        (Campaign, "time_zone"): limits.TIME_ZONE,
        (Post, "key"): limits.POST_KEY,
        (Account, "name"): limits.ACCOUNT_NAME,
        (Account, "handle"): limits.ACCOUNT_HANDLE,
        (Account, "server_url"): limits.SERVER_URL,
        (Media, "path"): limits.MEDIA_PATH,
    }
    for (model, name), limit in columns.items():
        assert model.__table__.c[name].type.length == limit, (model, name)
    assert limits.PLAN_POST_KEY + len("-20261201123456") <= limits.POST_KEY
