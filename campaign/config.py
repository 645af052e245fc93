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
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from campaign.errors import UserError
from campaign.listening.settings import ListeningSettings
from campaign.redaction import register_secret_envs
from content import field_limits as limits
from content.outside_text import control_character
from sentiment.settings import SentimentSettings
from words import CATALOGUE, t

PLATFORMS = ("x", "mastodon", "bluesky")
CONFIG_ENV = "LEUCHTTURM_CONFIG"
DATABASE_ENV = "LEUCHTTURM_DATABASE_URL"
DEFAULT_CONFIG_NAME = "config.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        """NUL cannot be stored on PostgreSQL, and escapes would reach the terminal."""
        if isinstance(value, str) and (code := control_character(value)):
            raise ValueError(t("config.control_character", code=code))
        return value


class DatabaseSettings(_Section):
    url: str = "sqlite:///{data_dir}/leuchtturm.sqlite3"
    """SQLAlchemy URL. `{data_dir}` is the user data folder. Teams use
    `postgresql+psycopg://user@host/db` (the password comes from PGPASSWORD, not this file)."""


EnvName = Annotated[str, Field(pattern=r"^[A-Z_][A-Z0-9_]*$")]
OAUTH1_FIELDS = {
    "consumer_key": "consumer_key_env",
    "consumer_secret": "consumer_secret_env",
    "access_token": "access_token_env",
    "access_token_secret": "access_token_secret_env",
}
OAUTH2_FIELDS = {"client_id": "client_id_env", "client_secret": "client_secret_env"}
PUBLIC_CREDENTIALS = frozenset({"client_id"})
"""Credentials that are no secret: an OAuth 2.0 client id stands in the authorisation URL a
person opens, so it must not be redacted from it."""
X_ONLY_FIELDS = (
    "auth", "daily_reads", *OAUTH1_FIELDS.values(), *OAUTH2_FIELDS.values()
)
LISTENS_BY_DEFAULT = {"mastodon": True, "bluesky": True, "x": False}
"""X charges for every post read: listening there is switched on per account, on purpose."""


class AccountSettings(_Section):
    name: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=limits.ACCOUNT_NAME)]
    """Stable key that campaign plans use to target this account, e.g. "mastodon-todo"."""
    platform: str
    """One of x, mastodon, bluesky."""
    handle: Annotated[str, Field(min_length=1, max_length=limits.ACCOUNT_HANDLE)]
    """The account's handle on its platform, e.g. "todo_dortmund"."""
    server_url: Annotated[str, Field(max_length=limits.SERVER_URL)]
    """Base URL of the instance (Mastodon), the PDS (Bluesky) or the X API."""
    secret_env: EnvName | None = None
    """Name of the environment variable holding the token or app password (Mastodon,
    Bluesky; on X only with auth = "token")."""
    max_characters: int | None = None
    """Override of the instance's character limit (Mastodon instances differ)."""
    auth: Literal["oauth1", "oauth2", "token"] | None = None
    """X only: "oauth1" (the default) signs with OAuth 1.0a user-context keys, which do not
    expire; "oauth2" uses OAuth 2.0 with offline.access, tokens from `leuchtturm accounts
    login` kept in a private state file and refreshed; "token" takes a fixed OAuth 2.0
    access token from secret_env (X lets it live two hours: for the sandbox)."""
    consumer_key_env: EnvName | None = None
    """X, OAuth 1.0a: the variable holding the app's API key (consumer key)."""
    consumer_secret_env: EnvName | None = None
    """X, OAuth 1.0a: the variable holding the app's API key secret."""
    access_token_env: EnvName | None = None
    """X, OAuth 1.0a: the variable holding the account's access token."""
    access_token_secret_env: EnvName | None = None
    """X, OAuth 1.0a: the variable holding the account's access token secret."""
    client_id_env: EnvName | None = None
    """X, OAuth 2.0: the variable holding the app's client id."""
    client_secret_env: EnvName | None = None
    """X, OAuth 2.0: the variable holding the client secret (confidential apps only)."""
    redirect_uri: str = "https://127.0.0.1/callback"
    """X, OAuth 2.0: the callback URL registered for the app; `accounts login` asks for the
    address the browser was sent to."""
    listen: bool | None = None
    """Read mentions, quotes and the campaigns' hashtags and keywords with this account.
    Default: on for Mastodon and Bluesky, off for X (every post read is paid)."""
    daily_reads: int | None = Field(default=None, ge=1, le=1_000_000)
    """X only: at most this many posts read per day by listening (then it waits for the
    next day, saying so). Needed when `listen = true` on X."""
    full_text_search: bool | None = None
    """Mastodon only: the instance has full-text search (Elasticsearch), so keyword queries
    can be followed; without it only hashtags, mentions and quotes are."""

    def listens(self) -> bool:
        """Whether listening reads with this account."""
        return LISTENS_BY_DEFAULT[self.platform] if self.listen is None else self.listen

    @field_validator("platform")
    @classmethod
    def _known_platform(cls, value: str) -> str:
        if value not in PLATFORMS:
            raise ValueError(t("config.platform", value=value, known=", ".join(PLATFORMS)))
        return value

    @model_validator(mode="after")
    def _listening_settings_fit(self) -> AccountSettings:
        if self.full_text_search is not None and self.platform != "mastodon":
            raise ValueError(
                t("config.full_text_search", name=self.name, platform=self.platform)
            )
        if self.platform == "x" and self.listen and self.daily_reads is None:
            raise ValueError(t("config.daily_reads", name=self.name))
        return self

    @model_validator(mode="after")
    def _credentials_complete(self) -> AccountSettings:
        if self.platform != "x":
            stray = [key for key in X_ONLY_FIELDS if getattr(self, key) is not None]
            if stray:
                raise ValueError(t("config.x_only", keys=", ".join(stray)))
            if self.secret_env is None:
                raise ValueError(t("config.secret_env", platform=self.platform, name=self.name))
            return self
        if self.auth is None:
            self.auth = self._implied_x_auth()
        missing = [env for env in self._env_fields().values() if getattr(self, env) is None]
        if self.auth == "oauth2":
            missing = [env for env in missing if env != "client_secret_env"]
        if missing:
            raise ValueError(
                t("config.x_missing", name=self.name, auth=self.auth, missing=", ".join(missing))
            )
        return self

    def _implied_x_auth(self) -> str:
        """OAuth 1.0a unless the file says otherwise; a lone secret_env (older files) is a
        fixed OAuth 2.0 token, as it always was."""
        if any(getattr(self, env) is not None for env in OAUTH1_FIELDS.values()):
            return "oauth1"
        if self.client_id_env is not None:
            return "oauth2"
        if self.secret_env is not None:
            return "token"
        return "oauth1"

    def _env_fields(self) -> dict[str, str]:
        """Which credential each environment-variable key holds, for this account's auth."""
        if self.platform == "x" and self.auth == "oauth1":
            return OAUTH1_FIELDS
        if self.platform == "x" and self.auth == "oauth2":
            return OAUTH2_FIELDS
        return {"secret": "secret_env"}

    def secret_envs(self) -> dict[str, str]:
        """The environment variables this account reads, by the credential they hold."""
        fields = self._env_fields().items()
        return {role: env for role, key in fields if (env := getattr(self, key)) is not None}

    def credentials(self) -> dict[str, str]:
        """The credentials found in the environment (unset or empty ones left out)."""
        found = {role: os.environ.get(env) for role, env in self.secret_envs().items()}
        return {role: value for role, value in found.items() if value}

    def secret(self) -> str | None:
        """The token or app password (Mastodon, Bluesky, X with auth = "token"), or None."""
        return self.credentials().get("secret")

    def secret_values(self) -> list[str]:
        """Every secret value this account has in the environment, for redaction."""
        found = self.credentials().items()
        return [value for role, value in found if role not in PUBLIC_CREDENTIALS]

    def secret_env_names(self) -> list[str]:
        """The environment variables that hold this account's secrets, for redaction."""
        found = self.secret_envs().items()
        return [env for role, env in found if role not in PUBLIC_CREDENTIALS]


