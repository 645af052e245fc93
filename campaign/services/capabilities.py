"""What each account's platform allows, as its connector said, kept on the account row.

Validation, the TUI's counters and the reports read this instead of branching on platform
names: a Mastodon instance with 1,000 characters counts to 1,000, and only accounts whose
replies come from a limited search window get that gap in the report. The daemon asks
every connector at start, `accounts verify` asks again; a `max_characters` in config.toml
still overrides what the server says.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from campaign.config import Settings
from campaign.models import Account, utc_now
from connectors.base import PlatformLimits
from content.polls import PollRules


def record(row: Account, limits: PlatformLimits) -> None:
    """Keep what the connector said on the account row."""
    row.capabilities = _to_json(limits)
    row.capabilities_at = utc_now()


def of(row: Account) -> PlatformLimits | None:
    """The account's last known limits, or None when its connector was never asked."""
    if not row.capabilities:
        return None
    try:
        return _from_json(row.capabilities)
    except (KeyError, TypeError, ValueError):
        return None


def character_limits(session: Session, settings: Settings) -> dict[str, int | None]:
    """Per configured account: config.toml's override, else the platform's own limit,
    else None (the content rules' default for the platform)."""
    names = [configured.name for configured in settings.accounts]
    rows = {
        row.name: row for row in session.scalars(select(Account).where(Account.name.in_(names)))
    }
    limits: dict[str, int | None] = {}
    for configured in settings.accounts:
        row = rows.get(configured.name)
        known = of(row) if row is not None else None
        limits[configured.name] = configured.max_characters or (
            known.max_characters if known else None
        )
    return limits


def poll_rules(session: Session, settings: Settings) -> dict[str, PollRules | None]:
    """Per configured account: the poll rules its instance stated (Mastodon's
    `configuration.polls`), or None when its connector was never asked or has no polls
    (validation then takes the platform's defaults)."""
    names = [configured.name for configured in settings.accounts]
    rules: dict[str, PollRules | None] = {name: None for name in names}
    for row in session.scalars(select(Account).where(Account.name.in_(names))):
        known = of(row)
        if known is not None and known.polls and known.poll_duration is not None:
            shortest, longest = known.poll_duration
            rules[row.name] = PollRules(
                max_options=known.max_poll_options,
                max_option_characters=known.max_poll_option_characters,
                shortest=shortest,
                longest=longest,
                multiple=known.poll_multiple,
            )
    return rules


def _to_json(limits: PlatformLimits) -> dict[str, Any]:
    data = asdict(limits)
    data["replies_window"] = _seconds(limits.replies_window)
    data["poll_duration"] = (
        [_seconds(limit) for limit in limits.poll_duration] if limits.poll_duration else None
    )
    data["notes"] = list(limits.notes)
    return data


def _from_json(data: dict[str, Any]) -> PlatformLimits:
    known = {field.name for field in fields(PlatformLimits)}
    values = {key: value for key, value in data.items() if key in known}
    if values.get("replies_window") is not None:
        values["replies_window"] = timedelta(seconds=values["replies_window"])
    if values.get("poll_duration"):
        shortest, longest = values["poll_duration"]
        values["poll_duration"] = (timedelta(seconds=shortest), timedelta(seconds=longest))
    values["notes"] = tuple(values.get("notes") or ())
    return PlatformLimits(**values)


def _seconds(span: timedelta | None) -> float | None:
    return None if span is None else span.total_seconds()
