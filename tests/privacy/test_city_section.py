"""The report's section "Was die Stadt sagt", with numbers worked out by hand from
`heard.city_week` (W13, 25–31 March 2024, Europe/Berlin; summer time from Sunday 03:00).

Six posts by others fall in the week, a seventh (Monday 1 April 00:30 CEST) in the next:
  Mon  mastodon tag ×2 (Anna twice, once written "Anna@Social.Example"; model negative on
       the second, a person said positive), x mention ×1 (23:30 CET, negative, a question)
  Wed  bluesky keyword ×1 (neutral), x quote ×1 (unclassified)
  Sun  bluesky tag ×1 (23:30 CEST = 21:30 UTC, positive)
Sentiment: bluesky 1 positive 1 neutral (net +50), mastodon 2 positive (net +100),
x 1 negative 1 unclassified (net −100); all: 3/1/1 and 1 unclassified, net (3−1)/5 = +40.
Voices: each author twice. Terms (posts that contain them): #tododortmund 3
(Mon, Mon, Sun), weiterbildung 3 (Mon, Mon, the mention), zukunft 3 (Mon, Wed, Sun); then
arbeit 2, handwerk 2, pflege 2. "@todo_dortmund" and "@anna" are mentions, not terms.
Most shared: Sunday's bluesky post (5 reposts), then Anna's first (2); the others none.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from campaign.db import Database
from campaign.reports.figures import HeardDay, LabelCounts, Term
from campaign.reports.files import write_report
from campaign.reports.pseudonyms import Pseudonymiser
from tests.privacy.heard import city_week
from tests.reports import scenario
from tests.reports.conftest import report_of

PSEUDONYM = Pseudonymiser(b"k" * 32)


@pytest.fixture
def city(database: Database) -> Database:
    scenario.build(database)
    city_week(database)
    return database


def test_the_city_figures_are_the_hand_worked_ones(city: Database) -> None:
    figures = report_of(city, week="2024-W13", campaign="arbeit").current.city
    assert figures.days == (
        HeardDay(date(2024, 3, 25), "mastodon", 0, 0, 2, 0),
        HeardDay(date(2024, 3, 25), "x", 1, 0, 0, 0),
        HeardDay(date(2024, 3, 27), "bluesky", 0, 0, 0, 1),
        HeardDay(date(2024, 3, 27), "x", 0, 1, 0, 0),
        HeardDay(date(2024, 3, 31), "bluesky", 0, 0, 1, 0),
    )
    split = {s.platform: s.counts for s in figures.sentiment}
    assert split == {
        "bluesky": LabelCounts(1, 1, 0, 0),
        "mastodon": LabelCounts(2, 0, 0, 0),
        "x": LabelCounts(0, 0, 1, 1),
    }
    assert [split[p].net for p in ("bluesky", "mastodon", "x")] == [50.0, 100.0, -100.0]
    assert figures.total == LabelCounts(3, 1, 1, 1) and figures.total.net == 40.0
    assert figures.human_labels == 1
    assert [(v.author, v.platform, v.posts) for v in figures.voices] == [
        (PSEUDONYM("bernd.bsky.social"), "bluesky", 2),
        (PSEUDONYM("anna@social.example"), "mastodon", 2),
        (PSEUDONYM("kritiker99"), "x", 2),
    ]
    assert figures.terms[:6] == (
        Term("#tododortmund", 3),
        Term("weiterbildung", 3),
        Term("zukunft", 3),
        Term("arbeit", 2),
        Term("handwerk", 2),
        Term("pflege", 2),
    )
    assert all(not term.term.startswith("@") for term in figures.terms)
    assert "todo_dortmund" not in {term.term for term in figures.terms}
    assert figures.listed_posts == 6
    assert [(s.excerpt.author, s.excerpt.platform, s.reposts) for s in figures.shared] == [
        (PSEUDONYM("bernd.bsky.social"), "bluesky", 5),
        (PSEUDONYM("anna@social.example"), "mastodon", 2),
    ]
    assert figures.shared[0].excerpt.text == "Handwerk hat Zukunft #ToDoDortmund"


def test_the_section_in_every_format_and_both_languages(city: Database, tmp_path: Path) -> None:
    report = report_of(city, week="2024-W13", campaign="arbeit")
    write_report(report, ["md", "html", "csv"], tmp_path, "de")
    write_report(report, ["md"], tmp_path, "en")
    german = (tmp_path / "de/2024-W13-arbeit/bericht.md").read_text(encoding="utf-8")
    assert "## Was die Stadt sagt: Beiträge pro Tag und Plattform" in german
    assert "| 25.03.2024 | mastodon | 0 | 0 | 2 | 0 | 2 |" in german
    assert "| gesamt | 3 | 60 | 1 | 20 | 1 | 20 | 1 | 40 |" in german
    shared = f"| {PSEUDONYM('bernd.bsky.social')} | bluesky | 5 | Handwerk hat Zukunft"
    assert shared in german
    assert "| #tododortmund | 3 |" in german
    assert "anna@social" not in german.split("Was die Stadt sagt")[1]
    html = (tmp_path / "de/2024-W13-arbeit/bericht.html").read_text(encoding="utf-8")
    assert "Was die Stadt sagt: häufigste Stimmen" in html
    days = (tmp_path / "de/2024-W13-arbeit/stadt_pro_tag.csv").read_text(encoding="utf-8")
    assert days.splitlines() == [
        "Tag,Plattform,Erwähnungen,Zitate,Hashtags,Stichwörter,gesamt",
        "2024-03-25,mastodon,0,0,2,0,2",
        "2024-03-25,x,1,0,0,0,1",
        "2024-03-27,bluesky,0,0,0,1,1",
        "2024-03-27,x,0,1,0,0,1",
        "2024-03-31,bluesky,0,0,1,0,1",
    ]
    terms = (tmp_path / "de/2024-W13-arbeit/stadt_begriffe.csv").read_text(encoding="utf-8")
    assert terms.splitlines()[1] == "#tododortmund,3"
    english = (tmp_path / "en/2024-W13-arbeit/bericht.md").read_text(encoding="utf-8")
    assert "## What the city says: most frequent terms" in english
    assert "## What the city says: most-shared posts by others" in english


def test_replies_sections_count_replies_only(city: Database) -> None:
    """Posts found by listening belong to the city's section, not to the replies' figures."""
    with_city = report_of(city, week="2024-W13", campaign="arbeit").current
    assert with_city.replies.total == 9  # the scenario's W13 replies of "arbeit", as before
    everyone = report_of(city, week="2024-W14").previous
    assert sum(day.counts.total for day in everyone.days) == 10  # W13, all campaigns
