"""The "Befragungen" section with hand-worked numbers.

One poll ("frage", sent 26 March 2024, in W13) on Mastodon and X, a second reading each:
Mastodon's latest 30 / 15 / 5 of 50 voters → 60 / 30 / 10 %, its account has 1,250
followers at the week's end → 50 × 1000 / 1250 = 40 per 1,000; X's latest 6 / 12 / 2
(votes only) → 30 / 60 / 10 %, 2,000 followers → 20 × 1000 / 2000 = 10 per 1,000.
Across platforms: 36 / 27 / 7 of 70 → 51.4 / 38.6 / 10 %, 70 × 1000 / 3250 = 21.54.
A poll sent in W14 is not in W13's report.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select

from campaign.db import Database
from campaign.models import Account, FollowerCount, PollCount, Post
from campaign.reports.i18n import Words
from campaign.reports.render_csv import write_csv
from campaign.reports.render_html import render_html
from campaign.reports.render_markdown import render_markdown
from tests.reports.conftest import report_of
from tests.reports.scenario import Builder, at

POLL = {"options": ["Ja", "Nein", "Weiß nicht"], "seconds": 86400, "multiple": False}


@pytest.fixture
def polled(scenario_database: Database) -> Database:
    builder = Builder(scenario_database)
    with scenario_database.session() as session:
        ids = {name: id_ for name, id_ in session.execute(select(Account.name, Account.id))}
        campaign_id = session.scalar(select(Post.campaign_id).limit(1))
        for name, followers in (("mastodon-todo", 1250), ("x-todo", 2000)):
            session.add(
                FollowerCount(
                    account_id=ids[name],
                    day=at("2024-03-30 08:00").date(),
                    taken_at=at("2024-03-30 08:00"),
                    followers=followers,
                )
            )
    readings = {
        "mastodon-todo": ([10, 5, 1], 16, [30, 15, 5], 50),
        "x-todo": ([2, 3, 0], None, [6, 12, 2], None),
    }
    for name, (early, early_voters, late, late_voters) in readings.items():
        delivery = builder.delivery(campaign_id, "frage", name, sent="2024-03-26 09:00")
        with scenario_database.session() as session:
            session.add_all(
                [
                    PollCount(
                        delivery_id=delivery,
                        taken_at=at("2024-03-26 12:00"),
                        votes=early,
                        voters=early_voters,
                        closed=False,
                    ),
                    PollCount(
                        delivery_id=delivery,
                        taken_at=at("2024-03-27 09:05"),
                        votes=late,
                        voters=late_voters,
                        closed=True,
                    ),
                ]
            )
    later = builder.delivery(campaign_id, "spaeter", "x-todo", sent="2024-04-02 09:00")
    with scenario_database.session() as session:
        for key in ("frage", "spaeter"):
            post = session.scalars(select(Post).where(Post.key == key)).one()
            post.poll = POLL
            post.text = "Mehr Ausbildungsplätze?" if key == "frage" else "Später"
        session.add(
            PollCount(
                delivery_id=later, taken_at=at("2024-04-02 10:00"), votes=[1, 1, 1], closed=False
            )
        )
    return scenario_database


def test_votes_shares_total_and_turnout(polled: Database, tmp_path: Path) -> None:
    report = report_of(polled, week="2024-W13")
    mastodon, x = report.current.polls
    assert (mastodon.platform, mastodon.votes, mastodon.shares()) == (
        "mastodon",
        (30, 15, 5),
        (60.0, 30.0, 10.0),
    )
    assert mastodon.per_1000_followers == 40.0 and mastodon.closed
    assert (x.platform, x.shares(), x.per_1000_followers) == ("x", (30.0, 60.0, 10.0), 10.0)

    markdown = render_markdown(report, Words("de"))
    assert "## Befragungen" in markdown
    assert (
        "| frage | Mehr Ausbildungsplätze? | mastodon | Ja | 30 | 60 | 50 | 1.250 | 40 | beendet |"
        in markdown
    )
    assert (
        "| frage | Mehr Ausbildungsplätze? | x | Nein | 12 | 60 | 20 | 2.000 | 10 | beendet |"
        in markdown
    )
    assert (
        "| frage | Mehr Ausbildungsplätze? | alle Plattformen | Ja | 36 | 51,4 | 70 | 3.250 "
        "| 21,54 | beendet |" in markdown
    )
    assert "Jede Plattform hat ihr eigenes Publikum" in markdown
    assert "Später" not in markdown

    english = render_markdown(report, Words("en"))
    assert (
        "## Polls" in english
        and "| all platforms | Ja | 36 | 51.4 | 70 | 3,250 | 21.54 | closed |" in english
    )
    assert "Each platform has its own audience" in english

    html = render_html(report, Words("de"))
    assert "<h2>Befragungen</h2>" in html and 'id="polls-' in html
    assert "Befragungen: Stimmen je Antwort und Plattform" in html

    written = write_csv(report, tmp_path, Words("de"))
    path = next(p for p in written if p.name == "befragungen.csv")
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[0][:6] == [
        "Beitrag",
        "Frage",
        "Plattform",
        "Antwortmöglichkeit",
        "Stimmen",
        "Anteil %",
    ]
    assert [
        "frage",
        "Mehr Ausbildungsplätze?",
        "alle Plattformen",
        "Weiß nicht",
        "7",
        "10.0",
        "70",
        "3250",
        "21.54",
        "beendet",
    ] in rows


def test_a_week_without_polls_says_so(scenario_database: Database) -> None:
    report = report_of(scenario_database, week="2024-W13")
    assert report.current.polls == ()
    markdown = render_markdown(report, Words("de"))
    section = markdown.split("## Befragungen", 1)[1].split("##", 1)[0]
    assert "_" in section
    assert 'id="polls-' not in render_html(report, Words("de"))
