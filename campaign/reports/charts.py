"""The HTML report's charts as inline SVG, drawn by matplotlib without a display.

Text stays text (`svg.fonttype: none`), so the charts are small, sharp in print and carry
no embedded fonts; the XML prologue and metadata are dropped to embed cleanly in HTML.
"""

from __future__ import annotations

import io
import re

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from campaign.reports.figures import LABELS, WeekFigures
from campaign.reports.i18n import Words

matplotlib.use("Agg")

COLOURS = {
    "positive": "#2e7d32",
    "neutral": "#9e9e9e",
    "negative": "#c62828",
    "unclassified": "#e0e0e0",
}
SIZE = (7.0, 2.6)
PROLOGUE = re.compile(r"^.*?(?=<svg)", re.DOTALL)
METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
LOCAL_NAME = re.compile(r'(\bid="|href="#|url\(#)')


def _figure() -> tuple[Figure, Axes]:
    """A chart with fixed margins (a "tight" bounding box would draw every chart twice)."""
    figure = Figure(figsize=SIZE)
    figure.subplots_adjust(left=0.08, right=0.83, top=0.88, bottom=0.12)
    return figure, figure.subplots()


def _title(axes: Axes, text: str) -> None:
    """A title at a fixed height: nothing is drawn above the axes, so matplotlib's search
    for a free spot (it measures every tick label) only costs time."""
    axes.set_title(text, y=1.0)


def _svg(figure: Figure, prefix: str) -> str:
    """The figure as an `<svg>` element whose ids all start with `prefix`.

    matplotlib numbers ids per file (`text_1`, the clip path's hash), so three charts in
    one page would repeat them: invalid HTML, and a reference could find another chart's
    clip path.
    """
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "leuchtturm"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = METADATA.sub("", PROLOGUE.sub("", buffer.getvalue(), count=1))
    return LOCAL_NAME.sub(lambda match: f"{match.group(1)}{prefix}-", svg)


def volume_per_day(week: WeekFigures, words: Words) -> str:
    """Stacked bars: replies per weekday by label."""
    figure, axes = _figure()
    bottom = [0] * len(week.days)
    for field in (*LABELS, "unclassified"):
        name = words("chart.unclassified") if field == "unclassified" else words.label(field)
        values = [getattr(day.counts, field) for day in week.days]
        axes.bar(words.weekdays, values, bottom=bottom, label=name, color=COLOURS[field])
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    _title(axes, words("chart.volume"))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small", frameon=False)
    return _svg(figure, "volume")


def sentiment_over_week(week: WeekFigures, words: Words) -> str:
    """Net sentiment per weekday (gaps where a day had no classified reply)."""
    figure, axes = _figure()
    values = [day.counts.net for day in week.days]
    axes.plot(words.weekdays, [float("nan") if v is None else v for v in values], marker="o")
    axes.axhline(0, color="#9e9e9e", linewidth=0.8)
    axes.set_ylim(-100, 100)
    _title(axes, words("chart.net"))
    return _svg(figure, "net")


def engagement_per_platform(week: WeekFigures, words: Words) -> str:
    """Bars: engagement per 1,000 followers per platform; nothing ("") while no platform's
    followers are known, rather than an empty chart around zero."""
    if all(row.per_1000_followers is None for row in week.engagement):
        return ""
    figure, axes = _figure()
    platforms = [row.platform for row in week.engagement]
    axes.bar(platforms, [row.per_1000_followers or 0.0 for row in week.engagement])
    _title(axes, words("chart.engagement"))
    return _svg(figure, "engagement")
