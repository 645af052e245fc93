"""The report as CSV files, one per table, for spreadsheets.

Numbers are written as Python prints them (a dot for decimals, in every language), dates
as ISO 8601 and "no value" as an empty cell, so a re-read file equals the figures exactly.
Headers and texts are in the report's language; file names are not (see `i18n`).

A text cell that a spreadsheet would take for a formula (`=HYPERLINK(…)`, `+cmd|…`,
`@SUM(…)`) is prefixed with an apostrophe, OWASP's rule against CSV injection; numbers
stay numbers. The guard runs last, after pseudonyms and the inert boundary, so neither
can turn a text back into a formula.
"""

from __future__ import annotations

import csv
from pathlib import Path

from campaign.reports.figures import WeeklyReport
from campaign.reports.i18n import Words
from campaign.reports.tables import Cell, csv_cell, report_tables

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_csv(report: WeeklyReport, folder: Path, words: Words) -> list[Path]:
    """One `<table>.csv` per table in `folder`; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in report_tables(report, words):
        path = folder / f"{table.name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([spreadsheet_cell(header) for header in table.headers])
            writer.writerows([spreadsheet_cell(cell) for cell in row] for row in table.rows)
        written.append(path)
    return written


def formula_safe(text: str) -> str:
    """A text cell no spreadsheet runs as a formula (OWASP: a leading ' before = + - @ tab
    CR); every CSV the project writes passes here."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def spreadsheet_cell(value: Cell) -> str | int | float:
    """`csv_cell`, with a text that starts like a formula made plain text."""
    cell = csv_cell(value)
    return formula_safe(cell) if isinstance(cell, str) else cell