class DaemonSettings(_Section):
    poll_seconds: float = 2.0
    """How often the daemon collects, classifies and writes its heartbeat (at least every
    5 s, 2 s and 2 s)."""
    dispatch_seconds: float = Field(default=0.25, gt=0)
    """On SQLite, how often the idle daemon checks whether another program changed the
    database (a post queued or moved in the TUI or CLI); lanes sleep until the next due
    time otherwise. PostgreSQL tells the daemon at once."""
    grace_minutes: int = 30
    """Posts missed by less than this while the daemon was down still go out; older ones
    are flagged for review."""
    catch_up_spacing_seconds: float = Field(default=60, ge=0)
    """A backlog (posts due while no daemon ran and now over a minute late, or held by a
    rate limit) goes out in its order, one per account every this many seconds, never in a
    burst; nothing later overtakes it."""
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


class WallSettings(_Section):
    host: str = "127.0.0.1"
    """Address the wall listens on: loopback unless the studio's screen is another machine."""
    port: int = Field(default=8765, ge=1, le=65535)
    """Port of the wall (http://HOST:PORT/)."""
    moderation: Literal["pre", "post", "auto"] = "pre"
    """"pre": nothing shows until a person approves it. "post": an item shows after
    `delay_seconds` unless it is negative, unclassified, matches `hold_words` or a person
    hid it. "auto" (everything shows unless hidden) is for the demo only and refused here."""
    delay_seconds: float = Field(default=120, ge=0)
    """Post-moderation: how long a new item waits for a person before it may show."""
    hold_words: list[str] = []
    """Post-moderation: items containing any of these words wait for a person."""
    campaign: str | None = None
    """Slug of the campaign the wall shows; none: every campaign."""
    title: str = "to:do – Dortmunds neue Arbeit"
    """The initiative's name, at the top of the wall."""
    hashtag: str = "#ToDoDortmund"
    """The hashtag the wall invites people to use."""
    layout: Literal["auto", "landscape", "portrait"] = "auto"
    """"auto" follows the screen's orientation (1920×1080 or 1080×1920)."""
    language: Literal["de", "en"] | None = None
    """Language of the wall; none: the `language` setting."""
    items: int = Field(default=8, ge=1, le=50)
    """How many items the wall shows at once (pinned ones first)."""
    media_origins: list[str] = []
    """Servers in a private network the wall may fetch pictures from ("http://10.0.0.5:8080"),
    besides the accounts' own servers; every other private, loopback or link-local address is
    refused, so a hostile post cannot make the wall reach into the studio's network."""

    @field_validator("moderation")
    @classmethod
    def _auto_only_for_the_demo(cls, value: str, info: ValidationInfo) -> str:
        if value == "auto" and (info.context or {}).get("from_file"):
            raise ValueError(t("config.moderation_auto"))
        return value

    @field_validator("media_origins")
    @classmethod
    def _origins_are_web_servers(cls, value: list[str]) -> list[str]:
        for origin in value:
            if not re.fullmatch(r"https?://[^/\s?#]+/?", origin):
                raise ValueError(t("config.media_origin", origin=origin))
        return value


