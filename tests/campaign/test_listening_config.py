"""What to follow, checked where it is written: config.toml's [listening] and accounts, and
a plan's `track`; a mistake is one German line naming the key, exit code 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from campaign.config import load_settings
from campaign.errors import UserError
from content.plan import load_plan
from content.plan_model import AccountTarget, PlanError
from content.platforms import Platform
from content.track import TrackProblem, parse_track
from tests.campaign.test_cli import leuchtturm

X_ACCOUNT = """
[[accounts]]
name = "x-todo"
platform = "x"
handle = "todo_dortmund"
server_url = "https://api.x.com"
secret_env = "LT_X"
"""
MASTODON_ACCOUNT = """
[[accounts]]
name = "mastodon-todo"
platform = "mastodon"
handle = "todo_dortmund"
server_url = "https://mastodon.example"
secret_env = "LT_M"
"""


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("entry", "kind", "text"),
    [
        ("#ToDoDortmund", "tag", "ToDoDortmund"),
        ("#Bürgerdialog_2026", "tag", "Bürgerdialog_2026"),
        ('"Arbeit der Zukunft" Dortmund', "keyword", '"Arbeit der Zukunft" Dortmund'),
        ("  Ausbildung   Dortmund ", "keyword", "Ausbildung Dortmund"),
    ],
)
def test_hashtags_and_keyword_queries_are_understood(entry: str, kind: str, text: str) -> None:
    parsed = parse_track(entry)
    assert (parsed.kind, parsed.text) == (kind, text)


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ("#2026", "kein Hashtag"),
        ("#To Do", "kein Hashtag"),
        ('"Arbeit der Zukunft', "Anführungszeichen ist nicht geschlossen"),
        ("from:stadtdortmund Arbeit", "Suchoperatoren"),
        ("", "leer"),
        ("x" * 201, "1 Zeichen zu lang"),
    ],
)
def test_entries_no_platform_can_follow_are_refused(entry: str, words: str) -> None:
    with pytest.raises(TrackProblem) as problem:
        parse_track(entry)
    assert words in problem.value.text("de")


def test_a_bad_track_in_config_names_campaign_entry_and_reason(tmp_path: Path) -> None:
    path = config(
        tmp_path,
        '[[listening.campaigns]]\ncampaign = "todo"\ntrack = ["#ToDoDortmund", "#2026"]\n',
    )
    with pytest.raises(UserError) as error:
        load_settings(path)
    assert "listening.campaigns[0].track" in str(error.value)
    assert "track[1]: '#2026' ist kein Hashtag" in str(error.value)


def test_x_listens_only_when_switched_on_and_then_needs_a_budget(tmp_path: Path) -> None:
    settings = load_settings(config(tmp_path, X_ACCOUNT + MASTODON_ACCOUNT))
    assert [a.listens() for a in settings.accounts] == [False, True]
    with pytest.raises(UserError) as error:
        load_settings(config(tmp_path, X_ACCOUNT + "listen = true\n"))
    assert "listen = true braucht daily_reads" in str(error.value)
    budgeted = load_settings(config(tmp_path, X_ACCOUNT + "listen = true\ndaily_reads = 500\n"))
    assert budgeted.accounts[0].listens() and budgeted.accounts[0].daily_reads == 500


def test_budget_and_full_text_search_belong_to_their_platforms(tmp_path: Path) -> None:
    with pytest.raises(UserError) as error:
        load_settings(config(tmp_path, MASTODON_ACCOUNT + "daily_reads = 10\n"))
    assert "daily_reads" in str(error.value)
    with pytest.raises(UserError) as error:
        load_settings(config(tmp_path, X_ACCOUNT + "full_text_search = true\n"))
    assert "full_text_search: nur Mastodon-Konten" in str(error.value)


def test_the_cli_refuses_a_bad_listening_config_with_exit_2(tmp_path: Path) -> None:
    path = config(tmp_path, X_ACCOUNT + "listen = true\n")
    result = leuchtturm("--config", str(path), "accounts", "list", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "daily_reads" in result.stderr and "X berechnet" in result.stderr


def test_a_plan_tracks_what_it_names_and_refuses_what_no_platform_can(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    head = '[campaign]\nslug = "todo"\nname = "to:do"\naccounts = ["m"]\n'
    post = '\n[[posts]]\nkey = "a"\nat = 2030-04-29T10:00:00\ntext = "Los geht es."\n'
    plan.write_text(head + 'track = ["#ToDoDortmund", "\\"Arbeit der Zukunft\\""]\n' + post)
    known = {"m": AccountTarget(Platform.MASTODON, 500)}
    assert load_plan(plan, known).campaign.track == ("#ToDoDortmund", '"Arbeit der Zukunft"')
    plan.write_text(head + 'track = ["#ToDo Dortmund"]\n' + post)
    with pytest.raises(PlanError) as error:
        load_plan(plan, known)
    assert "campaign.track[0]" in error.value.describe()
    assert "kein Hashtag" in error.value.describe()
