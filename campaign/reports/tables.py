"""The report as named tables: one list that Markdown, HTML and CSV all render, so the
three formats cannot disagree about a figure. Cells keep their raw values (int, float,
None, str); each renderer decides how to print them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from campaign.reports.figures import (
    LABELS,
    LabelCounts,
    ReplyExcerpt,
    SentimentSplit,
    WeekFigures,
    WeeklyReport,
)

Cell = str | int | float | None

GERMAN_LABELS = {"positive": "positiv", "neutral": "neutral", "negative": "negativ", None: "–"}
COMPARISON_NAMES = {
    "posts_published": "Veröffentlichte Beiträge",
    "engagement": "Engagement (Likes+Reposts+Antworten+Zitate)",
    "replies": "Antworten",
    "net_sentiment": "Netto-Stimmung",
}


@dataclass(frozen=True)
class Table:
    """`name` is the CSV file's stem; `title` the heading people read."""

    name: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""


def local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%d.%m.%Y %H:%M")


def report_tables(report: WeeklyReport) -> list[Table]:
    """Every table of the report, in reading order."""
    week = report.current
    zone = ZoneInfo(report.time_zone)
    return [
        _comparison(report),
        Table(
            "veroeffentlicht",
            "Veröffentlichte Beiträge je Plattform und Konto",
            ("Plattform", "Konto", "Beiträge"),
            tuple((r.platform, r.account, r.posts) for r in week.published),
        ),
        Table(
            "probleme",
            "Zustellungen fehlgeschlagen oder zu prüfen",
            ("Beitrag", "Konto", "Zustand", "Grund", "Fällig"),
            tuple(
                (p.post_key, p.account, p.state, p.reason, local(p.due_at, zone))
                for p in week.problems
            ),
        ),
        Table(
            "engagement",
            "Engagement je Plattform (letzter Messwert der Woche)",
            (
                "Plattform",
                "Beiträge",
                "Likes",
                "Reposts",
                "Antworten",
                "Zitate",
                "Impressionen",
                "Follower",
                "Engagement",
                "je 1.000 Follower",
            ),
            tuple(
                (
                    e.platform,
                    e.posts,
                    e.likes,
                    e.reposts,
                    e.replies,
                    e.quotes,
                    e.impressions,
                    e.followers,
                    e.engagement,
                    e.per_1000_followers,
                )
                for e in week.engagement
            ),
            note="Je 1.000 Follower: Engagement des mittleren Beitrags, fair auch für "
            "Plattformen ohne Impressionen.",
        ),
        Table(
            "top_beitraege",
            "Top 5 Beiträge nach Engagement-Rate",
            ("Beitrag", "Plattform", "Konto", "Engagement", "je 1.000 Follower", "Link"),
            tuple(
                (p.post_key, p.platform, p.account, p.engagement, p.per_1000_followers, p.url)
                for p in week.top_posts
            ),
        ),
        Table(
            "antworten_pro_tag",
            "Antworten pro Tag",
            ("Tag", "positiv", "neutral", "negativ", "nicht klassifiziert", "gesamt"),
            tuple((d.day.isoformat(), *_counts(d.counts), d.counts.total) for d in week.days),
        ),
        Table(
            "stimmung",
            "Stimmung je Plattform und Kampagne",
            (
                "Plattform",
                "Kampagne",
                "positiv",
                "positiv %",
                "neutral",
                "neutral %",
                "negativ",
                "negativ %",
                "nicht klassifiziert",
                "Netto-Stimmung",
            ),
            tuple(
                (s.platform, s.campaign, *_shares(s.counts), s.counts.unclassified, s.counts.net)
                for s in (*week.sentiment, SentimentSplit("gesamt", "gesamt", week.replies))
            ),
            note="Netto-Stimmung = (positiv − negativ) / klassifiziert × 100, "
            "von −100 bis +100. Menschliche Labels gehen vor.",
        ),
        _replies("negativste_antworten", "Die negativsten Antworten", week.most_negative, zone),
        _replies("positivste_antworten", "Die positivsten Antworten", week.most_positive, zone),
        _replies(
            "offene_fragen",
            f"Unbeantwortete Fragen ({week.unanswered_total})",
            week.unanswered,
            zone,
        ),
        _gaps(week),
    ]


