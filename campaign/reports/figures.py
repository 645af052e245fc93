"""The figures of a weekly report as frozen dataclasses: what the renderers show and the
tests assert. Derived numbers (shares, rates, net scores) are properties, so they are
computed one way only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from campaign.reports.poll_figures import PollOutcome

LABELS = ("positive", "neutral", "negative")


def per_thousand(part: int, whole: int | None) -> float | None:
    """`part` per 1,000 of `whole`, two decimals; None when `whole` is unknown or zero."""
    return round(part * 1000 / whole, 2) if whole else None


def share(part: int, whole: int) -> float | None:
    """Percentage with one decimal; None for an empty whole."""
    return round(part * 100 / whole, 1) if whole else None


@dataclass(frozen=True)
class AccountPublished:
    platform: str
    account: str
    posts: int


@dataclass(frozen=True)
class ProblemDelivery:
    """A delivery that failed or waits for a person, with the reason it carries."""

    post_key: str
    account: str
    state: str
    reason: str
    due_at: datetime


@dataclass(frozen=True)
class PlatformEngagement:
    """Sum of each published post's latest snapshot in the week, on one platform.

    `followers` sums the account's followers once per post, so `per_1000_followers` is the
    mean post's engagement per 1,000 followers: fair between platforms without impressions.
    """

    platform: str
    posts: int
    likes: int
    reposts: int
    replies: int
    quotes: int
    impressions: int | None
    followers: int

    @property
    def engagement(self) -> int:
        return self.likes + self.reposts + self.replies + self.quotes

    @property
    def per_1000_followers(self) -> float | None:
        return per_thousand(self.engagement, self.followers)


@dataclass(frozen=True)
class PostEngagement:
    """One delivered post with its engagement rate (per 1,000 followers of its account);
    `text` is the post's text as a report shows it (shortened, secrets blanked)."""

    post_key: str
    text: str
    platform: str
    account: str
    url: str | None
    engagement: int
    impressions: int | None
    followers: int | None

    @property
    def per_1000_followers(self) -> float | None:
        return per_thousand(self.engagement, self.followers)


@dataclass(frozen=True)
class FollowerGrowth:
    """An account's followers when the week began and when it ended (as counted)."""

    platform: str
    account: str
    at_start: int
    at_end: int

    @property
    def change(self) -> int:
        return self.at_end - self.at_start


@dataclass(frozen=True)
class LabelCounts:
    """Replies split by effective label (a person's label wins over the model's)."""

    positive: int
    neutral: int
    negative: int
    unclassified: int

    @property
    def classified(self) -> int:
        return self.positive + self.neutral + self.negative

    @property
    def total(self) -> int:
        return self.classified + self.unclassified

    def share(self, label: str) -> float | None:
        """Share of `label` among classified replies, in percent."""
        return share(getattr(self, label), self.classified)

    @property
    def net(self) -> float | None:
        """Net sentiment: (positive − negative) / classified × 100, from −100 to +100."""
        return share(self.positive - self.negative, self.classified)


def summed(splits: Iterable[LabelCounts]) -> LabelCounts:
    """Several splits added up, label by label."""
    listed = list(splits)
    return LabelCounts(
        *(sum(getattr(split, f) for split in listed) for f in (*LABELS, "unclassified"))
    )


@dataclass(frozen=True)
class DayVolume:
    day: date
    counts: LabelCounts


@dataclass(frozen=True)
class SentimentSplit:
    platform: str
    campaign: str
    counts: LabelCounts


@dataclass(frozen=True)
class ReplyExcerpt:
    """A reply as a report shows it: shortened text, author pseudonymised when asked."""

    platform: str
    author: str
    text: str
    label: str | None
    score: float | None
    url: str
    created_at: datetime


@dataclass(frozen=True)
class ReplyCoverage:
    """Replies a platform counts on this week's posts against replies we collected."""

    platform: str
    counted: int
    collected: int
    federated: bool = False
    """Replies from other servers may never reach us (Mastodon, as its connector says)."""

    @property
    def missing(self) -> int:
        return max(self.counted - self.collected, 0)


@dataclass(frozen=True)
class ReplyGroup:
    """Replies counted by the database for one combination of the grouping keys;
    `day` is the index of the local day in the week (0 = Monday)."""

    platform: str
    campaign: str
    day: int
    label: str | None
    model: str | None
    revision: str | None
    replies: int
    human_labels: int
    human_overrides: int
    open_questions: int


@dataclass(frozen=True)
class ModelUse:
    model: str
    revision: str
    replies: int


