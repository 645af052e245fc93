"""The report's "Befragungen" section: per poll and platform the votes and shares, the
total across platforms (saying that the audiences differ) and turnout per 1,000 followers.

The polls of a week are those sent in it, at their latest reading (a poll still running
when the report is written says so). Followers are counted as for engagement: the
account's count at the week's end.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from itertools import groupby

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from campaign.models import Account, Delivery, DeliveryState, PollCount, Post
from campaign.reports.i18n import Words
from campaign.reports.poll_figures import PollOutcome, across_platforms
from campaign.reports.queries import followers_at
from campaign.reports.tables import Cell, Table
from content.polls import PollSpec

TABLE_NAME = "befragungen"


def poll_outcomes(
    session: Session, start: datetime, end: datetime, campaign_id: int | None
) -> tuple[PollOutcome, ...]:
    """Every poll sent in [start, end) at its latest reading, by time sent, then platform."""
    newest = select(func.max(PollCount.id)).group_by(PollCount.delivery_id)
    query = (
        select(PollCount, Post, Account.platform, Account.name, followers_at(end))
        .join(Delivery, Delivery.id == PollCount.delivery_id)
        .join(Post, Post.id == Delivery.post_id)
        .join(Account, Account.id == Delivery.account_id)
        .where(
            PollCount.id.in_(newest),
            Delivery.state == DeliveryState.SENT,
            Delivery.sent_at >= start,
            Delivery.sent_at < end,
        )
        .order_by(Delivery.sent_at, Post.id, Account.platform, Account.name)
    )
    if campaign_id is not None:
        query = query.where(Post.campaign_id == campaign_id)
    outcomes = []
    for count, post, platform, account, followers in session.execute(query):
        if not post.poll:
            continue
        outcomes.append(
            PollOutcome(
                post_key=post.key,
                question=post.text,
                platform=platform,
                account=account,
                options=PollSpec.from_json(post.poll).options,
                votes=tuple(count.votes),
                voters=count.voters,
                closed=count.closed,
                followers=followers,
            )
        )
    return tuple(outcomes)


def by_poll(outcomes: Iterable[PollOutcome]) -> list[tuple[PollOutcome, ...]]:
    """Outcomes grouped per poll (consecutive, as `poll_outcomes` orders them)."""
    return [tuple(group) for _, group in groupby(outcomes, key=lambda o: o.post_key)]


def _rows(outcome: PollOutcome, platform: str, words: Words) -> list[tuple[Cell, ...]]:
    state = words("poll.closed") if outcome.closed else words("poll.running")
    return [
        (
            outcome.post_key,
            outcome.question,
            platform,
            option,
            votes,
            share,
            outcome.total,
            outcome.followers,
            outcome.per_1000_followers,
            state,
        )
        for option, votes, share in zip(
            outcome.options, outcome.votes, outcome.shares(), strict=True
        )
    ]


def poll_table(outcomes: tuple[PollOutcome, ...], words: Words) -> Table:
    """One row per option, platform by platform, then summed where a poll ran on several."""
    rows: list[tuple[Cell, ...]] = []
    for poll in by_poll(outcomes):
        for outcome in poll:
            rows += _rows(outcome, outcome.platform, words)
        if len(poll) > 1:
            rows += _rows(across_platforms(poll), words("poll.all_platforms"), words)
    return Table(
        TABLE_NAME,
        words("table.polls"),
        tuple(
            words(key)
            for key in (
                "col.post",
                "col.question",
                "col.platform",
                "col.option",
                "col.votes",
                "col.vote_share",
                "col.votes_total",
                "col.followers",
                "col.per_1000",
                "col.poll_state",
            )
        ),
        tuple(rows),
        note=words("note.polls"),
    )
