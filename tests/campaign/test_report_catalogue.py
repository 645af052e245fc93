"""The report catalogue reads the folder layout `files.write_report` makes: newest week
first, the all-campaigns report before a week's campaign reports, strays left out."""

from __future__ import annotations

from pathlib import Path

from campaign.reports.catalogue import latest_reports


def _report(root: Path, name: str, *files: str, lang: str = "de") -> None:
    (root / lang / name).mkdir(parents=True)
    for file in files:
        (root / lang / name / file).write_text("x", encoding="utf-8")


def test_newest_week_first_and_strays_left_out(tmp_path: Path) -> None:
    _report(tmp_path, "2026-W46", "bericht.md", "bericht.html", "engagement.csv")
    _report(tmp_path, "2026-W47-todo", "bericht.md")
    _report(tmp_path, "2026-W47", "bericht.html")
    _report(tmp_path, "2026-W45", "antworten.csv")  # nothing to show
    _report(tmp_path, "notizen", "bericht.md")  # not a report folder
    (tmp_path / "de" / "2026-W48").write_text("a file, not a folder", encoding="utf-8")

    found = latest_reports(tmp_path)

    assert [(r.week, r.campaign) for r in found] == [
        ("2026-W47", None),
        ("2026-W47", "todo"),
        ("2026-W46", None),
    ]
    folder = tmp_path / "de"
    assert found[0].markdown is None and found[0].html == folder / "2026-W47" / "bericht.html"
    assert found[1].markdown == folder / "2026-W47-todo" / "bericht.md"
    assert found[2].formats == ["md", "html", "csv"]


def test_each_language_has_its_own_folder(tmp_path: Path) -> None:
    _report(tmp_path, "2026-W46", "bericht.md")
    _report(tmp_path, "2026-W46", "bericht.md", lang="en")
    _report(tmp_path, "2026-W46", "bericht.md", lang="fr")  # no such report language
    found = latest_reports(tmp_path)
    assert [(r.week, r.language) for r in found] == [("2026-W46", "de"), ("2026-W46", "en")]


def test_missing_folder_has_no_reports(tmp_path: Path) -> None:
    assert latest_reports(tmp_path / "gibt-es-nicht") == []
