"""The report as CSV files, one per table, for spreadsheets.

Numbers are written as Python prints them (a dot for decimals) and "no value" as an empty
cell, so a re-read file equals the figures exactly.
"""

from __future__ import annotations

import csv
from pathlib import Path

from campaign.reports.figures import WeeklyReport
from campaign.reports.tables import report_tables


def write_csv(report: WeeklyReport, folder: Path) -> list[Path]:
    """One `<table>.csv` per table in `folder`; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in report_tables(report):
        path = folder / f"{table.name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.headers)
            writer.writerows(["" if cell is None else cell for cell in row] for row in table.rows)
        written.append(path)
    return written
