"""`leuchtturm post add` with a poll: stored as the plan import stores it, refused in one
German line (platform, option, by how much) with exit code 2, a survey link for Bluesky."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from campaign.cli.main import app as cli_app
from campaign.cli.main import run as run_cli

CONFIG = Path(__file__).parents[2] / "config.toml"
SURVEY = "https://dortmund.de/befragung"

Run = Callable[..., Result]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """The CLI on a fresh database holding the campaign `umfrage`."""
    monkeypatch.setenv("LEUCHTTURM_DATABASE_URL", f"sqlite:///{tmp_path / 'poll.sqlite3'}")
    monkeypatch.setenv("LEUCHTTURM_LANG", "de")
    plan = tmp_path / "plan.toml"
    plan.write_text(
        '[campaign]\nslug = "umfrage"\nname = "Umfrage"\n'
        'accounts = ["mastodon-todo", "x-todo", "bluesky-todo"]\n'
        '[[posts]]\nkey = "start"\nat = 2030-05-06T10:00:00\ntext = "Los geht es."\n',
        encoding="utf-8",
    )
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli_app, ["--config", str(CONFIG), *args])

    assert invoke("db", "upgrade").exit_code == 0
    assert invoke("campaign", "import", str(plan)).exit_code == 0
    return invoke


ADD = ("post", "add", "umfrage", "frage", "Mehr Ausbildungsplätze in der Nordstadt?",
       "--at", "2030-05-07T10:00")


def _add(run: Run, *extra: str) -> Result:
    return run(*ADD, *extra)


def _refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *extra: str
) -> tuple[int, str]:
    """`post add` through the command's own error path: its exit code and stderr."""
    monkeypatch.setattr(sys, "argv", ["leuchtturm", "--config", str(CONFIG), *ADD, *extra])
    capsys.readouterr()
    with pytest.raises(SystemExit) as ended:
        run_cli()
    code = ended.value.code
    return code if isinstance(code, int) else 1, capsys.readouterr().err


def _stored(run: Run) -> dict[str, object]:
    listed = json.loads(run("post", "list", "--json").output)
    [post] = [p for p in listed if p["key"] == "frage"]
    return json.loads(run("post", "show", str(post["id"]), "--json").output)


def test_a_poll_is_stored_and_bluesky_gets_the_survey_link(run: Run) -> None:
    result = _add(
        run, "-a", "mastodon-todo", "-a", "bluesky-todo", "--poll-option", "Ja",
        "--poll-option", "Nein", "--poll-option", "Weiß nicht", "--poll-hours", "24",
        "--poll-multiple", "--survey-url", SURVEY,
    )
    assert result.exit_code == 0, result.output
    shown = _stored(run)
    assert shown["variants"] == {
        "bluesky": f"Mehr Ausbildungsplätze in der Nordstadt?\n\n{SURVEY}"
    }
    assert shown["poll"] == {"options": ["Ja", "Nein", "Weiß nicht"], "seconds": 86400,
                             "multiple": True}
    shown_text = run("post", "show", str(shown["id"])).output
    assert "Umfrage (24 h, mehrere Antworten): Ja / Nein / Weiß nicht" in shown_text


def test_an_option_too_long_for_x_is_one_german_line_exit_2(
    run: Run, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    option = "a" * 26
    code, error = _refused(
        capsys, monkeypatch, "-a", "x-todo", "--poll-option", option, "--poll-option", "Nein",
        "--poll-hours", "24",
    )
    assert code == 2
    assert "Traceback" not in error
    lines = error.strip().splitlines()
    assert len(lines) == 1, error
    assert lines[0].startswith("Fehler: ")
    assert f"x-todo: X: Antwort 1 „{option}“ hat 26 Zeichen, höchstens 25 erlaubt, 1 zu viel" in (
        lines[0]
    )
    assert all(p["key"] != "frage" for p in json.loads(run("post", "list", "--json").output))


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["-a", "bluesky-todo", "--poll-option", "Ja", "--poll-option", "Nein",
          "--poll-hours", "24"], "Bluesky kennt keine Umfragen"),
        (["-a", "x-todo", "--poll-option", "Ja", "--poll-option", "Nein"], "Laufzeit"),
        (["-a", "x-todo", "--poll-hours", "24"], "keine Antworten"),
        (["-a", "x-todo", "--poll-option", "Ja", "--poll-option", "Nein", "--poll-hours",
          "24", "--poll-multiple"], "X: Umfragen erlauben nur eine Antwort"),
        (["-a", "x-todo", "--poll-option", "Ja", "--poll-option", "Nein", "--poll-hours",
          "200"], "X: Laufzeit 200 Stunden, höchstens 7 Tage, 32 Stunden zu lang"),
        (["-a", "bluesky-todo", "--survey-url", SURVEY], "ohne Umfrage"),
    ],
)
def test_a_broken_poll_is_refused_naming_what(
    run: Run,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    extra: list[str],
    words: str,
) -> None:
    code, error = _refused(capsys, monkeypatch, *extra)
    assert code == 2, error
    assert words in error and "Traceback" not in error
    assert len(error.strip().splitlines()) == 1, error


def test_help_names_the_poll_options_in_german_and_english(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    german = run("post", "add", "--help").output
    assert "Antwort einer Umfrage" in german and "Link zur Befragung" in german
    monkeypatch.setenv("LEUCHTTURM_LANG", "en")
    english = run("post", "add", "--help").output
    assert "A poll option" in english and "Link to the survey" in english