def _counts(counts: LabelCounts) -> tuple[int, int, int, int]:
    return counts.positive, counts.neutral, counts.negative, counts.unclassified


def _shares(counts: LabelCounts) -> tuple[Cell, ...]:
    cells: list[Cell] = []
    for label in LABELS:
        cells += [getattr(counts, label), counts.share(label)]
    return tuple(cells)


def _comparison(report: WeeklyReport) -> Table:
    rows = []
    for row in report.comparison():
        name = COMPARISON_NAMES.get(row.name)
        if name is None:
            name = "Engagement je 1.000 Follower – " + row.name.rsplit("_", 1)[-1]
        rows.append((name, row.current, row.previous, row.change))
    return Table(
        "vergleich",
        f"Vergleich mit der Vorwoche ({report.previous.week})",
        ("Kennzahl", "Diese Woche", "Vorwoche", "Änderung"),
        tuple(rows),
    )


def _replies(name: str, title: str, replies: Sequence[ReplyExcerpt], zone: ZoneInfo) -> Table:
    return Table(
        name,
        title,
        ("Zeit", "Plattform", "Autor", "Stimmung", "Sicherheit", "Text"),
        tuple(
            (
                local(r.created_at, zone),
                r.platform,
                r.author,
                GERMAN_LABELS.get(r.label, r.label),
                None if r.score is None else round(r.score, 2),
                r.text,
            )
            for r in replies
        ),
    )


def _gaps(week: WeekFigures) -> Table:
    gaps = week.gaps
    rows: list[tuple[Cell, ...]] = [
        (
            f"Antworten {c.platform}",
            c.missing,
            f"Plattform zählt {c.counted}, gesammelt {c.collected}"
            + (" (Föderation: fremde Server fehlen)" if c.platform == "mastodon" else ""),
        )
        for c in gaps.coverage
    ]
    rows += [
        (
            "X: Suchfenster geschlossen",
            gaps.x_posts_past_search_window,
            "Beiträge älter als 7 Tage: spätere Antworten findet die X-Suche nicht mehr; "
            f"{gaps.x_posts_collected_too_late} davon zuletzt vor Fensterende gesammelt",
        ),
        *(
            (f"Impressionen {platform}", None, "liefert die Plattform nicht")
            for platform in gaps.without_impressions
        ),
        ("Nicht klassifizierte Antworten", gaps.unclassified, "noch ohne Stimmungslabel"),
        *((f"Modell {m.model}", m.replies, f"Revision {m.revision}") for m in gaps.models),
        (
            "Menschliche Labels",
            gaps.human_labels,
            f"{gaps.human_overrides} davon weichen vom Modell ab (der Mensch gilt)",
        ),
    ]
    return Table("datenluecken", "Datenlücken", ("Lücke", "Anzahl", "Hinweis"), tuple(rows))


def format_cell(value: Cell) -> str:
    """A cell for people: German decimal comma, a dash for "no value"."""
    if value is None or value == "":
        return "–"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return str(value)


def heading(report: WeeklyReport) -> tuple[str, str]:
    """Title and the line saying what period, scope and privacy the report covers."""
    zone = ZoneInfo(report.time_zone)
    week = report.current
    scope = f"Kampagne {report.campaign}" if report.campaign else "alle Kampagnen"
    authors = "pseudonymisiert" if report.pseudonymised else "mit Klarnamen"
    return (
        f"Wochenbericht {week.week} – {scope}",
        f"{local(week.start, zone)} bis {local(week.end, zone)} ({report.time_zone}); "
        f"erstellt {local(report.generated_at, zone)}; Autoren {authors}.",
    )
