"""How the simulated Dortmund audience votes in polls: with a tendency that suits the question.

Like the replies, votes keep no history: they are derived from (seed, poll key, question,
options) and the poll's age, so every server may ask as often as it likes and sees counts
that only grow, most of them early, the rest towards the end, and that stop at expiry.
The tendency: agreeing answers ("Ja", "mehr", "dafür") win on questions the city likes to
hear about (training, the event week, the future of work), lose on sore ones (pensions,
traffic); "weiß nicht" keeps a small share; unlabelled options spread by chance.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from datetime import timedelta

AGREE = re.compile(r"\b(ja|gut|mehr|dafür|unbedingt|sofort|gerne|klar|yes)\b", re.IGNORECASE)
DISAGREE = re.compile(r"\b(nein|dagegen|schlecht|weniger|nie|no)\b", re.IGNORECASE)
UNSURE = re.compile(r"weiß nicht|egal|vielleicht|unsicher|keine ahnung", re.IGNORECASE)
WELCOME_TOPICS = re.compile(
    r"ausbildung|weiterbildung|aktionswoche|zukunft|studio|ki\b|digital", re.IGNORECASE
)
SORE_TOPICS = re.compile(r"rente|verkehr|baustelle|kosten|miete", re.IGNORECASE)
UNSURE_WEIGHT = 0.3
MULTIPLE_CHOICES = 1.6
"""Answers per voter on average where several are allowed."""


@dataclass(frozen=True)
class Tally:
    """What a poll shows at one moment."""

    votes: tuple[int, ...]
    voters: int
    expired: bool


def lean_of(question: str, rng: random.Random) -> float:
    """How much this question's audience agrees, -1..1."""
    base = 0.0
    if WELCOME_TOPICS.search(question):
        base += 0.7
    if SORE_TOPICS.search(question):
        base -= 0.7
    return max(-1.0, min(1.0, base + rng.uniform(-0.2, 0.2)))


def shares(question: str, options: tuple[str, ...], rng: random.Random) -> list[float]:
    """Each option's share of the votes (summing to 1)."""
    lean = lean_of(question, rng)
    weights = []
    for option in options:
        if UNSURE.search(option):
            weight = UNSURE_WEIGHT
        elif AGREE.search(option):
            weight = math.exp(1.5 * lean)
        elif DISAGREE.search(option):
            weight = math.exp(-1.5 * lean)
        else:
            weight = rng.uniform(0.5, 1.5)
        weights.append(weight * rng.uniform(0.9, 1.1))
    total = sum(weights)
    return [weight / total for weight in weights]


def turnout(elapsed: float) -> float:
    """Share of the final voters who have voted after `elapsed` (0..1) of the poll's run:
    a rush at the start, a second push before the end."""
    elapsed = max(0.0, min(1.0, elapsed))
    early = 1 - math.exp(-elapsed * 6)
    return min(1.0, 0.8 * early + 0.2 * elapsed**3)


def tally(
    seed: int,
    key: str,
    question: str,
    options: tuple[str, ...],
    *,
    age: timedelta,
    duration: timedelta,
    multiple: bool,
    voters_range: tuple[int, int] = (40, 400),
) -> Tally:
    """The poll's counts at `age` of audience time (real time times the audience's pace,
    capped at the poll's end by the caller); they never fall, and are final once the
    audience's time has run through the whole `duration`."""
    rng = random.Random(f"{seed}\x1f{key}\x1f{question}\x1f{'|'.join(options)}\x1fpoll")
    final_voters = rng.randint(*voters_range)
    split = shares(question, options, rng)
    expired = age >= duration
    elapsed = 1.0 if expired else age / duration if duration else 1.0
    voters = math.floor(final_voters * turnout(elapsed))
    per_voter = MULTIPLE_CHOICES if multiple else 1.0
    votes = tuple(min(voters, math.floor(voters * share * per_voter)) for share in split)
    return Tally(votes, voters if multiple else sum(votes), expired)