RETENTION_DAYS = (1, 3650)
"""At least a day (the nightly purge needs one), at most ten years."""


class PrivacySettings(_Section):
    retention_days: int = 180
    """Texts and authors of replies and collected posts are deleted this many days after
    they were written; reports keep their figures as anonymous counts."""
    purge_at: time = time(3, 30)
    """Local time (time_zone) of the daemon's nightly purge; it also runs when it starts."""

    @field_validator("retention_days", mode="before")
    @classmethod
    def _whole_days_in_range(cls, value: Any) -> int:
        low, high = RETENTION_DAYS
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(t("privacy.config.retention", value=value, low=low, high=high))
        return value


class MediaSettings(_Section):
    folders: list[str] = []
    """Folders images may come from besides each plan's own folder, e.g.
    "{data_dir}/bilder"; a file anywhere else is refused, whatever its name."""
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
    wall: WallSettings = WallSettings()
    media: MediaSettings = MediaSettings()
    privacy: PrivacySettings = PrivacySettings()
    data_folder: Path | None = None
    """Folder for account sessions, the pseudonym key and, by default, the database and
    reports (`{data_dir}`). Default: the user data folder (XDG_DATA_HOME/leuchtturm)."""
    user: str | None = None
    """Who acts when neither `--as` nor LEUCHTTURM_USER names a person (else the login)."""
    team: list[TeamMember] = []
    """The people who write and approve; with a team, unknown names are refused and a
    post needs approvers other than its author (four eyes)."""
    approval: ApprovalSettings = ApprovalSettings()
    listening: ListeningSettings = ListeningSettings()
    source: Path | None = None
    """The file these settings were read from (set by the loader)."""

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(t("config.time_zone", value=value)) from None
        return value

    @field_validator("accounts")
    @classmethod
    def _unique_names(cls, accounts: list[AccountSettings]) -> list[AccountSettings]:
        seen: set[str] = set()
        for account in accounts:
            if account.name in seen:
                raise ValueError(t("config.account_twice", name=account.name))
            seen.add(account.name)
        # Known from here on to the one redactor, whatever later prints or stores a value.
        register_secret_envs(
            env for account in accounts for env in account.secret_env_names()
        )
        return accounts

    @field_validator("team")
    @classmethod
    def _unique_people(cls, team: list[TeamMember]) -> list[TeamMember]:
        names = [member.name for member in team]
        if twice := sorted({name for name in names if names.count(name) > 1}):
            raise ValueError(t("config.team_twice", name=twice[0]))
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
        known = ", ".join(a.name for a in self.accounts) or "–"
        raise UserError(t("error.unknown_configured_account", name=name, known=known))

    def require_accounts(self) -> None:
        """Importing plans, verifying and sending all need accounts: say so in one line."""
        if not self.accounts:
            where = str(self.source) if self.source else t("accounts.no_config")
            raise UserError(t("accounts.none", where=where))

    def data_dir(self) -> Path:
        """`data_folder`, else the user data folder (database, sessions, reports by default)."""
        return self.data_folder or Path(platformdirs.user_data_dir("leuchtturm"))

    def expand(self, template: str) -> str:
        """Fill `{data_dir}` in a configured path or URL."""
        return template.replace("{data_dir}", str(self.data_dir()))

    def media_folders(self) -> list[Path]:
        """The configured media folders with placeholders filled."""
        return [Path(self.expand(folder)) for folder in self.media.folders]

    def database_url(self) -> str:
        """The configured database URL with placeholders filled.

        The environment's LEUCHTTURM_DATABASE_URL is applied when settings are *loaded* for a
        person (`load_settings`), never here: settings a program builds for itself (the
        demo, the tests) keep their own database whatever the shell says.
        """
        return self.expand(self.database.url)


