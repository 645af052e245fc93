"""The report as named tables: one list that Markdown, HTML and CSV all render, so the
three formats cannot disagree about a figure. Cells keep their raw values (int, float,
date, local datetime, None, str); each renderer decides how to print them. Texts come from
`campaign.reports.i18n` in the report's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from campaign.reasons import shown_reason
from campaign.reports.figures import (
    HEARD_KINDS,
    LABELS,
    CityFigures,
    LabelCounts,
    PlatformSplit,
    ReplyExcerpt,
    SentimentSplit,
    WeekFigures,
    WeeklyReport,
)
from campaign.reports.i18n import NO_VALUE, Words
from content.outside_text import inert, inert_line

CSV_MOMENT = "%Y-%m-%d %H:%M"
PER_1000_PREFIX = "per_1000_followers_"

Cell = str | int | float | date | datetime | None
"""A raw value; dates and times are local to the report's zone."""


@dataclass(frozen=True)
class Table:
    """`name` is the CSV file's stem (the same in every language); `title` the heading
    people read. `link_column` names the column whose cells are links, if any."""

    name: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""
    link_column: int | None = None


def report_tables(report: WeeklyReport, words: Words) -> list[Table]:
    """Every table of the report, in reading order."""
    from campaign.reports.poll_section import poll_table  # it builds on this module's Table

    week = report.current
    zone = ZoneInfo(report.time_zone)
    return [
        _comparison(report, words),
        Table(
            "veroeffentlicht",
            words("table.published"),
            (words("col.platform"), words("col.account"), words("col.posts")),
            tuple((r.platform, r.account, r.posts) for r in week.published),
        ),
        Table(
            "probleme",
            words("table.problems"),
            tuple(words(f"col.{c}") for c in ("post", "account", "state", "reason", "due")),
            tuple(
                (
                    p.post_key,
                    p.account,
                    words.state(p.state),
                    shown_reason(p.reason, zone, words.lang),
                    p.due_at.astimezone(zone),
                )
                for p in week.problems
            ),
        ),
        Table(
            "engagement",
            words("table.engagement"),
            tuple(
                words(f"col.{c}")
                for c in (
                    "platform",
                    "posts",
                    "likes",
                    "reposts",
                    "replies",
                    "quotes",
                    "impressions",
                    "followers",
                    "engagement",
                    "per_1000",
                )
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
            note=words("note.engagement"),
        ),
        Table(
            "follower",
            words("table.followers"),
            tuple(
                words(f"col.{c}")
                for c in ("platform", "account", "followers_start", "followers_end", "change")
            ),
            tuple((f.platform, f.account, f.at_start, f.at_end, f.change) for f in week.followers),
            note=words("note.followers"),
        ),
        Table(
            "top_beitraege",
            words("table.top_posts"),
            tuple(
                words(f"col.{c}")
                for c in ("text", "platform", "account", "engagement", "per_1000", "link")
            ),
            tuple(
                (p.text, p.platform, p.account, p.engagement, p.per_1000_followers, p.url)
                for p in week.top_posts
            ),
            link_column=5,
        ),
        Table(
            "antworten_pro_tag",
            words("table.replies_per_day"),
            (
                words("col.day"),
                *(words.label(label) for label in LABELS),
                words("label.unclassified"),
                words("total"),
            ),
            tuple((d.day, *_counts(d.counts), d.counts.total) for d in week.days),
        ),
        Table(
            "stimmung",
            words("table.sentiment"),
            _split_headers(words, words("col.platform"), words("col.campaign")),
            tuple(
                (s.platform, s.campaign, *_shares(s.counts), s.counts.unclassified, s.counts.net)
                for s in (
                    *week.sentiment,
                    SentimentSplit(words("total"), words("total"), week.replies),
                )
            ),
            note=words("note.sentiment"),
        ),
        _replies(
            "negativste_antworten", words("table.most_negative"), week.most_negative, zone, words
        ),
        _replies(
            "positivste_antworten", words("table.most_positive"), week.most_positive, zone, words
        ),
        _replies(
            "offene_fragen",
            words("table.unanswered", count=week.unanswered_total),
            week.unanswered,
            zone,
            words,
        ),
        *_city(week.city, report.pseudonymised, words),
        poll_table(week.polls, words),
        _gaps(week, words, zone),
    ]


def _city(city: CityFigures, pseudonymised: bool, words: Words) -> list[Table]:
    """The section "Was die Stadt sagt"."""
    authors = words("authors.pseudonymised" if pseudonymised else "authors.real")
    return [
        Table(
            "stadt_pro_tag",
            words("city.table.days"),
            (
                words("col.day"),
                words("col.platform"),
                *(words(f"city.col.{kind}") for kind in HEARD_KINDS),
                words("total"),
            ),
            tuple(
                (d.day, d.platform, *(getattr(d, kind) for kind in HEARD_KINDS), d.total)
                for d in city.days
            ),
            note=words("city.note.days"),
        ),
        Table(
            "stadt_stimmung",
            words("city.table.sentiment"),
            _split_headers(words, words("col.platform")),
            tuple(
                (s.platform, *_shares(s.counts), s.counts.unclassified, s.counts.net)
                for s in (*city.sentiment, PlatformSplit(words("total"), city.total))
            ),
            note=words("city.note.sentiment", human=words.count(city.human_labels)),
        ),
        Table(
            "stadt_meistgeteilt",
            words("city.table.shared"),
            tuple(words(c) for c in ("col.author", "col.platform", "city.col.shares", "col.text")),
            tuple(
                (s.excerpt.author, s.excerpt.platform, s.reposts, s.excerpt.text)
                for s in city.shared
            ),
            note="" if city.shared else words("city.note.shared"),
        ),
        Table(
            "stadt_stimmen",
            words("city.table.voices"),
            (words("col.author"), words("col.platform"), words("col.posts")),
            tuple((v.author, v.platform, v.posts) for v in city.voices),
            note=words("city.note.voices", posts=words.count(city.listed_posts), authors=authors),
        ),
        Table(
            "stadt_begriffe",
            words("city.table.terms"),
            (words("city.col.term"), words("col.posts")),
            tuple((term.term, term.posts) for term in city.terms),
            note=words("city.note.terms", posts=words.count(city.listed_posts)),
        ),
    ]


def _split_headers(words: Words, *first: str) -> tuple[str, ...]:
    """The headers of a sentiment split after the `first` columns that name its rows."""
    return (
        *first,
        *(
            header
            for label in LABELS
            for header in (words.label(label), words("col.share", label=words.label(label)))
        ),
        words("label.unclassified"),
        words("col.net"),
    )


def _counts(counts: LabelCounts) -> tuple[int, int, int, int]:
    return counts.positive, counts.neutral, counts.negative, counts.unclassified


def _shares(counts: LabelCounts) -> tuple[Cell, ...]:
    cells: list[Cell] = []
    for label in LABELS:
        cells += [getattr(counts, label), counts.share(label)]
    return tuple(cells)


def _comparison(report: WeeklyReport, words: Words) -> Table:
    rows = []
    for row in report.comparison():
        if row.name.startswith(PER_1000_PREFIX):
            name = words("figure.per_1000_followers", platform=row.name[len(PER_1000_PREFIX) :])
        else:
            name = words(f"figure.{row.name}")
        rows.append((name, row.current, row.previous, row.change))
    return Table(
        "vergleich",
        words("table.comparison", week=report.previous.week),
        tuple(words(f"col.{c}") for c in ("figure", "this_week", "last_week", "change")),
        tuple(rows),
    )


def _replies(
    name: str, title: str, replies: Sequence[ReplyExcerpt], zone: ZoneInfo, words: Words
) -> Table:
    return Table(
        name,
        title,
        tuple(
            words(f"col.{c}")
            for c in ("time", "platform", "author", "sentiment", "confidence", "text")
        ),
        tuple(
            (
                r.created_at.astimezone(zone),
                r.platform,
                r.author,
                words.label(r.label),
                None if r.score is None else round(r.score, 2),
                r.text,
            )
            for r in replies
        ),
    )


def _gaps(week: WeekFigures, words: Words, zone: ZoneInfo) -> Table:
    gaps = week.gaps
    rows: list[tuple[Cell, ...]] = [
        (
            words("gap.replies", platform=c.platform),
            c.missing,
            words("gap.replies.note", counted=c.counted, collected=c.collected)
            + (words("gap.federation") if c.federated else ""),
        )
        for c in gaps.coverage
    ]
    rows += [
        (
            words("gap.x_window"),
            gaps.x_posts_past_search_window,
            words("gap.x_window.note", late=gaps.x_posts_collected_too_late),
        ),
        *(
            (words("gap.impressions", platform=platform), None, words("gap.impressions.note"))
            for platform in gaps.without_impressions
        ),
        (words("gap.unclassified"), gaps.unclassified, words("gap.unclassified.note")),
        *(
            (
                words("gap.model", model=m.model),
                m.replies,
                words("gap.model.note", revision=m.revision),
            )
            for m in gaps.models
        ),
        (
            words("gap.human"),
            gaps.human_labels,
            words("gap.human.note", overrides=gaps.human_overrides),
        ),
        (
            words("gap.city_unclassified"),
            week.city.total.unclassified,
            words("gap.city_unclassified.note"),
        ),
    ]
    since = week.city.kept_since
    if since is not None and since > week.start:
        rows.append(
            (
                words("gap.retention", since=words.moment(since.astimezone(zone))),
                None,
                words("gap.retention.note"),
            )
        )
    return Table(
        "datenluecken",
        words("table.gaps"),
        tuple(words(f"col.{c}") for c in ("gap", "count", "note")),
        tuple(rows),
    )


def format_cell(value: Cell, words: Words) -> str:
    """A cell for people: the language's decimals and dates, a dash for "no value".

    Texts are made inert (one line, no control or bidi characters): reply texts and
    authors are written by anyone, and each renderer escapes its own syntax on top."""
    if value is None or value == "":
        return NO_VALUE
    if isinstance(value, datetime):
        return words.moment(value)
    if isinstance(value, date):
        return words.day(value)
    if isinstance(value, float):
        return words.number(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return words.count(value)
    return inert_line(str(value))


def csv_cell(value: Cell) -> str | int | float:
    """A cell for spreadsheets: plain numbers, ISO dates, empty for "no value"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(CSV_MOMENT)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return inert(value)
    return value


def heading(report: WeeklyReport, words: Words) -> tuple[str, str]:
    """Title and the line saying what period, scope and privacy the report covers."""
    zone = ZoneInfo(report.time_zone)
    week = report.current
    scope = words("scope.campaign", slug=report.campaign) if report.campaign else words("scope.all")
    authors = words("authors.pseudonymised" if report.pseudonymised else "authors.real")
    return (
        words("title", week=week.week, scope=scope),
        words(
            "period",
            start=words.moment(week.start.astimezone(zone)),
            end=words.moment(week.end.astimezone(zone)),
            zone=report.time_zone,
            generated=words.moment(report.generated_at.astimezone(zone)),
            authors=authors,
        ),
    )
