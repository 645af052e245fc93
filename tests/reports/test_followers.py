"""Followers in the weekly report: growth per account from the daily counts, per-1,000
rates from the count at the week's end, and no empty chart while no follower is known.

Counts added to the scenario (W13 ends 31 March 22:00 UTC): mastodon-todo 1,900 on 20 March,
1,950 on 27 March, 2,010 on 31 March, 2,100 on 2 April (after the week); x-todo 4,900 on
26 March and 5,000 on 30 March; bluesky-todo none (its last known 1,000 stands). So
mastodon grows 1,900 → 2,010 (+110), x 4,900 → 5,000 (+100); Mastodon's post (21
interactions) makes 21 × 1000 / 2010 = 10.45 per 1,000 followers, X's 30 / 5000 → 6.0.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from campaign.db import Database
from campaign.models import Account, FollowerCount
from campaign.reports.figures import FollowerGrowth
from campaign.reports.i18n import Words
from campaign.reports.render_html import render_html
from campaign.reports.render_markdown import render_markdown
from tests.reports.conftest import report_of
from tests.reports.scenario import at

COUNTS = [
    ("mastodon-todo", "2024-03-20 08:00", 1900),
    ("mastodon-todo", "2024-03-27 08:00", 1950),
    ("mastodon-todo", "2024-03-31 08:00", 2010),
    ("mastodon-todo", "2024-04-02 08:00", 2100),
    ("x-todo", "2024-03-26 08:00", 4900),
    ("x-todo", "2024-03-30 08:00", 5000),
]


@pytest.fixture
def counted(scenario_database: Database) -> Database:
    with scenario_database.session() as session:
        ids = {name: id_ for name, id_ in session.execute(select(Account.name, Account.id))}
        session.add_all(
            FollowerCount(
                account_id=ids[name], day=at(taken).date(), taken_at=at(taken), followers=n
            )
            for name, taken, n in COUNTS
        )
    return scenario_database


def test_growth_per_account_over_the_week(counted: Database) -> None:
    report = report_of(counted, week="2024-W13", campaign="arbeit")
    assert report.current.followers == (
        FollowerGrowth("mastodon", "mastodon-todo", 1900, 2010),
        FollowerGrowth("x", "x-todo", 4900, 5000),
    )
    assert [f.change for f in report.current.followers] == [110, 100]
    markdown = render_markdown(report, Words("de"))
    assert "## Follower je Konto" in markdown
    assert "| mastodon | mastodon-todo | 1.900 | 2.010 | 110 |" in markdown


def test_rates_use_the_count_at_the_weeks_end(counted: Database) -> None:
    report = report_of(counted, week="2024-W13", campaign="arbeit")
    rates = {row.platform: row.per_1000_followers for row in report.current.engagement}
    assert rates == {"mastodon": 10.45, "x": 6.0, "bluesky": 5.0}
    top = report.current.top_posts
    assert [(p.text, p.per_1000_followers) for p in top] == [
        ("Aktion a im Quartier", 10.45),
        ("Aktion a im Quartier", 6.0),
        ("Aktion b im Quartier", 5.0),
    ]
    markdown = render_markdown(report, Words("de"))
    assert "| mastodon | 1 | 10 | 4 | 6 | 1 | – | 2.010 | 21 | 10,45 |" in markdown


def test_top_posts_are_ranked_by_rate_not_by_engagement(counted: Database) -> None:
    """X's post has the most engagement (30) but a lower rate than Mastodon's (21)."""
    top = report_of(counted, week="2024-W13", campaign="arbeit").current.top_posts
    assert [p.platform for p in top][:2] == ["mastodon", "x"]
    assert top[0].engagement < top[1].engagement


def test_without_any_follower_no_rate_chart(scenario_database: Database) -> None:
    known = render_html(
        report_of(scenario_database, week="2024-W13", campaign="arbeit"), Words("de")
    )
    with scenario_database.session() as session:
        session.execute(update(Account).values(followers=None))
    unknown = report_of(scenario_database, week="2024-W13", campaign="arbeit")
    assert all(row.per_1000_followers is None for row in unknown.current.engagement)
    html = render_html(unknown, Words("de"))
    assert known.count("<figure>") == 3
    assert html.count("<figure>") == 2
