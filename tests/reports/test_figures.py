"""Every figure of the scenario's W13 report for campaign "arbeit", worked out by hand
(see scenario.py for the rows), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from campaign.db import Database
from campaign.reports.figures import (
    AccountPublished,
    LabelCounts,
    ModelUse,
    ReplyCoverage,
    WeeklyReport,
)
from campaign.reports.weekly import Privacy
from tests.reports import scenario
from tests.reports.conftest import report_of
from tests.reports.scenario import at


def test_week_bounds_follow_the_spring_change(report: WeeklyReport) -> None:
    assert report.current.week == "2024-W13"
    assert (report.current.start, report.current.end) == (
        at("2024-03-24 23:00"),
        at("2024-03-31 22:00"),
    )
    assert report.previous.week == "2024-W12"


def test_published_per_account_counts_sunday_night_not_monday_midnight(
    report: WeeklyReport,
) -> None:
    assert report.current.published == (
        AccountPublished("bluesky", "bluesky-todo", 1),
        AccountPublished("mastodon", "mastodon-todo", 1),
        AccountPublished("x", "x-todo", 1),
    )
    assert report.current.posts_published == 3


def test_problem_deliveries_with_reasons_and_no_secret(report: WeeklyReport) -> None:
    problems = report.current.problems
    assert [(p.post_key, p.account, p.state) for p in problems] == [
        ("e", "bluesky-todo", "needs_review"),
        ("d", "x-todo", "failed"),
    ]
    assert problems[0].reason == "missed by 45 minutes while the daemon was down"
    assert problems[1].reason == "401 Unauthorized: token *** revoked"


def test_engagement_from_latest_snapshot_within_the_week(report: WeeklyReport) -> None:
    rows = {row.platform: row for row in report.current.engagement}
    mastodon = rows["mastodon"]
    assert (mastodon.likes, mastodon.reposts, mastodon.replies, mastodon.quotes) == (10, 4, 6, 1)
    assert mastodon.engagement == 21
    assert mastodon.impressions is None
    assert mastodon.per_1000_followers == 10.5
    assert rows["x"].engagement == 30
    assert rows["x"].impressions == 1000
    assert rows["x"].per_1000_followers == 6.0
    assert rows["bluesky"].per_1000_followers == 5.0
    assert report.current.total_engagement == 56


def test_top_posts_by_engagement_rate_with_links(report: WeeklyReport) -> None:
    top = report.current.top_posts
    assert [(p.post_key, p.platform, p.per_1000_followers) for p in top] == [
        ("a", "mastodon", 10.5),
        ("a", "x", 6.0),
        ("b", "bluesky", 5.0),
    ]
    assert top[0].url == "https://mastodon-todo.example/posts/a"


def test_reply_volume_per_local_day_across_the_change(report: WeeklyReport) -> None:
    days = {d.day: d.counts for d in report.current.days}
    assert list(days) == [date(2024, 3, day) for day in range(25, 32)]
    assert days[date(2024, 3, 25)] == LabelCounts(2, 0, 0, 0)
    assert days[date(2024, 3, 26)] == LabelCounts(0, 1, 1, 0)
    assert days[date(2024, 3, 27)] == LabelCounts(1, 0, 0, 0)
    assert days[date(2024, 3, 28)] == LabelCounts(0, 0, 0, 0)
    assert days[date(2024, 3, 30)] == LabelCounts(0, 1, 0, 1)
    assert days[date(2024, 3, 31)] == LabelCounts(0, 1, 1, 0)


def test_human_labels_win_and_net_sentiment(report: WeeklyReport) -> None:
    replies = report.current.replies
    assert replies == LabelCounts(positive=3, neutral=3, negative=2, unclassified=1)
    assert replies.total == 9
    assert replies.net == 12.5
    assert replies.share("positive") == 37.5


def test_sentiment_split_per_platform_and_campaign(report: WeeklyReport) -> None:
    split = {(s.platform, s.campaign): s.counts for s in report.current.sentiment}
    assert split == {
        ("bluesky", "arbeit"): LabelCounts(0, 1, 1, 0),
        ("mastodon", "arbeit"): LabelCounts(2, 1, 0, 1),
        ("x", "arbeit"): LabelCounts(1, 1, 1, 0),
    }
    assert split[("bluesky", "arbeit")].net == -50.0
    assert split[("mastodon", "arbeit")].net == 66.7
    assert split[("mastodon", "arbeit")].share("neutral") == 33.3
    assert split[("x", "arbeit")].net == 0.0


def test_extreme_replies_and_unanswered_questions(report: WeeklyReport) -> None:
    week = report.current
    assert [r.score for r in week.most_negative] == [0.95, 0.7]
    first = week.most_positive[0]
    assert (first.text, first.label) == (
        "Endlich mal gute Nachrichten aus Dortmund",
        "positive",
    )
    assert [r.score for r in week.most_positive] == [None, 0.7, 0.9]
    assert week.unanswered_total == 2
    assert [r.text for r in week.unanswered][1] == "Gilt das auch für Azubis?"


def test_authors_pseudonymised_stably_even_inside_the_text(report: WeeklyReport) -> None:
    critic = report.current.most_negative[0]
    assert critic.author.startswith("Person-")
    assert "kritiker99" not in critic.text and critic.author in critic.text
    assert critic.url == ""
    assert report.current.unanswered[0].author == critic.author


def test_data_gaps(report: WeeklyReport) -> None:
    gaps = report.current.gaps
    assert gaps.coverage == (
        ReplyCoverage("bluesky", 2, 3),
        ReplyCoverage("mastodon", 6, 4, federated=True),
        ReplyCoverage("x", 4, 3),
    )
    assert [c.missing for c in gaps.coverage] == [0, 2, 1]
    assert (gaps.x_posts_past_search_window, gaps.x_posts_collected_too_late) == (1, 1)
    assert gaps.without_impressions == ("bluesky", "mastodon")
    assert gaps.unclassified == 1
    assert gaps.models == (
        ModelUse(scenario.MODEL, "abc123", 7),
        ModelUse(scenario.MODEL, "old1", 1),
    )
    assert (gaps.human_labels, gaps.human_overrides) == (3, 2)


def test_previous_week_comparison(report: WeeklyReport) -> None:
    rows = {row.name: (row.current, row.previous, row.change) for row in report.comparison()}
    assert rows == {
        "posts_published": (3, 2, 1),
        "engagement": (56, 16, 40),
        "replies": (9, 1, 8),
        "net_sentiment": (12.5, -100.0, 112.5),
        "per_1000_followers_bluesky": (5.0, None, None),
        "per_1000_followers_mastodon": (10.5, 3.0, 7.5),
        "per_1000_followers_x": (6.0, 2.0, 4.0),
    }


def test_all_campaigns_include_the_other_campaign(scenario_database: Database) -> None:
    report = report_of(scenario_database, week="2024-W13")
    assert report.current.posts_published == 4
    assert report.current.replies.negative == 3
    assert {s.campaign for s in report.current.sentiment} == {"arbeit", "anders"}


def test_default_week_is_the_last_complete_one(scenario_database: Database) -> None:
    report = report_of(
        scenario_database,
        campaign="arbeit",
        privacy=Privacy(pseudonym=None),
        now=at("2024-04-01 06:00"),
    )
    assert report.current.week == "2024-W13"
    assert report.current.most_negative[0].author == "kritiker99"


def test_autumn_change_puts_sunday_night_into_the_old_week(database: Database) -> None:
    builder = scenario.Builder(database)
    herbst = builder.campaign("herbst")
    delivery = builder.delivery(herbst, "h", "mastodon-todo", sent="2024-10-26 08:00")
    for created in ("2024-10-27 00:30", "2024-10-27 22:30", "2024-10-27 23:00"):
        builder.reply(delivery, "mastodon", created, "positive", 0.9)
    report = report_of(database, week="2024-W44", campaign="herbst")
    assert report.current.start == at("2024-10-27 23:00")
    assert report.current.days[0].counts.positive == 1
    assert report.previous.week == "2024-W43"
    assert report.previous.days[-1].day == date(2024, 10, 27)
    assert report.previous.days[-1].counts.positive == 2
    assert report.previous.posts_published == 1


def test_previous_week_days_equal_that_weeks_own_report(scenario_database: Database) -> None:
    """The comparison reads the previous week by a lighter query than the report's own;
    both must count the same replies, for one campaign and for all."""
    for campaign in ("arbeit", None):
        w13 = report_of(scenario_database, week="2024-W13", campaign=campaign)
        w12 = report_of(scenario_database, week="2024-W12", campaign=campaign)
        assert w13.previous.days == w12.current.days
        assert w13.previous.replies.total > 0
        assert w13.previous.engagement == w12.current.engagement
