"""The one hand-moved clock of the test suite: sandboxes, connectors and the daemon share it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
"""The configured zone of the test settings (and the default campaign zone)."""


@dataclass
class ManualClock:
    """A clock the test moves by hand, so time-dependent behaviour is deterministic."""

    now: datetime = field(default=START)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now
