"""Loading and validating `config.toml`.

The file holds everything but secrets: an account names the *environment variable* that
holds its token, so the file can be committed and shared. A bad file is reported as one
line naming the file, the line (where known), the key and the reason, never a traceback.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import time
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from campaign.errors import UserError
from sentiment.settings import SentimentSettings

PLATFORMS = ("x", "mastodon", "bluesky")
CONFIG_ENV = "LEUCHTTURM_CONFIG"
DEFAULT_CONFIG_NAME = "config.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class DatabaseSettings(_Section):
    url: str = "sqlite:///{data_dir}/leuchtturm.sqlite3"
    """SQLAlchemy URL. `{data_dir}` is the user data folder. Teams use
    `postgresql+psycopg://user@host/db` (the password comes from PGPASSWORD, not this file)."""


class AccountSettings(_Section):
    name: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
    """Stable key that campaign plans use to target this account, e.g. "mastodon-todo"."""
    platform: str
    """One of x, mastodon, bluesky."""
    handle: str
    """The account's handle on its platform, e.g. "todo_dortmund"."""
    server_url: str
    """Base URL of the instance (Mastodon), the PDS (Bluesky) or the X API."""
    secret_env: Annotated[str, Field(pattern=r"^[A-Z_][A-Z0-9_]*$")]
    """Name of the environment variable holding the token or app password."""
    max_characters: int | None = None
    """Override of the instance's character limit (Mastodon instances differ)."""

    @field_validator("platform")
    @classmethod
    def _known_platform(cls, value: str) -> str:
        if value not in PLATFORMS:
            raise ValueError(f"{value!r} is not one of {', '.join(PLATFORMS)}")
        return value

    def secret(self) -> str | None:
        """The secret from the environment, or None when the variable is unset or empty."""
        return os.environ.get(self.secret_env) or None


class DaemonSettings(_Section):
    poll_seconds: float = 2.0
    """How often the daemon collects, classifies and writes its heartbeat (at least every
    5 s, 2 s and 2 s)."""
    dispatch_seconds: float = Field(default=0.25, gt=0)
    """How often each account's dispatch lane looks for due posts: the bound on lateness,
    and how soon a post queued or changed in the TUI or CLI is seen."""
    grace_minutes: int = 30
    """Posts missed by less than this while the daemon was down still go out; older ones
    are flagged for review."""
    catch_up_spacing_seconds: float = Field(default=60, ge=0)
    """Posts overdue by more than a minute (after downtime or a rate limit) go out in order,
    one per account every this many seconds, never in a burst."""
    max_attempts: int = 5
    """Transient failures retried this many times (exponential backoff) before *failed*."""
    backoff_base_seconds: float = 5.0
    """First retry delay; doubled each attempt, with jitter."""
    collect_fresh_minutes: int = 5
    """Reply/metric collection interval for posts younger than a day."""
    collect_old_minutes: int = 60
    """Collection interval for older posts (up to 30 days)."""
    spike_z: float = 3.0
    """Negative-share z-score above a campaign's baseline that raises an alert."""
    spike_min_replies: int = 10
    """No spike alert on fewer replies in the last hour than this."""


class ReportSettings(_Section):
    weekday: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "mon"
    """Day the daemon writes the previous week's summary."""
    at: time = time(7, 0)
    """Local time (campaign time zone) the summary is written."""
    folder: str = "{data_dir}/reports"
    """Where the daemon writes reports."""
    formats: list[Literal["md", "html", "csv"]] = ["md", "html", "csv"]
    """Which formats to write."""
    pseudonymise: bool = True
    """Replace reply authors' handles by stable pseudonyms in reports."""


class TeamMember(_Section):
    name: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")]
    """The short name people act as (`--as`, LEUCHTTURM_USER, `user`), e.g. "anna"."""
    display_name: str = ""
    """How the name is shown in the queue and the audit trail, e.g. "Anna Schmidt"."""
    role: Literal["editor", "approver", "admin"] = "editor"
    """editor writes posts; approver also approves them; admin does everything."""


class ApprovalSettings(_Section):
    approvals: int = Field(default=1, ge=1, le=5)
    """Distinct approvers a post needs, none of them its author or last editor, unless a
    campaign plan sets its own `approvals`. Without a [[team]] one person runs everything
    and may approve their own posts."""
    reapprove_on_reschedule: bool = False
    """A new time clears a post's approvals too (a plan may set its own)."""


