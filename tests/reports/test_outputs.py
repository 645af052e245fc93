"""The rendered report: self-contained valid HTML, CSVs that re-read as the figures,
Markdown, the CLI and the daemon's writer; no secret or raw handle in any file."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import html5lib

from campaign.config import Settings
from campaign.db import Database
from campaign.errors import UserError
from campaign.reports.figures import WeeklyReport
from campaign.reports.files import write_report, write_weekly_reports
from campaign.reports.i18n import Words
from campaign.reports.render_html import render_html
from campaign.reports.render_markdown import render_markdown
from tests.reports import scenario
from tests.reports.conftest import report_of, run_cli
from tests.reports.scenario import at

VOID = {"meta", "br", "img", "hr", "input", "link", "source", "wbr"}
URL = re.compile(r"https?://[^\s\"'<>)]+")
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
GERMAN = Words("de")


class StructureCheck(HTMLParser):
    """Records open/close mismatches, every URL-bearing attribute and every id."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.references: list[str] = []
        self.tags: set[str] = set()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attributes(tag, attrs)

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.references += [
            value or "" for name, value in attrs if name in ("src", "href", "xlink:href")
        ]
        self.ids += [value or "" for name, value in attrs if name == "id"]

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()


def post_links(report: WeeklyReport) -> set[str]:
    return {p.url for p in report.current.top_posts if p.url}


def test_html_is_valid_html5_and_self_contained(report: WeeklyReport) -> None:
    html = render_html(report, GERMAN)
    html5lib.HTMLParser(strict=True).parse(html)  # raises on any WHATWG parse error
    check = StructureCheck()
    check.feed(html)
    check.close()
    assert check.errors == [] and check.stack == []
    assert {"svg", "style", "table"} <= check.tags
    assert html.count("<svg") == 3
    assert re.findall(r"url\((?!#)", html) == [] and "@import" not in html
    external = [ref for ref in check.references if not ref.startswith("#")]
    assert set(external) == post_links(report)
    assert set(URL.findall(html)) - NAMESPACES == post_links(report)
    assert "@page { size: A4" in html
    assert len(check.ids) == len(set(check.ids)) > 0
    for svg in re.findall(r"<svg.*?</svg>", html, flags=re.DOTALL):
        assert ElementTree.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"
    internal = {ref[1:] for ref in check.references if ref.startswith("#")}
    internal |= set(re.findall(r"url\(#([^)]+)\)", html))
    assert internal and internal <= set(check.ids)


def test_csv_files_reread_equal_the_figures(report: WeeklyReport, tmp_path: Path) -> None:
    paths = {p.stem: p for p in write_report(report, ["csv"], tmp_path)}
    assert {"vergleich", "engagement", "stimmung", "antworten_pro_tag"} <= set(paths)

    def rows(name: str) -> list[list[str]]:
        with paths[name].open(encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle))[1:]

    engagement = {row[0]: row for row in rows("engagement")}
    for figure in report.current.engagement:
        row = engagement[figure.platform]
        assert int(row[1]) == figure.posts
        assert int(row[8]) == figure.engagement
        assert (int(row[6]) if row[6] else None) == figure.impressions
        assert float(row[9]) == figure.per_1000_followers
    days = [(date.fromisoformat(r[0]), [int(v) for v in r[1:]]) for r in rows("antworten_pro_tag")]
    assert days == [
        (
            d.day,
            [
                d.counts.positive,
                d.counts.neutral,
                d.counts.negative,
                d.counts.unclassified,
                d.counts.total,
            ],
        )
        for d in report.current.days
    ]
    splits = {(r[0], r[1]): r[2:] for r in rows("stimmung")}
    expected = {(s.platform, s.campaign): s.counts for s in report.current.sentiment}
    expected[("gesamt", "gesamt")] = report.current.replies
    assert splits.keys() == expected.keys()
    for key, counts in expected.items():
        positive, positive_share, neutral, neutral_share, negative, negative_share = splits[key][:6]
        assert [int(positive), int(neutral), int(negative)] == [
            counts.positive,
            counts.neutral,
            counts.negative,
        ]
        assert [float(positive_share), float(neutral_share), float(negative_share)] == [
            counts.share(label) for label in ("positive", "neutral", "negative")
        ]
        assert (int(splits[key][6]), float(splits[key][7])) == (counts.unclassified, counts.net)
    assert float(splits[("gesamt", "gesamt")][7]) == 12.5

    def number(text: str) -> float | None:
        return float(text) if text else None

    compared = [tuple(number(v) for v in r[1:]) for r in rows("vergleich")]
    assert compared == [(c.current, c.previous, c.change) for c in report.comparison()]
    published = [(r[1], int(r[2])) for r in rows("veroeffentlicht")]
    assert published == [(p.account, p.posts) for p in report.current.published]
    top = [(r[0], r[1], int(r[3]), number(r[4]), r[5]) for r in rows("top_beitraege")]
    assert top == [
        (p.text, p.platform, p.engagement, p.per_1000_followers, p.url)
        for p in report.current.top_posts
    ]
    gaps = {r[0]: number(r[1]) for r in rows("datenluecken")}
    assert gaps["Antworten mastodon"] == 2 and gaps["Nicht klassifizierte Antworten"] == 1
    assert gaps["Impressionen bluesky"] is None and gaps["Menschliche Labels"] == 3