@dataclass(frozen=True)
class DataGaps:
    """What the figures cannot see, said plainly."""

    coverage: tuple[ReplyCoverage, ...]
    x_posts_past_search_window: int
    x_posts_collected_too_late: int
    without_impressions: tuple[str, ...]
    unclassified: int
    models: tuple[ModelUse, ...]
    human_labels: int
    human_overrides: int


HEARD_KINDS = ("mention", "quote", "tag", "keyword")
"""Posts by others found by listening, in the order the report shows them."""


@dataclass(frozen=True)
class HeardDay:
    """Posts by others on one local day and platform, by how they were found."""

    day: date
    platform: str
    mention: int
    quote: int
    tag: int
    keyword: int

    @property
    def total(self) -> int:
        return self.mention + self.quote + self.tag + self.keyword


@dataclass(frozen=True)
class PlatformSplit:
    platform: str
    counts: LabelCounts


@dataclass(frozen=True)
class Voice:
    """A frequent author, pseudonymised unless the report shows real handles."""

    author: str
    platform: str
    posts: int


@dataclass(frozen=True)
class Term:
    term: str
    posts: int


@dataclass(frozen=True)
class SharedPost:
    """A post by someone else that was shared (boosted, reposted, retweeted) often."""

    excerpt: ReplyExcerpt
    reposts: int


@dataclass(frozen=True)
class CityFigures:
    """"Was die Stadt sagt": what the city wrote besides replies to us."""

    days: tuple[HeardDay, ...]
    sentiment: tuple[PlatformSplit, ...]
    voices: tuple[Voice, ...]
    terms: tuple[Term, ...]
    listed_posts: int
    """Posts the voices and terms are drawn from: the week's, unless older than the
    retention (their texts and authors are gone, only their counts stay)."""
    kept_since: datetime | None
    human_labels: int
    shared: tuple[SharedPost, ...] = ()
    """The posts by others shared most often (as their platforms last counted)."""

    @property
    def total(self) -> LabelCounts:
        return summed(split.counts for split in self.sentiment)


@dataclass(frozen=True)
class WeekSummary:
    """The headline figures of a week: all the previous week needs for the comparison."""

    week: str
    start: datetime
    end: datetime
    published: tuple[AccountPublished, ...]
    engagement: tuple[PlatformEngagement, ...]
    days: tuple[DayVolume, ...]

    @property
    def posts_published(self) -> int:
        return sum(row.posts for row in self.published)

    @property
    def total_engagement(self) -> int:
        return sum(row.engagement for row in self.engagement)

    @property
    def replies(self) -> LabelCounts:
        """All replies of the week, split by label."""
        return summed(day.counts for day in self.days)


@dataclass(frozen=True)
class WeekFigures(WeekSummary):
    """Everything measured for the reported week."""

    problems: tuple[ProblemDelivery, ...]
    followers: tuple[FollowerGrowth, ...]
    top_posts: tuple[PostEngagement, ...]
    sentiment: tuple[SentimentSplit, ...]
    most_negative: tuple[ReplyExcerpt, ...]
    most_positive: tuple[ReplyExcerpt, ...]
    unanswered: tuple[ReplyExcerpt, ...]
    unanswered_total: int
    gaps: DataGaps
    city: CityFigures
    polls: tuple[PollOutcome, ...] = ()
    """The week's polls per platform (`campaign.reports.poll_section`)."""


@dataclass(frozen=True)
class Comparison:
    """One headline figure this week and the week before."""

    name: str
    current: float | None
    previous: float | None

    @property
    def change(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return round(self.current - self.previous, 2)


@dataclass(frozen=True)
class WeeklyReport:
    """A week's figures beside the previous week's, for one campaign or all."""

    campaign: str | None
    time_zone: str
    generated_at: datetime
    pseudonymised: bool
    current: WeekFigures
    previous: WeekSummary

    def comparison(self) -> tuple[Comparison, ...]:
        now, before = self.current, self.previous
        rows = [
            Comparison("posts_published", now.posts_published, before.posts_published),
            Comparison("engagement", now.total_engagement, before.total_engagement),
            Comparison("replies", now.replies.total, before.replies.total),
            Comparison("net_sentiment", now.replies.net, before.replies.net),
        ]
        earlier = {row.platform: row for row in before.engagement}
        for row in now.engagement:
            old = earlier.get(row.platform)
            rows.append(
                Comparison(
                    f"per_1000_followers_{row.platform}",
                    row.per_1000_followers,
                    old.per_1000_followers if old else None,
                )
            )
        return tuple(rows)
