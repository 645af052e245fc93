"""Poll results as every surface reads them: the latest reading per delivery, today's votes,
the running poll, all from the `poll_counts` time series the daemon appends to.

One platform's poll is one delivery; the same question on Mastodon and X is two polls
with different audiences, so results are kept per platform and only summed where a
surface says that the audiences differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from campaign.models import Account, Campaign, Delivery, PollCount, Post
from content.polls import PollSpec


@dataclass(frozen=True)
class PollTally:
    """One platform's poll at its latest reading."""

    post_id: int
    post_key: str
    question: str
    account_name: str
    platform: str
    options: tuple[str, ...]
    votes: tuple[int, ...]
    voters: int | None
    closed: bool
    ends_at: datetime | None
    taken_at: datetime
    followers: int | None
    zone: ZoneInfo
    """The poll's campaign's zone: its end is shown in it."""

    @property
    def total(self) -> int:
        return sum(self.votes)

    def shares(self) -> tuple[float, ...]:
        """Each option's share of the votes (0 when nobody voted)."""
        total = self.total
        return tuple(count / total if total else 0.0 for count in self.votes)

    def running(self, now: datetime) -> bool:
        return not self.closed and (self.ends_at is None or self.ends_at > now)


def _latest_readings(
    campaign_slug: str | None,
) -> Select[tuple[PollCount, Post, Account, str]]:
    newest = select(func.max(PollCount.id).label("id")).group_by(PollCount.delivery_id).subquery()
    query = (
        select(PollCount, Post, Account, Campaign.time_zone)
        .join(newest, newest.c.id == PollCount.id)
        .join(Delivery, Delivery.id == PollCount.delivery_id)
        .join(Post, Post.id == Delivery.post_id)
        .join(Campaign, Campaign.id == Post.campaign_id)
        .join(Account, Account.id == Delivery.account_id)
        .order_by(Delivery.sent_at.desc(), Account.name)
    )
    if campaign_slug:
        query = query.where(Campaign.slug == campaign_slug)
    return query


def latest(
    session: Session, *, campaign_slug: str | None = None, post_id: int | None = None
) -> list[PollTally]:
    """Every poll's latest reading, newest poll first (one per platform)."""
    query = _latest_readings(campaign_slug)
    if post_id is not None:
        query = query.where(Post.id == post_id)
    tallies = []
    for count, post, account, time_zone in session.execute(query):
        spec = PollSpec.from_json(post.poll or {})
        tallies.append(
            PollTally(
                post_id=post.id,
                post_key=post.key,
                question=post.text_for(account.platform),
                account_name=account.name,
                platform=account.platform,
                options=spec.options,
                votes=tuple(count.votes),
                voters=count.voters,
                closed=count.closed,
                ends_at=count.ends_at,
                taken_at=count.taken_at,
                followers=account.followers,
                zone=ZoneInfo(time_zone),
            )
        )
    return tallies


def running_poll(session: Session, campaign_slug: str | None, now: datetime) -> list[PollTally]:
    """The newest poll still running, one tally per platform; [] when none runs."""
    tallies = [
        tally for tally in latest(session, campaign_slug=campaign_slug) if tally.running(now)
    ]
    if not tallies:
        return []
    newest = tallies[0].post_id
    return [tally for tally in tallies if tally.post_id == newest]


def votes_since(session: Session, campaign_slug: str | None, since: datetime) -> int:
    """Votes cast since `since` over every poll: each poll's latest total less its total
    at the last reading before `since`."""
    query = select(PollCount.delivery_id, PollCount.taken_at, PollCount.votes).order_by(
        PollCount.delivery_id, PollCount.taken_at, PollCount.id
    )
    if campaign_slug:
        query = (
            query.join(Delivery, Delivery.id == PollCount.delivery_id)
            .join(Post, Post.id == Delivery.post_id)
            .join(Campaign, Campaign.id == Post.campaign_id)
            .where(Campaign.slug == campaign_slug)
        )
    before: dict[int, int] = {}
    now: dict[int, int] = {}
    for delivery_id, taken_at, votes in session.execute(query):
        total = sum(votes)
        if taken_at < since:
            before[delivery_id] = total
        now[delivery_id] = total
    return sum(max(total - before.get(delivery_id, 0), 0) for delivery_id, total in now.items())


def newest_reading(session: Session) -> int:
    """The id of the newest reading: a cheap sign for the wall that results moved."""
    return session.scalar(select(func.max(PollCount.id))) or 0
