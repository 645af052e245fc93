"""What a campaign plan becomes once it has been read and validated.

Everything is frozen and already checked: the caller (the campaign layer) only has to write
it to the database, in one transaction.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from content.check import MediaSpec
from content.platforms import Platform
from content.polls import PollRules, PollSpec
from words.coded import Coded


class AccountTarget(NamedTuple):
    """Where an account name in a plan posts to; the config (campaign layer) knows this.

    `poll_rules` is what the account's instance said about polls (Mastodon); None means
    the platform's defaults (`content.polls.DEFAULT_RULES`).
    """

    platform: Platform
    limit: int | None = None
    poll_rules: PollRules | None = None


@dataclass(frozen=True)
class PlanProblem:
    """One thing wrong with a plan: which post (by key), which field, and what to do."""

    post_key: str | None
    field: str
    said: Coded

    def text(self, lang: str | None = None) -> str:
        """The message alone, in `lang` (default: the output language)."""
        return self.said.text(lang)

    def describe(self, source: str, lang: str | None = None) -> str:
        """One line: file, field, post key, message (in `lang`, default the output language)."""
        text = self.text(lang)
        where = f"{self.field} [{self.post_key}]" if self.post_key else self.field
        return f"{source}: {where}: {text}" if where else f"{source}: {text}"


class PlanError(ValueError):
    """A plan that must not be imported; lists every problem, not only the first."""

    def __init__(self, source: str, problems: list[PlanProblem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(self.describe())

    def describe(self, lang: str | None = None) -> str:
        """Every problem, one per line, each starting with the file name."""
        return "\n".join(problem.describe(self.source, lang) for problem in self.problems)


@dataclass(frozen=True)
class CampaignInfo:
    """The campaign a plan belongs to; `slug` is its stable identity across re-imports."""

    slug: str
    name: str
    timezone: str
    description: str
    accounts: tuple[str, ...]
    approvals: int | None = None
    """Distinct approvers each post needs besides its author; None: the configured default."""
    reapprove_on_reschedule: bool | None = None
    """Whether a new time clears approvals; None: the configured default."""
    track: tuple[str, ...] = ()
    """Hashtags and keyword queries the campaign follows, as written (checked by
    `content.track`); config.toml may add more."""


@dataclass(frozen=True)
class PlannedPost:
    """One post of a plan, validated for every account it targets.

    `variants` holds the author's per-platform overrides of `text`; `rendered` holds, per
    target account, the exact texts to send (more than one for a thread), media going with
    the first of them. `spoiler_text` is the content warning Mastodon shows before every
    part; it counts toward Mastodon's limit, and the other platforms have none.
    """

    key: str
    at: datetime
    text: str
    variants: Mapping[Platform, str]
    media: tuple[MediaSpec, ...]
    accounts: tuple[str, ...]
    approved: bool
    thread: bool
    rendered: Mapping[str, tuple[str, ...]]
    spoiler_text: str = ""
    poll: PollSpec | None = None
    """Goes with the first part; platforms without polls got `survey_url` in their text."""


@dataclass(frozen=True)
class CampaignPlan:
    """A whole plan, ready to be written all-or-nothing; warnings do not block the import."""

    source: str
    campaign: CampaignInfo
    posts: tuple[PlannedPost, ...]
    warnings: tuple[PlanProblem, ...] = field(default=())