def test_markdown_lists_the_sections_with_german_numbers(report: WeeklyReport) -> None:
    text = render_markdown(report, GERMAN)
    assert text.startswith("# Wochenbericht 2024-W13 – Kampagne arbeit")
    assert "25.03.2024 00:00 bis 01.04.2024 00:00 (Europe/Berlin)" in text
    assert "| mastodon | 1 | 10 | 4 | 6 | 1 | – | 2.000 | 21 | 10,5 |" in text
    assert "## Datenlücken" in text and "## Unbeantwortete Fragen (2)" in text


def test_no_secret_or_raw_handle_in_any_output(report: WeeklyReport, tmp_path: Path) -> None:
    paths = write_report(report, ["md", "html", "csv"], tmp_path)
    for path in paths:
        content = path.read_text(encoding="utf-8")
        assert scenario.SECRET not in content, path
        for handle in scenario.RAW_HANDLES:
            assert handle not in content, (path, handle)


def test_mentions_other_cases_and_secrets_in_reply_texts_are_hidden(
    database: Database, tmp_path: Path
) -> None:
    """Replies that name other people (@mention), shout a handle in capitals or quote a
    token: none of it reaches a pseudonymised report."""
    builder = scenario.Builder(database)
    campaign = builder.campaign("privat")
    delivery = builder.delivery(campaign, "p", "mastodon-todo", sent="2024-05-13 08:00")
    texts = {
        "anna@social.example": "Frag mal @carla@mastodon.example und @Bernd.bsky.social.",
        "kritiker99": f"KRITIKER99 sagt: der Token {scenario.SECRET} liegt offen",
        "bernd.bsky.social": "Danke @kritiker99!",
    }
    for hour, (author, text) in enumerate(texts.items(), start=9):
        builder.reply(
            delivery,
            "mastodon",
            f"2024-05-14 {hour:02d}:00",
            "negative",
            0.9,
            author=author,
            text=text,
            question=True,
        )
    report = report_of(database, week="2024-W20", campaign="privat")
    excerpts = report.current.most_negative
    assert len(excerpts) == 3 and report.current.unanswered_total == 3
    assert excerpts[2].text == f"Danke @{excerpts[1].author}!"
    for path in write_report(report, ["md", "html", "csv"], tmp_path):
        content = path.read_text(encoding="utf-8").lower()
        assert scenario.SECRET.lower() not in content, path
        leaked = [handle for handle in scenario.RAW_HANDLES if handle.lower() in content]
        assert leaked == [], (path, leaked)


def test_cli_writes_the_chosen_formats(config_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(
        config_file,
        "--week",
        "2024-W13",
        "--campaign",
        "arbeit",
        "--format",
        "md,html",
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    written = [Path(line) for line in result.output.splitlines()]
    assert [p.name for p in written] == ["bericht.md", "bericht.html"]
    assert all(p.parent == out / "de" / "2024-W13-arbeit" for p in written)
    assert "kritiker99" not in written[0].read_text(encoding="utf-8")


def test_cli_real_names_show_handles(config_file: Path, tmp_path: Path) -> None:
    result = run_cli(
        config_file,
        "--week",
        "2024-W13",
        "--format",
        "md",
        "--real-names",
        "--out",
        str(tmp_path / "out"),
    )
    assert result.exit_code == 0, result.output
    assert "kritiker99" in Path(result.output.strip()).read_text(encoding="utf-8")


def test_cli_rejects_an_unknown_format(config_file: Path) -> None:
    result = run_cli(config_file, "--format", "md,pdf")
    assert isinstance(result.exception, UserError)
    assert "pdf" in str(result.exception) and "md, html, csv" in str(result.exception)


def test_daemon_writer_uses_the_configured_folder_and_previous_week(
    scenario_database: Database, settings: Settings, private_data_dir: Path
) -> None:
    paths = write_weekly_reports(scenario_database, settings, at("2024-04-01 05:00"))
    folder = Path(settings.expand(settings.reports.folder)) / "de" / "2024-W13"
    assert folder.is_relative_to(private_data_dir)
    assert {p.name for p in paths} >= {"bericht.md", "bericht.html", "engagement.csv"}
    assert all(p.parent == folder and p.is_file() for p in paths)
    key = private_data_dir / "leuchtturm" / "pseudonym.key"
    assert key.stat().st_mode & 0o077 == 0
    again = write_weekly_reports(scenario_database, settings, at("2024-04-01 05:00"))
    assert (folder / "bericht.md").read_text(encoding="utf-8") == paths[0].read_text(
        encoding="utf-8"
    ) and len(again) == len(paths)


def test_importing_the_writer_does_not_load_matplotlib() -> None:
    probe = "import sys, campaign.reports.files; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
