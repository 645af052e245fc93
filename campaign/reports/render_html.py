"""The report as one self-contained HTML file: inline CSS, inline SVG charts, no external
resource, so it opens offline, survives being mailed, and prints on A4.

Every text is escaped and inert (no control or bidi characters); a link is a link only
when it is http(s), so a `javascript:` or `file:` address from a reply stays text."""

from __future__ import annotations

import contextlib
import importlib
import re
import threading
from html import escape

from campaign.reports.figures import WeeklyReport
from campaign.reports.glance import glance
from campaign.reports.i18n import Words
from campaign.reports.tables import Cell, Table, format_cell, heading, report_tables
from content.outside_text import inert_line

STYLE = """
@page { size: A4; margin: 15mm; }
body { font: 11pt/1.4 system-ui, sans-serif; color: #222; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; margin-top: 1.6rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #ddd; padding: .25rem .4rem; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #f3f3f3; }
.note, .period { color: #555; font-size: .9rem; }
figure { margin: 1rem 0; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
section { page-break-inside: avoid; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""


CHARTS_MODULE = "campaign.reports.charts"
LINK_SCHEMES = re.compile(r"https?://[^\s\"'<>]+\Z", re.IGNORECASE)


def start_loading_charts() -> None:
    """Import matplotlib in a background thread while the report's queries run.

    The import costs about half a second of Python work; the queries mostly wait on the
    database with the GIL released, so the two overlap instead of adding up. Python's
    import lock makes `render_html` wait for this import rather than repeat it.
    """
    threading.Thread(target=_load_charts, name="load-charts", daemon=True).start()


def _load_charts() -> None:
    """A failed import is left to `render_html`, which repeats it and raises where the
    caller sees it; this thread has nobody to tell."""
    with contextlib.suppress(ImportError):
        importlib.import_module(CHARTS_MODULE)


def render_html(report: WeeklyReport, words: Words) -> str:
    """The whole page; matplotlib is imported here (or by `start_loading_charts`), so the
    daemon and CLI start fast."""
    from campaign.reports import charts, poll_chart

    title, period = heading(report, words)
    week = report.current
    figures = "".join(
        f"<figure>{svg}</figure>"
        for svg in (
            charts.volume_per_day(week, words),
            charts.sentiment_over_week(week, words),
            charts.engagement_per_platform(week, words),
            poll_chart.votes_per_option(week, words),
        )
        if svg
    )
    sections = "".join(_section(table, words) for table in report_tables(report, words))
    at_a_glance = (
        f'<section class="glance"><h2>{escape(words("glance.title"))}</h2>'
        f"<p>{escape(' '.join(glance(report, words)))}</p></section>\n"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{words.lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<h1>{escape(title)}</h1>\n<p class="period">{escape(period)}</p>\n'
        f"{at_a_glance}{figures}\n{sections}</body>\n</html>\n"
    )


def _section(table: Table, words: Words) -> str:
    if not table.rows:
        body = f"<p>{escape(words('none'))}</p>"
    else:
        head = "".join(f"<th>{escape(h)}</th>" for h in table.headers)
        rows = "".join(
            "<tr>"
            + "".join(
                _cell(cell, words, link=column == table.link_column)
                for column, cell in enumerate(row)
            )
            + "</tr>"
            for row in table.rows
        )
        body = f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    note = f'<p class="note">{escape(table.note)}</p>' if table.note else ""
    return f"<section><h2>{escape(table.title)}</h2>{body}{note}</section>\n"


def _cell(value: Cell, words: Words, *, link: bool) -> str:
    if link and isinstance(value, str) and LINK_SCHEMES.match(value):
        address = escape(inert_line(value))
        return f'<td><a href="{address}" rel="noopener noreferrer">{address}</a></td>'
    css = ' class="n"' if isinstance(value, int | float) else ""
    return f"<td{css}>{escape(format_cell(value, words))}</td>"
