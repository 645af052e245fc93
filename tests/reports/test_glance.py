""" "Auf einen Blick" for the scenario's W13 report (campaign "arbeit"), every figure worked
out by hand from scenario.py: 3 posts with 56 interactions against 16 the week before; X
measured 1,000 impressions; net sentiment +12.5 against −100, Bluesky −50 and Mastodon
+66.7; post "a" ("Aktion a im Quartier") on Mastodon with 21 interactions, 10.5 per
1,000 followers; 2 open questions, the oldest from 26 March 12:00 UTC (13:00 in Berlin);
and the gaps."""

from __future__ import annotations

from dataclasses import replace

from campaign.reports.figures import LabelCounts, WeeklyReport
from campaign.reports.glance import glance
from campaign.reports.i18n import Words
from campaign.reports.render_html import render_html
from campaign.reports.render_markdown import render_markdown


def test_german_sentences_from_the_figures(report: WeeklyReport) -> None:
    assert glance(report, Words("de")) == [
        "Diese Woche: 3 Beiträge mit 56 Interaktionen, 40 mehr als in der Vorwoche (16); "
        "gemessen wurden 1.000 Impressionen (x).",
        "Die Stimmung liegt netto bei +12,5 (Vorwoche −100); am kritischsten war bluesky "
        "(−50), am freundlichsten mastodon (+66,7).",
        "Am besten lief „Aktion a im Quartier“ auf mastodon mit 21 Interaktionen "
        "(10,5 je 1.000 Follower).",
        "2 Fragen warten auf eine Antwort, die älteste seit 26.03.2024 13:00.",
        "Datenlücken: 3 Antworten nicht gesammelt (mastodon 2, x 1); bei 1 X-Beitrag ist das "
        "Suchfenster zu; 1 Antwort ohne Stimmungslabel; keine Impressionen von bluesky und "
        "mastodon.",
    ]


def test_english_sentences_from_the_figures(report: WeeklyReport) -> None:
    sentences = glance(report, Words("en"))
    assert sentences[0] == (
        "This week: 3 posts with 56 interactions, 40 more than the week before (16); "
        "1,000 impressions were measured (x)."
    )
    assert (
        sentences[3] == "2 questions are waiting for an answer, the oldest since 2024-03-26 13:00."
    )


def test_a_quiet_week_says_so_in_three_sentences(report: WeeklyReport) -> None:
    empty = LabelCounts(0, 0, 0, 0)
    quiet = replace(
        report.current,
        published=(),
        engagement=(),
        days=tuple(replace(day, counts=empty) for day in report.current.days),
        sentiment=(),
        top_posts=(),
        unanswered=(),
        unanswered_total=0,
        gaps=replace(
            report.current.gaps,
            coverage=(),
            x_posts_past_search_window=0,
            without_impressions=(),
            unclassified=0,
        ),
    )
    assert glance(replace(report, current=quiet), Words("de")) == [
        "Diese Woche wurde nichts veröffentlicht.",
        "Zur Stimmung lässt sich nichts sagen: keine Antwort ist eingeordnet.",
        "Keine Frage wartet auf eine Antwort.",
    ]


def test_one_of_a_kind_is_singular(report: WeeklyReport) -> None:
    one = replace(report.current, unanswered=report.current.unanswered[:1], unanswered_total=1)
    assert glance(replace(report, current=one), Words("de"))[3] == (
        "1 Frage wartet auf eine Antwort, die älteste seit 26.03.2024 13:00."
    )


def test_the_summary_comes_first_in_markdown_and_html(report: WeeklyReport) -> None:
    for lang, title in (("de", "Auf einen Blick"), ("en", "At a glance")):
        words = Words(lang)
        markdown = render_markdown(report, words)
        headings = [line for line in markdown.splitlines() if line.startswith("## ")]
        assert headings[0] == f"## {title}"
        assert glance(report, words)[2].replace("*", "") in markdown.replace("\\", "")
        html = render_html(report, words)
        assert html.index(f"<h2>{title}</h2>") < html.index("<figure>")


def test_markdown_and_html_keep_a_post_text_as_text(report: WeeklyReport) -> None:
    top = report.current.top_posts
    hostile = replace(top[0], text="<b>*fett*</b>")
    week = replace(report.current, top_posts=(hostile, *top[1:]))
    marked = replace(report, current=week)
    assert "\\<b\\>\\*fett\\*\\</b\\>" in render_markdown(marked, Words("de"))
    assert "&lt;b&gt;*fett*&lt;/b&gt;" in render_html(marked, Words("de"))