class Settings(_Section):
    time_zone: str = "Europe/Berlin"
    """Campaign time zone for display and plan times (storage is always UTC)."""
    language: Literal["de", "en"] = "de"
    """Language of the CLI and TUI; LEUCHTTURM_LANG overrides it."""
    database: DatabaseSettings = DatabaseSettings()
    accounts: list[AccountSettings] = []
    sentiment: SentimentSettings = SentimentSettings()
    daemon: DaemonSettings = DaemonSettings()
    reports: ReportSettings = ReportSettings()
    user: str | None = None
    """Who acts when neither `--as` nor LEUCHTTURM_USER names a person (else the login)."""
    team: list[TeamMember] = []
    """The people who write and approve; with a team, unknown names are refused and a
    post needs approvers other than its author (four eyes)."""
    approval: ApprovalSettings = ApprovalSettings()
    source: Path | None = None
    """The file these settings were read from (set by the loader)."""

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone such as Europe/Berlin") from None
        return value

    @field_validator("accounts")
    @classmethod
    def _unique_names(cls, accounts: list[AccountSettings]) -> list[AccountSettings]:
        seen: set[str] = set()
        for account in accounts:
            if account.name in seen:
                raise ValueError(f"account name {account.name!r} is used twice")
            seen.add(account.name)
        return accounts

    @field_validator("team")
    @classmethod
    def _unique_people(cls, team: list[TeamMember]) -> list[TeamMember]:
        names = [member.name for member in team]
        if twice := sorted({name for name in names if names.count(name) > 1}):
            raise ValueError(f"team name {twice[0]!r} is used twice")
        return team

    @property
    def zone(self) -> ZoneInfo:
        """The campaign time zone."""
        return ZoneInfo(self.time_zone)

    def account(self, name: str) -> AccountSettings:
        """The account configured under `name`."""
        for account in self.accounts:
            if account.name == name:
                return account
        known = ", ".join(a.name for a in self.accounts) or "none"
        raise UserError(f"unknown account {name!r} (configured: {known})")

    def data_dir(self) -> Path:
        """The user data folder (database, sessions, reports by default)."""
        return Path(platformdirs.user_data_dir("leuchtturm"))

    def expand(self, template: str) -> str:
        """Fill `{data_dir}` in a configured path or URL."""
        return template.replace("{data_dir}", str(self.data_dir()))

    def database_url(self) -> str:
        """The database URL with placeholders filled (LEUCHTTURM_DATABASE_URL wins)."""
        return os.environ.get("LEUCHTTURM_DATABASE_URL") or self.expand(self.database.url)


def find_config(explicit: Path | None) -> Path | None:
    """`--config`, then LEUCHTTURM_CONFIG, then ./config.toml; None means built-in defaults."""
    if explicit is not None:
        return explicit
    if env := os.environ.get(CONFIG_ENV):
        return Path(env)
    local = Path(DEFAULT_CONFIG_NAME)
    return local if local.is_file() else None


def load_settings(path: Path | None) -> Settings:
    """Read and validate the configuration; every problem becomes one `UserError` line."""
    if path is None:
        return Settings()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{path}: cannot read the configuration: {exc.strerror}") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(_decode_error_line(path, exc)) from None
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        raise UserError(_validation_lines(path, text, raw, exc)) from None
    return settings.model_copy(update={"source": path})


def _decode_error_line(path: Path, exc: tomllib.TOMLDecodeError) -> str:
    message = str(exc)
    match = re.search(r"\(at line (\d+), column \d+\)", message)
    if match:
        reason = message[: match.start()].strip()
        return f"{path}:{match.group(1)}: {reason}"
    return f"{path}: {message}"


def _validation_lines(path: Path, text: str, raw: dict[str, Any], exc: ValidationError) -> str:
    lines = []
    for error in exc.errors():
        location = _dotted(error["loc"])
        reason = str(error["msg"]).removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            reason = "unknown key (a typo?)"
        line = _line_of(text, error["loc"])
        where = f"{path}:{line}" if line else str(path)
        lines.append(f"{where}: {location}: {reason}")
    return "\n".join(lines)


def _dotted(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts[-1] = f"{parts[-1]}[{item}]"
        else:
            parts.append(str(item))
    return ".".join(parts)


def _line_of(text: str, loc: tuple[int | str, ...]) -> int | None:
    """Best effort: the line of the offending key, counting array-of-table headers."""
    key = next((str(item) for item in reversed(loc) if isinstance(item, str)), None)
    if key is None:
        return None
    index = next((item for item in loc if isinstance(item, int)), None)
    table = str(loc[0]) if index is not None else None
    seen_tables = -1
    in_target = index is None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if table and stripped == f"[[{table}]]":
            seen_tables += 1
            in_target = seen_tables == index
            continue
        if in_target and re.match(rf"{re.escape(key)}\s*=", stripped):
            return number
    return None
