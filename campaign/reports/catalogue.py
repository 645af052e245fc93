"""The weekly reports already on disk, newest first, for the TUI's reports screen.

`files.write_report` gives every report a folder named after its ISO week (and campaign)
inside a folder per language, so the folder names alone order the reports; nothing here
reads the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from campaign.reports.files import REPORT_STEM
from words import LANGUAGES

FOLDER_PATTERN = re.compile(r"^(?P<week>\d{4}-W\d{2})(?:-(?P<campaign>.+))?$")


@dataclass(frozen=True)
class ReportFiles:
    """One written report: its week, its campaign (None: all campaigns), its language and
    its files."""

    week: str
    campaign: str | None
    language: str
    folder: Path
    markdown: Path | None
    html: Path | None
    csv: tuple[Path, ...] = ()

    @property
    def formats(self) -> list[str]:
        """The formats written, as `reports.formats` names them."""
        present = (("md", self.markdown), ("html", self.html), ("csv", self.csv))
        return [name for name, files in present if files]


def latest_reports(folder: Path) -> list[ReportFiles]:
    """Every report under `folder`, newest week first; a missing folder has none.

    Folders that are not named like a report, or hold neither a Markdown nor an HTML
    file, are left out (a CSV-only report has nothing to show in a terminal or browser).
    """
    found = []
    for lang in LANGUAGES:
        language_folder = folder / lang
        if not language_folder.is_dir():
            continue
        for child in language_folder.iterdir():
            match = FOLDER_PATTERN.match(child.name)
            if match is None or not child.is_dir():
                continue
            markdown = _existing(child / f"{REPORT_STEM}.md")
            html = _existing(child / f"{REPORT_STEM}.html")
            if markdown or html:
                tables = tuple(sorted(child.glob("*.csv")))
                found.append(
                    ReportFiles(
                        match["week"], match["campaign"], lang, child, markdown, html, tables
                    )
                )
    found.sort(key=lambda report: (report.campaign is not None, report.campaign or ""))
    found.sort(key=lambda report: report.week, reverse=True)  # stable: all-campaigns first
    return found


def _existing(path: Path) -> Path | None:
    return path if path.is_file() else None
