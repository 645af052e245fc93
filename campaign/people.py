"""Who acts: the person behind every write, and what their role lets them do.

The name comes from `--as NAME`, else LEUCHTTURM_USER, else `user` in config.toml, else
the login name; the daemon acts as "daemon". With a `[[team]]` in config.toml only its
members may act (an unknown name is refused, so nobody is recorded under a typo) and
their role decides who approves. Without a team one person runs everything: everyone is
an admin and four eyes cannot apply.
"""

from __future__ import annotations

import enum
import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass

from campaign.config import Settings
from campaign.errors import UserError
from words import t

USER_ENV = "LEUCHTTURM_USER"
DAEMON = "daemon"


class Role(enum.StrEnum):
    EDITOR = "editor"
    APPROVER = "approver"
    ADMIN = "admin"


APPROVING_ROLES = (Role.APPROVER, Role.ADMIN)


@dataclass(frozen=True)
class Person:
    """A named person acting on Leuchtturm (or the daemon)."""

    name: str
    display_name: str
    role: Role
    solo: bool = False
    """No team is configured: nobody else could approve, so own posts may be approved."""

    @property
    def may_approve(self) -> bool:
        return self.role in APPROVING_ROLES


DAEMON_PERSON = Person(DAEMON, DAEMON, Role.EDITOR)


def resolve(
    settings: Settings, as_name: str | None = None, environ: Mapping[str, str] | None = None
) -> Person:
    """The person acting now, by the order above; UserError for a name not in the team."""
    env = os.environ if environ is None else environ
    name = (as_name or env.get(USER_ENV) or settings.user or _login()).strip()
    if not settings.team:
        return Person(name, name, Role.ADMIN, solo=True)
    for member in settings.team:
        if member.name == name:
            return Person(name, member.display_name or name, Role(member.role))
    known = ", ".join(member.name for member in settings.team)
    raise UserError(t("person.unknown", name=name, known=known))


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry and no LOGNAME (a bare container)
        return "unknown"


def shown(name: str | None, settings: Settings) -> str:
    """A recorded name as people read it: the display name, or "unbekannt" for none
    (events and approvals written before people were recorded)."""
    if not name:
        return t("person.nobody")
    for member in settings.team:
        if member.name == name:
            return member.display_name or name
    return name
