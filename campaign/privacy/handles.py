"""A person as the platforms name them: which stored author handles are theirs.

Handles are compared as the platforms do: without the leading @ and in any letter case (X,
Bluesky and Mastodon all treat them case-insensitively). Mastodon names a local account
by its bare username and a remote one as user@server, so on an instance we use, `anna`
and `anna@our.instance` are one person; `anna@elsewhere` is another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlparse

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from campaign.config import PLATFORMS
from campaign.errors import UserError
from campaign.models import Account
from words import t

MASTODON = "mastodon"


def normalised(handle: str) -> str:
    """`@Anna@Social.Example ` → `anna@social.example`."""
    return handle.strip().removeprefix("@").lower()


@dataclass(frozen=True)
class Person:
    """The data subject of a request: a platform and every form their handle takes."""

    platform: str
    handle: str
    forms: frozenset[str]

    def is_author(self, column: ColumnElement[str]) -> ColumnElement[bool]:
        """SQL: `column` holds one of this person's handles."""
        return func.lower(func.ltrim(column, "@")).in_(sorted(self.forms))

    def mention(self) -> re.Pattern[str]:
        """An @mention of this person in someone else's text (not a longer handle)."""
        forms = "|".join(re.escape(form) for form in sorted(self.forms, key=len, reverse=True))
        return re.compile(rf"(?<![\w@])@(?:{forms})(?![\w-]|[.@][\w-])", re.IGNORECASE)


def person(session: Session, handle: str, platform: str) -> Person:
    """The person `handle` names on `platform`; a bad value is one line saying why."""
    if platform not in PLATFORMS:
        raise UserError(t("privacy.platform", value=platform, known=", ".join(PLATFORMS)))
    handle_given = normalised(handle)
    if not handle_given or any(char.isspace() for char in handle_given):
        raise UserError(t("privacy.handle", value=handle))
    forms = {handle_given}
    if platform == MASTODON:
        forms |= _mastodon_forms(handle_given, _home_hosts(session))
    return Person(platform, handle_given, frozenset(forms))


def _home_hosts(session: Session) -> set[str]:
    """The instances our Mastodon accounts live on: there a bare username is local."""
    urls = session.scalars(select(Account.server_url).where(Account.platform == MASTODON))
    return {host.lower() for url in urls if (host := urlparse(url).hostname)}


def _mastodon_forms(handle: str, hosts: Iterable[str]) -> set[str]:
    user, _, host = handle.partition("@")
    if not host:
        return {f"{user}@{home}" for home in hosts}
    return {user} if host in hosts else set()
