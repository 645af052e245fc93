"""A week's polls as the report shows them: one outcome per poll and platform.

Kept apart from `figures` (which holds it in `WeekFigures.polls`) so that the poll
section's query can live beside its table without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass


def _share(part: int, whole: int) -> float | None:
    """Percentage with one decimal; None for an empty whole (as `figures.share`)."""
    return round(part * 100 / whole, 1) if whole else None


@dataclass(frozen=True)
class PollOutcome:
    """A poll's latest reading on one platform: `voters` is None where the platform counts
    votes only (X); `followers` the account's at the week's end, None when never counted."""

    post_key: str
    question: str
    platform: str
    account: str
    options: tuple[str, ...]
    votes: tuple[int, ...]
    voters: int | None
    closed: bool
    followers: int | None

    @property
    def total(self) -> int:
        return sum(self.votes)

    @property
    def participants(self) -> int:
        """People who took part: voters where known, else votes (one each, single choice)."""
        return self.total if self.voters is None else self.voters

    def shares(self) -> tuple[float | None, ...]:
        return tuple(_share(count, self.total) for count in self.votes)

    @property
    def per_1000_followers(self) -> float | None:
        if not self.followers:
            return None
        return round(self.participants * 1000 / self.followers, 2)


def across_platforms(outcomes: tuple[PollOutcome, ...]) -> PollOutcome:
    """One poll's outcomes summed over its platforms (whose audiences differ)."""
    first = outcomes[0]
    followers = [o.followers for o in outcomes]
    return PollOutcome(
        post_key=first.post_key,
        question=first.question,
        platform="",
        account="",
        options=first.options,
        votes=tuple(sum(column) for column in zip(*(o.votes for o in outcomes), strict=True)),
        voters=sum(o.participants for o in outcomes),
        closed=all(o.closed for o in outcomes),
        followers=None if None in followers else sum(f or 0 for f in followers),
    )
