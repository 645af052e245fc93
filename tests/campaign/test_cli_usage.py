"""The command line as a person meets it: mistakes give one line in their language, the
command's usage, exit code 2 and never a traceback; every help page speaks German by
default and English when asked."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from campaign.cli.main import app

ROOT = Path(__file__).parents[2]

#: (arguments, words the one error line must contain)
MISTAKES = [
    (["post", "approve", "abc"], ["POST_ID", "„abc“", "keine ganze Zahl"]),
    (["post", "show", "mo-auftakt"], ["POST_ID", "„mo-auftakt“"]),
    (["post", "show"], ["Es fehlt das Argument POST_ID"]),
    (["post", "list", "--foo"], ["Unbekannte Option --foo"]),
    (["posts", "list"], ["Unbekannter Befehl „posts“", "Meinten Sie „post“?"]),
    (["content", "check", "Hallo Dortmund"], ["--platform", "x, mastodon, bluesky"]),
    (["content", "check", "--platform", "twitter"], ["„twitter“", "x, mastodon, bluesky"]),
    (["content", "check", "--platform", "twitter", "Hallo"], ["„twitter“"]),
    (["post", "list", "--limit", "viele"], ["--limit", "„viele“", "keine ganze Zahl"]),
    (["post", "list", "--limit"], ["Die Option --limit braucht einen Wert"]),
    (["status", "--json", "zuviel"], ["Unerwartete zusätzliche Argumente: zuviel"]),
    (["sentiment", "classify"], ["Es fehlt das Argument TEXTS"]),
    (["report", "weekly", "--formt", "md"], ["Unbekannte Option --formt", "--format"]),
    (["demo", "--duration", "lang"], ["--duration", "keine Zahl"]),
    (["campaign", "frobnicate"], ["Unbekannter Befehl „frobnicate“"]),
]


def leuchtturm(
    *args: str, cwd: Path, lang: str = "", url: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The command as a person runs it, in German unless `lang`, on the database `url`
    (default: one in `cwd` that a mistake must never create)."""
    return subprocess.run(
        [sys.executable, "-m", "campaign.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "LEUCHTTURM_LANG": lang,
            "COLUMNS": "100",
            "LEUCHTTURM_DATABASE_URL": url or f"sqlite:///{cwd / 'unused.sqlite3'}",
        },
    )


@pytest.mark.parametrize(("args", "words"), MISTAKES, ids=[" ".join(a) for a, _ in MISTAKES])
def test_a_usage_mistake_is_one_german_line_and_the_usage(
    tmp_path: Path, args: list[str], words: list[str]
) -> None:
    result = leuchtturm(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr
    error, usage = lines
    assert error.startswith("Fehler: ")
    for word in words:
        assert word in error
    assert usage.startswith("Aufruf: leuchtturm ")
    assert not (tmp_path / "unused.sqlite3").exists()


def test_the_same_mistakes_in_english(tmp_path: Path) -> None:
    result = leuchtturm("posts", "list", cwd=tmp_path, lang="en")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: No such command 'posts'. Did you mean 'post'?",
        "Usage: leuchtturm [OPTIONS] COMMAND [ARGS]...",
    ]
    wrong = leuchtturm("post", "approve", "abc", cwd=tmp_path, lang="en")
    assert wrong.stderr.splitlines()[0] == "error: POST_ID: 'abc' is not a whole number."


def test_a_user_error_inside_a_command_is_one_line_in_german(tmp_path: Path) -> None:
    result = leuchtturm("post", "list", "--day", "gestern", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Fehler: --day „gestern“: erwartet ist ein Datum wie 2024-04-29."
    )


