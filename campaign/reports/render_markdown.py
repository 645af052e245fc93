"""The report as Markdown, for pasting into mail or a wiki.

Markdown viewers render HTML and follow links, and reply texts are written by anyone: every
text is escaped, HTML as entities and Markdown's own syntax with backslashes, so a
`<script>`, an `<img onerror=…>` or a `[klick](javascript:…)` is shown, never run.
"""

from __future__ import annotations

import re

from campaign.reports.figures import WeeklyReport
from campaign.reports.glance import glance
from campaign.reports.i18n import Words
from campaign.reports.tables import Table, format_cell, heading, report_tables
from content.outside_text import inert_line

HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
MARKDOWN_SYNTAX = re.compile(r"([\\`\[\]|])")
"""What can open a link or an image (`[`), a code span, or end a table cell: with `[`
escaped, `](javascript:…)` is no link and `![…](…)` loads nothing; `<` is an entity, so
there is no autolink either. Emphasis is left alone: it can only style."""


def render_markdown(report: WeeklyReport, words: Words) -> str:
    title, period = heading(report, words)
    parts = [f"# {_escape(title)}", "", _escape(period), ""]
    parts += [f"## {words('glance.title')}", "", _prose(" ".join(glance(report, words))), ""]
    for table in report_tables(report, words):
        parts += _table(table, words)
    return "\n".join(parts)


def _table(table: Table, words: Words) -> list[str]:
    lines = [f"## {_escape(table.title)}", ""]
    if table.rows:
        lines.append("| " + " | ".join(_escape(header) for header in table.headers) + " |")
        lines.append("|" + "---|" * len(table.headers))
        lines += [
            "| " + " | ".join(_escape(format_cell(cell, words)) for cell in row) + " |"
            for row in table.rows
        ]
    else:
        lines.append(f"_{_escape(words('none'))}_")
    if table.note:
        lines += ["", f"_{_escape(table.note)}_"]
    return [*lines, ""]


def _prose(text: str) -> str:
    """A paragraph whose quoted post texts cannot turn into Markdown or HTML."""
    return re.sub(r"([\\`*_\[\]<>#|~])", r"\\\1", text)


def _escape(text: str) -> str:
    """`text` as literal Markdown on one line: no HTML, no link, no emphasis, no cell break."""
    text = inert_line(text)
    text = MARKDOWN_SYNTAX.sub(r"\\\1", text)
    return "".join(HTML_ENTITIES.get(char, char) for char in text)
