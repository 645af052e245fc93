"""The one factory that builds the TUI, for the CLI, the demo and the tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from campaign import people
from campaign.config import Settings
from campaign.db import Database
from campaign.models import utc_now
from campaign.people import Person
from words import choose_language

if TYPE_CHECKING:
    from campaign.tui.leuchtturm_app import LeuchtturmApp


def make_app(
    database: Database,
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utc_now,
    person: Person | None = None,
) -> LeuchtturmApp:
    """The app on `database`, acting as `person` (default: the configured one, see
    `campaign.people.resolve`); the language is chosen before the key labels load."""
    choose_language(settings.language)
    from campaign.tui.leuchtturm_app import LeuchtturmApp

    return LeuchtturmApp(database, settings, clock, person or people.resolve(settings))
