"""What every command needs: the settings, the database, and output helpers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import typer

from campaign import people
from campaign.config import Settings, find_config, load_settings
from campaign.db import Database
from campaign.people import Person
from campaign.redaction import redact
from campaign.services import accounts
from campaign.times import labelled
from content.outside_text import inert
from words import choose_language


@dataclass
class CliContext:
    """Loaded lazily, so `--help` and `content check` never touch a database."""

    config_path: Path | None
    as_name: str | None = None
    """`--as NAME`: who acts; see `campaign.people.resolve` for the fallbacks."""
    _settings: Settings | None = None
    _database: Database | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(find_config(self.config_path))
            choose_language(self._settings.language)
        return self._settings

    @property
    def person(self) -> Person:
        """Who acts in this command (an unknown name is refused, exit code 2)."""
        return people.resolve(self.settings, self.as_name)

    def database(self, *, check_schema: bool = True) -> Database:
        """The configured database; accounts are synced from the config on first use."""
        if self._database is None:
            self._database = Database.open(self.settings.database_url(), check_schema=check_schema)
            if check_schema:
                with self._database.session() as session:
                    accounts.sync_from_config(session, self.settings)
        return self._database

    def local(self, moment: datetime, zone: ZoneInfo | None = None) -> str:
        """A UTC time shown in `zone` (a post's campaign's), else in the configured zone."""
        return labelled(moment, zone or self.settings.zone)


def context(ctx: typer.Context) -> CliContext:
    """The `CliContext` the root callback stored."""
    return ctx.find_root().obj


def say(message: object = "", *, err: bool = False) -> None:
    """Print one message for people: every command's output passes here (or `print_json`).

    Messages quote platforms' answers, replies and reasons, so they are redacted (no
    configured secret in any encoding) and made inert (no escape sequence reaches the
    terminal) first.
    """
    typer.echo(shown(str(message)), err=err)


def shown(text: str) -> str:
    """`text` as it may be printed: without secrets and without control sequences."""
    return inert(redact(inert(text)))


def print_json(data: Any) -> None:
    """Stable, readable JSON on stdout (UTF-8, not ASCII-escaped), strings as `shown`."""
    text = json.dumps(_shown_strings(data), ensure_ascii=False, indent=2, default=_default)
    typer.echo(redact(text))


def _shown_strings(data: Any) -> Any:
    if isinstance(data, str):
        return shown(data)
    if isinstance(data, dict):
        return {key: _shown_strings(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_shown_strings(value) for value in data]
    return data


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")
