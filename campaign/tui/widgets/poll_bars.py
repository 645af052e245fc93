"""A poll's result as text bars, safe for any terminal: █ for the share, ░ for the rest.

The options are typed by people and the platform names come from the database, so every
piece is passed through `inert_line` before it becomes `Text`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from campaign.services.polls import PollTally
from campaign.times import shown
from content.outside_text import inert_line
from content.platforms import DISPLAY_NAMES, Platform
from words import t

BAR_WIDTH = 20
LABEL_WIDTH = 18


def _platform_name(platform: str) -> str:
    try:
        return DISPLAY_NAMES[Platform(platform)]
    except ValueError:
        return inert_line(platform, limit=20)


def bar(share: float, width: int = BAR_WIDTH) -> str:
    """`width` cells, the filled part rounded to the nearest cell."""
    filled = round(max(0.0, min(1.0, share)) * width)
    return "█" * filled + "░" * (width - filled)


def poll_text(tallies: Sequence[PollTally], now: datetime) -> Text:
    """Every platform's latest reading of one or more polls, one bar per option; a running
    poll's end in its campaign's zone."""
    text = Text(end="")
    for tally in tallies:
        state = (
            t("poll.running_until", when=shown(tally.ends_at, tally.zone))
            if tally.running(now) and tally.ends_at is not None
            else t("poll.closed")
        )
        if text:
            text.append("\n")
        text.append(
            inert_line(
                t("poll.heading", platform=_platform_name(tally.platform), votes=tally.total,
                  state=state),
                limit=200,
            ),
            style="bold",
        )
        for option, votes, share in zip(tally.options, tally.votes, tally.shares(), strict=True):
            label = inert_line(option, limit=LABEL_WIDTH).ljust(LABEL_WIDTH)
            text.append(f"\n  {label} ")
            text.append(bar(share), style="cyan")
            text.append(f" {round(share * 100):>3} % ({votes})")
    return text


class PollBars(Static):
    """Shows `poll_text`; the screen hands it the tallies it loaded."""

    def show_tallies(self, tallies: Sequence[PollTally], now: datetime, empty: str = "") -> None:
        self.update(poll_text(tallies, now) if tallies else Text(empty, end=""))
