"""The report in English: no German text of the catalogue left in any format, the same
figures as the German report, English dates and decimals; chosen by --lang or
LEUCHTTURM_LANG."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from campaign.config import Settings
from campaign.db import Database
from campaign.errors import UserError
from campaign.reports.figures import WeeklyReport
from campaign.reports.files import write_report, write_weekly_reports
from campaign.reports.i18n import Words
from campaign.reports.render_markdown import render_markdown
from campaign.reports.tables import report_tables
from tests.reports.conftest import run_cli
from tests.reports.scenario import at
from words.report import WORDS as CATALOGUE

GERMAN, ENGLISH = Words("de"), Words("en")
PLACEHOLDER = re.compile(r"\{[^}]*\}")


def german_fragments() -> set[str]:
    """Every German piece of text the catalogue has that its English twin lacks."""
    fragments = set()
    for german, english in CATALOGUE.values():
        for piece in PLACEHOLDER.split(german):
            piece = piece.strip(" ();:–%")
            if len(piece) >= 4 and piece not in english:
                fragments.add(piece)
    return fragments


def written(report: WeeklyReport, folder: Path, lang: str) -> dict[str, str]:
    paths = write_report(report, ["md", "html", "csv"], folder, lang)
    return {path.name: path.read_text(encoding="utf-8") for path in paths}


def test_english_files_have_no_german_catalogue_text(report: WeeklyReport, tmp_path: Path) -> None:
    fragments = german_fragments()
    assert {"Datenlücken", "Antworten pro Tag", "Vorwoche", "Mo Di Mi Do Fr Sa So"} <= fragments
    english = written(report, tmp_path / "en", "en")
    for name, content in english.items():
        left = sorted(fragment for fragment in fragments if fragment in content)
        assert left == [], (name, left)
    german = written(report, tmp_path / "de", "de")
    assert "## Datenlücken" in german["bericht.md"] and "## Data gaps" in english["bericht.md"]


def test_file_names_are_the_same_in_both_languages(report: WeeklyReport, tmp_path: Path) -> None:
    assert (
        written(report, tmp_path / "en", "en").keys()
        == written(report, tmp_path / "de", "de").keys()
    )


def test_every_figure_is_equal_in_both_languages(report: WeeklyReport) -> None:
    german, english = report_tables(report, GERMAN), report_tables(report, ENGLISH)
    assert [t.name for t in german] == [t.name for t in english]
    for de_table, en_table in zip(german, english, strict=True):
        assert len(de_table.headers) == len(en_table.headers)
        for de_row, en_row in zip(de_table.rows, en_table.rows, strict=True):
            figures = [
                (d, e) for d, e in zip(de_row, en_row, strict=True) if not isinstance(d, str)
            ]
            assert all(d == e for d, e in figures), (de_table.name, de_row, en_row)
    assert sum(len(t.rows) for t in english) == sum(len(t.rows) for t in german) > 30


def test_csv_numbers_are_plain_and_equal_in_both_languages(
    report: WeeklyReport, tmp_path: Path
) -> None:
    def table(lang: str, name: str) -> list[list[str]]:
        folder = tmp_path / lang
        write_report(report, ["csv"], folder, lang)
        (path,) = folder.glob(f"{lang}/*/{name}.csv")
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle))

    de_rows, en_rows = table("de", "engagement"), table("en", "engagement")
    assert de_rows[0][-1] == "je 1.000 Follower" and en_rows[0][-1] == "per 1,000 followers"
    assert de_rows[1:] == en_rows[1:]
    assert ["mastodon", "1", "10", "4", "6", "1", "", "2000", "21", "10.5"] in en_rows
    assert table("de", "probleme")[1][-1] == table("en", "probleme")[1][-1] == "2024-03-27 11:00"


def test_english_dates_decimals_and_states(report: WeeklyReport) -> None:
    english = render_markdown(report, ENGLISH)
    german = render_markdown(report, GERMAN)
    assert english.startswith("# Weekly report 2024-W13 – campaign arbeit")
    assert "2024-03-25 00:00 to 2024-04-01 00:00 (Europe/Berlin)" in english
    assert "| mastodon | 1 | 10 | 4 | 6 | 1 | – | 2,000 | 21 | 10.5 |" in english
    assert "| mastodon | 1 | 10 | 4 | 6 | 1 | – | 2.000 | 21 | 10,5 |" in german
    assert "| 2024-03-25 | 2 | 0 | 0 | 0 | 2 |" in english
    assert "| 25.03.2024 | 2 | 0 | 0 | 0 | 2 |" in german
    assert "| e | bluesky-todo | needs review | missed by 45 minutes" in english
    assert "| e | bluesky-todo | zu prüfen | missed by 45 minutes" in german
    assert (
        "| d | x-todo | fehlgeschlagen | 401 Unauthorized: token *** revoked | 26.03.2024" in german
    )


def test_html_says_its_language(report: WeeklyReport, tmp_path: Path) -> None:
    assert '<html lang="en">' in written(report, tmp_path / "en", "en")["bericht.html"]
    assert '<html lang="de">' in written(report, tmp_path / "de", "de")["bericht.html"]


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="de, en"):
        Words("fr")


def cli_markdown(config: Path, out: Path, *args: str) -> str:
    result = run_cli(config, "--week", "2024-W13", "--format", "md", "--out", str(out), *args)
    assert result.exit_code == 0, result.output
    return Path(result.output.strip()).read_text(encoding="utf-8")


def test_cli_lang_option_and_environment(
    config_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli_markdown(config_file, tmp_path / "a").startswith("# Wochenbericht")
    assert cli_markdown(config_file, tmp_path / "b", "--lang", "EN").startswith("# Weekly report")
    monkeypatch.setenv("LEUCHTTURM_LANG", "en")
    assert cli_markdown(config_file, tmp_path / "c").startswith("# Weekly report")
    assert cli_markdown(config_file, tmp_path / "d", "--lang", "de").startswith("# Wochenbericht")


def test_cli_rejects_an_unknown_language(config_file: Path) -> None:
    result = run_cli(config_file, "--lang", "fr")
    assert isinstance(result.exception, UserError)
    assert "--lang „fr“" in str(result.exception) and "de, en" in str(result.exception)


def test_cli_follows_the_language_setting_unless_told_otherwise(
    config_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = tmp_path / "english.toml"
    english.write_text('language = "en"\n' + config_file.read_text(encoding="utf-8"))
    assert cli_markdown(english, tmp_path / "a").startswith("# Weekly report")
    assert cli_markdown(english, tmp_path / "b", "--lang", "de").startswith("# Wochenbericht")
    monkeypatch.setenv("LEUCHTTURM_LANG", "de")
    assert cli_markdown(english, tmp_path / "c").startswith("# Wochenbericht")


def test_daemon_writer_follows_the_language_setting(
    scenario_database: Database, settings: Settings
) -> None:
    english = settings.model_copy(update={"language": "en"})
    paths = write_weekly_reports(scenario_database, english, at("2024-04-01 05:00"))
    (markdown,) = [path for path in paths if path.suffix == ".md"]
    assert markdown.read_text(encoding="utf-8").startswith("# Weekly report 2024-W13")


def test_numbers_are_grouped_and_signed_as_each_language_writes_them() -> None:
    assert GERMAN.number(-12345.5) == "\N{MINUS SIGN}12.345,5"
    assert GERMAN.number(-0.001) == "0"  # rounded away, and no "−0"
    assert ENGLISH.number(1234567.25) == "1,234,567.25"
    assert (GERMAN.count(50000), ENGLISH.count(50000), GERMAN.number(0.0)) == (
        "50.000",
        "50,000",
        "0",
    )


def test_german_and_english_reports_keep_their_own_folders(
    report: WeeklyReport, tmp_path: Path
) -> None:
    german = write_report(report, ["md"], tmp_path, "de")
    english = write_report(report, ["md"], tmp_path, "en")
    assert german[0] == tmp_path / "de" / "2024-W13-arbeit" / "bericht.md"
    assert english[0] == tmp_path / "en" / "2024-W13-arbeit" / "bericht.md"
    assert german[0].read_text(encoding="utf-8").startswith("# Wochenbericht")
    assert english[0].read_text(encoding="utf-8").startswith("# Weekly report")