#: (arguments, a config file's text or None, the German line, the English line): errors found
#: inside commands, in the services, the configuration and the sentiment data
ERRORS_INSIDE = [
    (["report", "weekly", "--week", "2026-W99"], None,
     "Fehler: --week „2026-W99“: 2026 hat keine ISO-Woche 99",
     "error: --week '2026-W99': 2026 has no ISO week 99"),
    (["report", "weekly", "--lang", "fr"], None,
     "Fehler: --lang „fr“: unbekannte Sprache; erlaubt sind de, en",
     "error: --lang 'fr': unknown language; use one of de, en"),
    (["sentiment", "eval", "fehlt.csv"], None,
     "Fehler: Datei nicht gefunden: fehlt.csv", "error: file not found: fehlt.csv"),
    (["status"], '[daemon]\npoll_seconds = "oft"\n',
     "Fehler: config.toml:2: daemon.poll_seconds: muss eine Zahl sein",
     "error: config.toml:2: daemon.poll_seconds: must be a number"),
    (["status"], 'language = "fr"\n',
     "Fehler: config.toml:1: language: erlaubt ist 'de' oder 'en'",
     "error: config.toml:1: language: must be 'de' or 'en'"),
    (["status"], "[wall]\nport = 0\n",
     "Fehler: config.toml:2: wall.port: muss mindestens 1 sein",
     "error: config.toml:2: wall.port: must be at least 1"),
]


@pytest.mark.parametrize(
    ("args", "config", "german", "english"),
    ERRORS_INSIDE,
    ids=[" ".join(args) + (" (config)" if config else "") for args, config, *_ in ERRORS_INSIDE],
)
def test_an_error_inside_a_command_speaks_the_chosen_language(
    tmp_path: Path, args: list[str], config: str | None, german: str, english: str
) -> None:
    before = ["--config", "config.toml"] if config is not None else []
    if config is not None:
        (tmp_path / "config.toml").write_text(config, encoding="utf-8")
    for lang, expected in (("", german), ("en", english)):
        result = leuchtturm(*before, *args, cwd=tmp_path, lang=lang)
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip() == expected


def test_a_missing_config_file_is_one_line(tmp_path: Path) -> None:
    result = leuchtturm("--config", str(tmp_path / "fehlt.toml"), "status", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _commands() -> list[list[str]]:
    """Every group and command of the app, as a person would type it."""
    found: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        found.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(get_command(app), [])
    return found


def help_page(path: list[str], monkeypatch: pytest.MonkeyPatch, lang: str) -> str:
    monkeypatch.setenv("LEUCHTTURM_LANG", lang)
    result = CliRunner().invoke(app, [*path, "--help"], prog_name="leuchtturm")
    assert result.exit_code == 0, result.output
    return result.output


ENGLISH = re.compile(
    r"\b(Usage|Options|Commands|Arguments|Show this message|default|required|Only|"
    r"the|with|and|or|of|one|Stable|Run|Post|posts|Campaign|Accounts|Write|Send|Log in|"
    r"Install|Seconds|Keep|Hold|Let|Move|Cancel|Approve|Add|Download|Build|Train|Label)\b"
)
GERMAN = re.compile(
    r"\b(Aufruf|Optionen|Befehle|Argumente|Standard|Pflicht|Nur|der|die|und|oder|"
    r"Beiträge|Kampagne|Konten|Diese Hilfe)\b"
)


def _descriptions(page: str) -> str:
    """The page without the names of commands, options and types (those stay as typed)."""
    page = re.sub(r"--?[\w-]+|<[^>]*>|\[[A-Z]+\]", " ", page)
    return re.sub(r"^│ +[*]? *\w[\w-]*\s", "│ ", page, flags=re.MULTILINE)


def test_every_help_page_is_german_by_default_and_english_by_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    commands = _commands()
    assert ["post", "approve"] in commands and ["report", "weekly"] in commands
    for path in commands:
        german = help_page(path, monkeypatch, "")
        assert german.lstrip().startswith("Aufruf: leuchtturm")
        assert not ENGLISH.findall(_descriptions(german)), (path, german)
        assert GERMAN.findall(_descriptions(german))
        english = help_page(path, monkeypatch, "en")
        assert english.lstrip().startswith("Usage: leuchtturm")
        assert not GERMAN.findall(_descriptions(english)), (path, english)
        assert ENGLISH.findall(_descriptions(english))


def test_the_config_language_chooses_the_help_language(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('language = "en"\n', encoding="utf-8")
    page = leuchtturm("post", "--help", cwd=tmp_path).stdout
    assert "Posts: add, approve, reschedule, cancel." in page
    assert "Show this message and exit." in page
