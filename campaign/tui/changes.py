"""Small changes that several screens offer, as functions a `DataScreen.write` worker runs.

Each takes a session and returns the confirmation the user sees.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy.orm import Session

from campaign.services import campaigns
from content.platforms import Platform
from words import t

Change = Callable[[Session], str]
Option = TypeVar("Option")

PLATFORM_OPTIONS: tuple[str | None, ...] = (None, *(platform.value for platform in Platform))
"""What a platform filter cycles through: all, then each platform."""


def pausing(slug: str, reason: str, person: str) -> Change:
    """Hold the campaign's queue."""

    def pause(session: Session) -> str:
        campaigns.pause(session, slug, reason, person=person)
        return t("campaign.paused", slug=slug)

    return pause


def resuming(slug: str, person: str) -> Change:
    """Let the campaign's queue run again."""

    def resume(session: Session) -> str:
        campaigns.resume(session, slug, person=person)
        return t("campaign.resumed", slug=slug)

    return resume


def next_option(options: Sequence[Option], current: Option) -> Option:
    """The option after `current`, wrapping round: filters cycle with one key."""
    return options[(list(options).index(current) + 1) % len(options)]
