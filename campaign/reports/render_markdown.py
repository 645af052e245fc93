"""The report as Markdown, for pasting into mail or a wiki."""

from __future__ import annotations

import re

from campaign.reports.figures import WeeklyReport
from campaign.reports.glance import glance
from campaign.reports.i18n import Words
from campaign.reports.tables import Table, format_cell, heading, report_tables


def render_markdown(report: WeeklyReport, words: Words) -> str:
    title, period = heading(report, words)
    parts = [f"# {title}", "", period, ""]
    parts += [f"## {words('glance.title')}", "", _prose(" ".join(glance(report, words))), ""]
    for table in report_tables(report, words):
        parts += _table(table, words)
    return "\n".join(parts)


def _table(table: Table, words: Words) -> list[str]:
    lines = [f"## {table.title}", ""]
    if table.rows:
        lines.append("| " + " | ".join(table.headers) + " |")
        lines.append("|" + "---|" * len(table.headers))
        lines += [
            "| " + " | ".join(_escape(format_cell(cell, words)) for cell in row) + " |"
            for row in table.rows
        ]
    else:
        lines.append(f"_{words('none')}_")
    if table.note:
        lines += ["", f"_{table.note}_"]
    return [*lines, ""]


def _prose(text: str) -> str:
    """A paragraph whose quoted post texts cannot turn into Markdown or HTML."""
    return re.sub(r"([\\`*_\[\]<>#|~])", r"\\\1", text)


def _escape(text: str) -> str:
    return text.replace("|", "\\|")
