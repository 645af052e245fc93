"""Reports of a week full of hostile text: Markdown shows it and runs none of it, HTML is
escaped, CSV cells cannot be formulas, and no format carries a control character.

Payloads go into post keys, reasons, reply authors and reply texts; they are written past
the storage boundary (as an older version may have stored them), so each renderer is
checked on its own.
"""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
import regex as re
from markdown_it import MarkdownIt
from sqlalchemy import select

from campaign.db import Database
from campaign.models import DeliveryState, Post, Reply
from campaign.reports.files import write_report
from campaign.reports.pseudonyms import Pseudonymiser
from campaign.reports.weekly import Privacy
from tests.hostile import FORMULAS, LONG, data_controls, payloads
from tests.reports import scenario
from tests.reports.conftest import report_of

CHUNK = 10
"""The report lists up to ten open questions: one report per ten payloads."""
CHUNKS = [payloads()[i : i + CHUNK] for i in range(0, len(payloads()), CHUNK)]


def _build(database: Database, texts: list[str]) -> None:
    builder = scenario.Builder(database)
    campaign = builder.campaign("boese")
    sent = builder.delivery(campaign, "gesendet", "mastodon-todo", sent="2024-05-13 08:00")
    for number, text in enumerate(texts):
        failed = builder.delivery(
            campaign, f"k{number}", "x-todo", state=DeliveryState.FAILED, due="2024-05-14 08:00"
        )
        builder.reply(
            sent,
            "mastodon",
            f"2024-05-14 {9 + number:02d}:00",
            "negative",
            0.99 - number / 100,
            author=f"a{number}",
            text=f"t{number}",
            question=True,
        )
        _raw(database, "deliveries", "last_error", text, failed)
    with database.session() as session:
        posts = session.scalars(select(Post).where(Post.key.startswith("k"))).all()
        replies = session.scalars(select(Reply).where(Reply.author_handle.startswith("a"))).all()
        pairs = [(p.id, r.id, int(p.key[1:])) for p, r in zip(posts, replies, strict=True)]
    for post_id, reply_id, number in pairs:
        text = texts[number]
        _raw(database, "posts", "key", text[:120] or "x", post_id)
        _raw(database, "replies", "text", text, reply_id)
        _raw(database, "replies", "author_handle", text[:300] or "x", reply_id)


def _raw(database: Database, table: str, column: str, value: str, row_id: int) -> None:
    marker = "%({})s" if database.is_postgres else ":{}"
    if database.is_postgres:  # PostgreSQL stores no NUL at all
        value = value.replace("\x00", "")
    with database.engine.begin() as connection:
        connection.exec_driver_sql(
            f"UPDATE {table} SET {column} = {marker.format('v')} WHERE id = {marker.format('i')}",
            {"v": value, "i": row_id},
        )


def _reports(database: Database, texts: list[str], tmp_path: Path) -> list[Path]:
    _build(database, texts)
    written = []
    for pseudonymise in (False, True):
        privacy = Privacy(
            pseudonym=Pseudonymiser(b"k" * 32) if pseudonymise else None,
            secrets=[scenario.SECRET],
        )
        report = report_of(database, week="2024-W20", campaign="boese", privacy=privacy)
        assert len(report.current.unanswered) == len(texts)
        assert len(report.current.problems) == len(texts)
        written += write_report(report, ["md", "html", "csv"], tmp_path / str(pseudonymise))
    return written


class Tags(HTMLParser):
    """Every tag and attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _check_markdown(text: str) -> None:
    html = MarkdownIt("gfm-like").render(text)
    assert not re.search(r"<(script|img|svg|iframe|object|embed)\b", html, re.I)
    for href, shown in re.findall(r'<a href="([^"]*)">([^<]*)</a>', html):
        # A viewer may make a bare web address clickable; it then reads as what it is.
        assert re.match(r"https?://", href) and shown == href, (href, shown)
    assert html.count("<a ") == len(re.findall(r'<a href="([^"]*)">([^<]*)</a>', html))
    rows = [line for line in text.splitlines() if line.startswith("|")]
    for row in rows:  # no payload breaks out of its cell or its row
        cells = re.split(r"(?<!\\)\|", row)
        header = next(r for r in rows if r.startswith("|"))
        assert len(cells) <= len(re.split(r"(?<!\\)\|", header)) + 8
    assert not re.search(r"(?<!\\)\[", text)


def _check_html(text: str) -> None:
    parser = Tags()
    parser.feed(text)
    names = {tag for tag, _ in parser.tags}
    assert not names & {"script", "img", "iframe", "object", "embed"}
    for tag, attrs in parser.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "a":
            assert re.match(r"https?://", attrs.get("href") or ""), attrs


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _check_csv(text: str) -> None:
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            formula = cell.startswith(("=", "+", "-", "@", "\t", "\r"))
            assert not formula or _is_number(cell), cell


@pytest.mark.parametrize("texts", CHUNKS, ids=[f"payloads-{i}" for i in range(len(CHUNKS))])
def test_every_format_shows_hostile_text_as_data(
    database: Database, tmp_path: Path, texts: list[str]
) -> None:
    written = _reports(database, texts, tmp_path)
    assert {path.suffix for path in written} == {".md", ".html", ".csv"}
    for path in written:
        content = path.read_text(encoding="utf-8")
        assert data_controls(content) == [] and "\x1b" not in content, path
        assert scenario.SECRET not in content
        {".md": _check_markdown, ".html": _check_html, ".csv": _check_csv}[path.suffix](content)


def test_formulas_are_plain_text_after_pseudonyms(database: Database, tmp_path: Path) -> None:
    written = _reports(database, [*FORMULAS, "@kritiker99 =1", LONG], tmp_path)
    cells = [
        cell
        for path in written
        if path.suffix == ".csv"
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
        for cell in row
    ]
    assert "'=HYPERLINK(\"http://evil.example\",\"klick\")" in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert "'@SUM(1)" in cells
    assert "'\t=1+1" in cells
    assert any(cell.startswith("'@Person") or cell.startswith("'@") for cell in cells)


def test_markdown_escapes_html_and_links(database: Database, tmp_path: Path) -> None:
    texts = ["<script>alert(1)</script>", "[x](javascript:alert(1))"]
    written = _reports(database, texts, tmp_path)
    markdown = next(p for p in written if p.suffix == ".md").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown
    assert "\\[x\\](javascript:alert(1))" in markdown
