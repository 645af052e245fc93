"""The report as Markdown, for pasting into mail or a wiki."""

from __future__ import annotations

from campaign.reports.figures import WeeklyReport
from campaign.reports.tables import Table, format_cell, heading, report_tables


def render_markdown(report: WeeklyReport) -> str:
    title, period = heading(report)
    parts = [f"# {title}", "", period, ""]
    for table in report_tables(report):
        parts += _table(table)
    return "\n".join(parts)


def _table(table: Table) -> list[str]:
    lines = [f"## {table.title}", ""]
    if table.rows:
        lines.append("| " + " | ".join(table.headers) + " |")
        lines.append("|" + "---|" * len(table.headers))
        lines += [
            "| " + " | ".join(_escape(format_cell(cell)) for cell in row) + " |"
            for row in table.rows
        ]
    else:
        lines.append("_(keine)_")
    if table.note:
        lines += ["", f"_{table.note}_"]
    return [*lines, ""]


def _escape(text: str) -> str:
    return text.replace("|", "\\|")