def find_config(explicit: Path | None) -> Path | None:
    """`--config`, then LEUCHTTURM_CONFIG, then ./config.toml; None means built-in defaults."""
    if explicit is not None:
        return explicit
    if env := os.environ.get(CONFIG_ENV):
        return Path(env)
    local = Path(DEFAULT_CONFIG_NAME)
    return local if local.is_file() else None


def load_settings(path: Path | None) -> Settings:
    """The person's settings: the file (or the defaults), then LEUCHTTURM_DATABASE_URL.

    Every problem becomes one `UserError` line.
    """
    settings = Settings() if path is None else _read_file(path)
    if url := os.environ.get(DATABASE_ENV):
        settings = settings.model_copy(
            update={"database": settings.database.model_copy(update={"url": url})}
        )
    return settings


def _read_file(path: Path) -> Settings:
    try:
        with path.open("rb") as handle:
            raw_bytes = handle.read(limits.CONFIG_BYTES + 1)
    except OSError as exc:
        raise UserError(t("error.config_unreadable", path=path, why=exc.strerror)) from None
    if len(raw_bytes) > limits.CONFIG_BYTES:
        raise UserError(t("error.config_too_large", path=path, most=limits.CONFIG_BYTES))
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(t("error.config_not_utf8", path=path, byte=exc.start)) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(_decode_error_line(path, exc)) from None
    try:
        settings = Settings.model_validate(raw, context={"from_file": True})
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
        reason = _reason(error)
        line = _line_of(text, error["loc"])
        where = f"{path}:{line}" if line else str(path)
        lines.append(f"{where}: {location}: {reason}")
    return "\n".join(lines)


def _reason(error: Any) -> str:
    """One validation error in the reader's language: our own validators' messages are
    already worded; pydantic's are worded by their type (`config.type.<type>` in the
    catalogue, filled from the error's context), or keep pydantic's words for a type the
    catalogue does not know."""
    kind = error["type"]
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if f"config.type.{kind}" in CATALOGUE:
        context = {name: str(value) for name, value in (error.get("ctx") or {}).items()}
        if "expected" in context:  # pydantic joins the choices with an English "or"
            context["expected"] = context["expected"].replace(" or ", f" {t('config.or')} ")
        return t(f"config.type.{kind}", **context)
    return str(error["msg"])


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
