"""The "Befragungen" chart: votes per option, one bar group per poll and platform, drawn
like the report's other charts (inline SVG, text kept as text)."""

from __future__ import annotations

from campaign.reports.charts import _figure, _svg, _title
from campaign.reports.figures import WeekFigures
from campaign.reports.i18n import Words
from campaign.reports.poll_section import by_poll

BAR_AREA = 0.8


def votes_per_option(week: WeekFigures, words: Words) -> str:
    """Grouped bars per option, one colour per platform; "" in a week without polls."""
    if not week.polls:
        return ""
    figure, axes = _figure()
    labels: list[str] = []
    positions: dict[str, list[tuple[float, int]]] = {}
    for poll in by_poll(week.polls):
        width = BAR_AREA / len(poll)
        for option_index, option in enumerate(poll[0].options):
            base = len(labels)
            labels.append(f"{poll[0].post_key}: {option}")
            for platform_index, outcome in enumerate(poll):
                offset = (platform_index - (len(poll) - 1) / 2) * width
                positions.setdefault(outcome.platform, []).append(
                    (base + offset, outcome.votes[option_index])
                )
    width = BAR_AREA / max(len(positions), 1)
    for platform, bars in positions.items():
        axes.bar([x for x, _ in bars], [v for _, v in bars], width=width, label=platform)
    axes.set_xticks(range(len(labels)), labels, fontsize="small", rotation=20, ha="right")
    _title(axes, words("chart.polls"))
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small", frameon=False)
    return _svg(figure, "polls")
