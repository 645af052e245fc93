"""Read a campaign plan (TOML or YAML) and validate every post for every target account.

The import is all-or-nothing, so validation never stops at the first problem: it collects
every problem with its post key and field and raises them together in one PlanError.
"""

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from content import field_limits as limits
from content.check import MediaSpec, check_text
from content.local_time import LocalTimeError, to_utc
from content.media_file import ImageFile, MediaRefused, open_image, too_large
from content.normalise import normalise
from content.outside_text import control_character
from content.plan_model import (
    AccountTarget,
    CampaignInfo,
    CampaignPlan,
    PlanError,
    PlannedPost,
    PlanProblem,
)
from content.platforms import Platform
from content.polls import (
    PollSpec,
    needs_survey_link,
    poll_violations,
    survey_link_violation,
    with_survey_link,
)
from content.thread import ThreadSplitError, split_thread
from content.track import TrackProblem, parse_track
from words.coded import Coded

DEFAULT_TIMEZONE = "Europe/Berlin"
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
_POST_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_CAMPAIGN_FIELDS = {
    "slug", "name", "timezone", "description", "accounts", "approvals", "reapprove_on_reschedule",
    "track",
}
MAX_APPROVALS = 5
_POST_FIELDS = {
    "key", "at", "text", "variants", "media", "thread", "accounts", "approved", "spoiler_text",
    "poll", "survey_url",
}
_POLL_FIELDS = {"options", "hours", "multiple"}
DEFAULT_POLL_HOURS = 24
MAX_POLL_OPTIONS = 20
"""More than any platform allows; checked before anything counts them."""
_MEDIA_FIELDS = {"path", "alt"}
_TYPE_NAMES = {
    "str", "int", "float", "bool", "list", "dict", "datetime", "date", "time", "NoneType"
}


def _type_name(value: Any) -> Coded:
    """What a value is, in words a plan's author knows."""
    name = "dict" if isinstance(value, Mapping) else type(value).__name__
    if name in _TYPE_NAMES:
        return Coded(f"plan.type.{name}")
    return Coded("plan.type.other", {"name": name})


@dataclass
class _Findings:
    """Problems (which block the import) and warnings (which do not), in file order."""

    problems: list[PlanProblem] = field(default_factory=list)
    warnings: list[PlanProblem] = field(default_factory=list)

    def problem(self, post_key: str | None, where: str, key: str, /, **values: Any) -> None:
        """A problem worded by the catalogue's `key` with `values`."""
        self.found(post_key, where, Coded(key, values))

    def found(self, post_key: str | None, where: str, said: Coded) -> None:
        """A problem another module already coded (a broken rule, a refused image)."""
        self.problems.append(PlanProblem(post_key, where, said))

    def warning(self, problem: PlanProblem) -> None:
        if problem not in self.warnings:
            self.warnings.append(problem)


@dataclass(frozen=True)
class _Content:
    """What a post says, before it is checked per platform."""

    text: str
    variants: dict[Platform, str]
    media: tuple[MediaSpec, ...]
    thread: bool | list[str]
    spoiler_text: str = ""
    images: tuple[ImageFile, ...] = ()
    """The media files, checked to be images; their size is checked per target platform."""
    poll: PollSpec | None = None
    survey_url: str = ""


def _file_error(source: str, key: str, /, **values: Any) -> PlanError:
    """An error about the file as a whole, before any field can be named."""
    return PlanError(source, [PlanProblem(None, "", Coded(key, values))])


class _DuplicateKey(yaml.YAMLError):
    """A YAML mapping names a key twice; YAML would silently keep the last value."""

    def __init__(self, key: object, line: int) -> None:
        super().__init__(f"{key!r} twice")
        self.key, self.line = key, line


class _AliasRefused(yaml.YAMLError):
    """An anchor reference (`*name`): plans need none, and nested ones multiply."""

    def __init__(self, line: int) -> None:
        super().__init__("alias")
        self.line = line


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys and aliases instead of guessing."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark.line + 1)
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _bytes(path: Path) -> bytes:
    """The file's bytes; a file over the size limit is refused before it is read whole."""
    with path.open("rb") as handle:
        raw = handle.read(limits.PLAN_BYTES + 1)
    if len(raw) > limits.PLAN_BYTES:
        raise _file_error(path.name, "plan.file.too_large", limit=limits.PLAN_BYTES)
    return raw


def _read(path: Path) -> Mapping[str, Any]:
    source = path.name
    try:
        raw = _bytes(path)
    except OSError as error:
        raise _file_error(source, "plan.file.unreadable", reason=error.strerror) from None
    try:
        if path.suffix == ".toml":
            data = tomllib.loads(raw.decode("utf-8"))
        elif path.suffix in {".yaml", ".yml"}:
            data = yaml.load(raw, Loader=_StrictLoader)
        else:
            raise _file_error(source, "plan.file.format", suffix=path.suffix)
    except _DuplicateKey as error:
        raise _file_error(
            source, "plan.file.duplicate_key", line=error.line, key=error.key
        ) from None
    except _AliasRefused as error:
        raise _file_error(source, "plan.file.alias", line=error.line) from None
    except (tomllib.TOMLDecodeError, yaml.YAMLError, UnicodeDecodeError) as error:
        detail = " ".join(str(error).split())
        raise _file_error(
            source, "plan.file.invalid", kind=path.suffix[1:].upper(), detail=detail
        ) from None
    if not isinstance(data, Mapping):
        raise _file_error(source, "plan.file.not_table")
    return data


def load_plan(
    path: str | Path, accounts: Mapping[str, AccountTarget], media_folders: Sequence[Path] = ()
) -> CampaignPlan:
    """Read and validate the plan at `path` (.toml, .yaml or .yml).

    `accounts` maps each account name a plan may use to its platform and text limit.
    Media paths are resolved relative to the plan file and must lie under its folder or
    one of `media_folders`. Raises PlanError listing every problem; returns a plan the
    caller can write all-or-nothing.
    """
    plan_path = Path(path)
    return parse_plan(
        _read(plan_path), accounts=accounts, base_dir=plan_path.parent, source=plan_path.name,
        media_folders=media_folders,
    )


def _unknown_fields(
    findings: _Findings, raw: Mapping[str, Any], allowed: set[str], where: str, key: str | None
) -> None:
    for name in sorted(set(raw) - allowed):
        findings.problem(
            key, f"{where}.{name}" if where else name,
            "plan.unknown_field", allowed=", ".join(sorted(allowed)),
        )


def _string(
    findings: _Findings, raw: Mapping[str, Any], name: str, where: str, key: str | None,
    *, limit: int, default: str | None = None,
) -> str | None:
    value = raw.get(name, default)
    if isinstance(value, str):
        return value if _short_enough(findings, value, limit, where, key) else None
    if value is None:
        findings.problem(key, where, "plan.required")
    else:
        findings.problem(key, where, "plan.not_string", type=_type_name(value))
    return None


def _short_enough(
    findings: _Findings, value: str, limit: int, where: str, key: str | None
) -> bool:
    """Whether `value` fits `limit` characters; checked before anything counts or stores it."""
    if len(value) <= limit:
        return True
    over = len(value) - limit
    findings.problem(key, where, "plan.too_long", length=len(value), limit=limit, over=over)
    return False


def _control_characters(findings: _Findings, value: Any, where: str) -> None:
    """Report every field (and key) of the plan that holds a control character."""
    if isinstance(value, str):
        if code := control_character(value):
            findings.problem(None, where, "plan.control_character", code=code)
    elif isinstance(value, Mapping):
        for name, item in value.items():
            path = f"{where}.{name}" if where else str(name)
            _control_characters(findings, str(name), path)
            _control_characters(findings, item, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _control_characters(findings, item, f"{where}[{index}]")


def _account_names(
    findings: _Findings, value: Any, where: str, key: str | None,
    known: Mapping[str, AccountTarget],
) -> tuple[str, ...]:
    if value is not None and not isinstance(value, list):
        example = f'["{value}"]' if isinstance(value, str) else '["mastodon-todo"]'
        findings.problem(
            key, where, "plan.accounts.not_list", type=_type_name(value), example=example
        )
        return ()
    if not value or not all(isinstance(v, str) for v in value):
        findings.problem(key, where, "plan.accounts.empty")
        return ()
    for index, name in enumerate(value):
        if name not in known:
            shown = name if len(name) <= limits.ACCOUNT_NAME else name[: limits.ACCOUNT_NAME] + "…"
            findings.problem(
                key, f"{where}[{index}]", "plan.accounts.unknown",
                name=shown, known=", ".join(sorted(known)),
            )
    return tuple(name for name in value if name in known)


def _campaign(
    findings: _Findings, raw: Any, known: Mapping[str, AccountTarget]
) -> tuple[CampaignInfo | None, ZoneInfo | None]:
    if raw is None:
        findings.problem(None, "campaign", "plan.campaign.missing")
        return None, None
    if not isinstance(raw, Mapping):
        findings.problem(None, "campaign", "plan.campaign.not_table", type=_type_name(raw))
        return None, None
    _unknown_fields(findings, raw, _CAMPAIGN_FIELDS, "campaign", None)
    slug = _string(findings, raw, "slug", "campaign.slug", None, limit=limits.CAMPAIGN_SLUG)
    if slug is not None and not _SLUG.fullmatch(slug):
        findings.problem(None, "campaign.slug", "plan.campaign.slug", slug=slug)
    name = _string(findings, raw, "name", "campaign.name", None, limit=limits.CAMPAIGN_NAME)
    description = _string(
        findings, raw, "description", "campaign.description", None,
        limit=limits.SHORT_TEXT_CHARACTERS, default="",
    )
    zone_name = _string(
        findings, raw, "timezone", "campaign.timezone", None,
        limit=limits.TIME_ZONE, default=DEFAULT_TIMEZONE,
    )
    zone = None
    if zone_name is not None:
        try:
            zone = ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            findings.problem(None, "campaign.timezone", "plan.campaign.timezone", zone=zone_name)
    accounts = _account_names(findings, raw.get("accounts"), "campaign.accounts", None, known)
    approvals = raw.get("approvals")
    if approvals is not None and (
        type(approvals) is not int or not 1 <= approvals <= MAX_APPROVALS
    ):
        findings.problem(
            None, "campaign.approvals", "plan.campaign.approvals", most=MAX_APPROVALS
        )
        approvals = None
    reapprove = raw.get("reapprove_on_reschedule")
    if reapprove is not None and not isinstance(reapprove, bool):
        findings.problem(None, "campaign.reapprove_on_reschedule", "plan.boolean")
        reapprove = None
    track = _track(findings, raw.get("track", []))
    if slug is None or name is None or description is None or zone_name is None:
        return None, zone
    info = CampaignInfo(slug, name, zone_name, description, accounts, approvals, reapprove, track)
    return info, zone


def _track(findings: _Findings, raw: Any) -> tuple[str, ...]:
    """`track`: the hashtags and keyword queries the campaign follows, each checked."""
    if not isinstance(raw, list):
        findings.problem(None, "campaign.track", "plan.track.not_list")
        return ()
    entries = []
    for index, entry in enumerate(raw):
        try:
            entries.append(parse_track(entry).written)
        except TrackProblem as problem:
            findings.found(None, f"campaign.track[{index}]", problem.coded)
    return tuple(entries)


def _time(
    findings: _Findings, value: Any, where: str, key: str | None, zone: ZoneInfo | None
) -> datetime | None:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            findings.problem(key, where, "plan.time.bad", value=value)
            return None
    if value is None:
        findings.problem(key, where, "plan.time.missing")
        return None
    if not isinstance(value, datetime):
        findings.problem(key, where, "plan.time.not_time", type=_type_name(value))
        return None
    if zone is None:
        return None
    try:
        return to_utc(value, zone)
    except LocalTimeError as error:
        findings.found(key, where, error.coded)
        return None


def _variants(findings: _Findings, raw: Any, where: str, key: str | None) -> dict[Platform, str]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        findings.problem(key, where, "plan.variants.not_table")
        return {}
    _unknown_fields(findings, raw, {platform.value for platform in Platform}, where, key)
    variants: dict[Platform, str] = {}
    for platform in Platform:
        if platform.value in raw:
            text = _string(
                findings, raw, platform.value, f"{where}.{platform.value}", key,
                limit=limits.TEXT_CHARACTERS,
            )
            if text is not None:
                variants[platform] = normalise(text)
    return variants


def _media(
    findings: _Findings, raw: Any, where: str, key: str | None, base_dir: Path,
    folders: Sequence[Path],
) -> tuple[tuple[MediaSpec, ...], tuple[ImageFile, ...]]:
    if raw is None:
        return (), ()
    if not isinstance(raw, list) or not all(isinstance(item, Mapping) for item in raw):
        findings.problem(key, where, "plan.media.not_list")
        return (), ()
    media: list[MediaSpec] = []
    images: list[ImageFile] = []
    for index, item in enumerate(raw):
        item_where = f"{where}[{index}]"
        _unknown_fields(findings, item, _MEDIA_FIELDS, item_where, key)
        path_text = _string(
            findings, item, "path", f"{item_where}.path", key, limit=limits.MEDIA_PATH
        )
        alt = _string(
            findings, item, "alt", f"{item_where}.alt", key,
            limit=limits.SHORT_TEXT_CHARACTERS, default="",
        )
        if alt is not None and not alt.strip():
            findings.problem(key, f"{item_where}.alt", "plan.media.alt_missing")
        if path_text is None:
            continue
        try:
            image = open_image(path_text, base_dir, folders)
        except MediaRefused as refused:
            findings.found(key, f"{item_where}.path", refused.coded)
            continue
        images.append(image)
        media.append(MediaSpec(str(image.path), (alt or "").strip()))
    return tuple(media), tuple(images)


def _check_image_sizes(
    findings: _Findings, content: _Content, targets: Mapping[str, AccountTarget],
    where: str, key: str,
) -> None:
    """Each image against the upload limit of every platform the post goes to."""
    for platform in dict.fromkeys(target.platform for target in targets.values()):
        for image in content.images:
            if refused := too_large(image, platform):
                findings.found(key, where, refused.coded)


def _poll(findings: _Findings, raw: Any, where: str, key: str | None) -> PollSpec | None:
    """`poll = { options = [...], hours = 24, multiple = false }`, shape only; the
    platforms' rules are checked per target account."""
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        findings.problem(key, where, "plan.poll.not_table")
        return None
    _unknown_fields(findings, raw, _POLL_FIELDS, where, key)
    options = raw.get("options")
    valid = True
    if (
        not isinstance(options, list)
        or not all(isinstance(option, str) for option in options)
        or len(options) > MAX_POLL_OPTIONS
    ):
        findings.problem(key, f"{where}.options", "plan.poll.options", most=MAX_POLL_OPTIONS)
        valid = False
    else:
        valid = all(
            _short_enough(findings, option, limits.SHORT_TEXT_CHARACTERS,
                          f"{where}.options[{index}]", key)
            for index, option in enumerate(options)
        )
    hours = raw.get("hours", DEFAULT_POLL_HOURS)
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours < 10_000:
        findings.problem(key, f"{where}.hours", "plan.poll.hours")
        valid = False
    multiple = raw.get("multiple", False)
    if not isinstance(multiple, bool):
        findings.problem(key, f"{where}.multiple", "plan.boolean")
        valid = False
    if not valid:
        return None
    assert isinstance(options, list)
    return PollSpec(
        tuple(normalise(option).strip() for option in options),
        timedelta(hours=hours),
        multiple,
    )


def _survey_url(findings: _Findings, raw: Mapping[str, Any], where: str, key: str | None) -> str:
    if "survey_url" not in raw:
        return ""
    url = _string(findings, raw, "survey_url", where, key, limit=limits.MEDIA_PATH) or ""
    if url and (wrong := survey_link_violation(url)) is not None:
        findings.found(key, where, wrong.said)
        return ""
    return url


def _check_poll(
    findings: _Findings, content: _Content, target: AccountTarget, prefix: str, key: str
) -> None:
    """The poll against the target's rules; where polls do not exist, the survey link."""
    if content.poll is None:
        return
    survey = needs_survey_link(target.platform, target.poll_rules)
    where = f"{prefix}.survey_url" if survey else f"{prefix}.poll"
    for violation in poll_violations(
        target.platform, content.poll, target.poll_rules, survey_url=content.survey_url,
        images=len(content.media),
    ):
        findings.found(key, where, violation.said)


def _thread(findings: _Findings, raw: Any, where: str, key: str | None) -> bool | list[str]:
    if raw is None or isinstance(raw, bool):
        return bool(raw)
    if isinstance(raw, list) and all(isinstance(part, str) for part in raw):
        fitting = [
            _short_enough(findings, part, limits.TEXT_CHARACTERS, f"{where}[{index}]", key)
            for index, part in enumerate(raw)
        ]
        return [normalise(part) for part in raw] if all(fitting) else False
    findings.problem(key, where, "plan.thread.bad")
    return False


def _parts_for(
    findings: _Findings, target: AccountTarget, content: _Content, prefix: str, key: str
) -> list[tuple[str, str]]:
    """The (text, field) pairs of the post on the target: one, or one per thread part."""
    platform, limit, thread = target.platform, target.limit, content.thread
    text = content.variants.get(platform, content.text)
    if (
        content.poll is not None
        and content.survey_url
        and needs_survey_link(platform, target.poll_rules)
    ):
        text = with_survey_link(text, content.survey_url)
    text_where = (
        f"{prefix}.variants.{platform.value}" if platform in content.variants else f"{prefix}.text"
    )
    if isinstance(thread, list):
        return [(text, text_where)] + [
            (part, f"{prefix}.thread[{index}]") for index, part in enumerate(thread)
        ]
    if not thread:
        return [(text, text_where)]
    spoiler = content.spoiler_text if platform is Platform.MASTODON else ""
    try:
        parts = split_thread(platform, text, limit=limit, spoiler_text=spoiler)
        return [(part, text_where) for part in parts]
    except ThreadSplitError as error:
        findings.found(key, text_where, error.coded)
        return []


def _check_parts(
    findings: _Findings, target: AccountTarget, content: _Content,
    parts: list[tuple[str, str]], key: str, prefix: str,
) -> None:
    """Record every rule a part breaks; the media go with the first part."""
    for index, (part, where) in enumerate(parts):
        media = content.media if index == 0 else ()
        result = check_text(
            target.platform, part, limit=target.limit, media=media,
            spoiler_text=content.spoiler_text,
        )
        for violation in result.violations:
            # Missing alt text is reported once per image by _media, not once per platform.
            if violation.rule == "alt_text_missing":
                continue
            at_field = f"{prefix}.media" if violation.rule == "media_count" else where
            findings.found(key, at_field, violation.said)
        for advice in result.warnings:
            findings.warning(PlanProblem(key, where, advice.said))


def _validate_for_accounts(
    findings: _Findings, content: _Content, key: str, prefix: str,
    targets: Mapping[str, AccountTarget],
) -> dict[str, tuple[str, ...]]:
    """Check the post for every target and return the texts to send per account.

    Accounts on the same platform with the same limit are checked once, so a problem is
    reported once.
    """
    checked: dict[AccountTarget, tuple[str, ...]] = {}
    for target in dict.fromkeys(targets.values()):
        _check_poll(findings, content, target, prefix, key)
        parts = _parts_for(findings, target, content, prefix, key)
        _check_parts(findings, target, content, parts, key, prefix)
        checked[target] = tuple(part for part, _ in parts)
    return {account: checked[target] for account, target in targets.items()}


def _post(
    findings: _Findings, raw: Any, index: int, campaign: CampaignInfo | None,
    zone: ZoneInfo | None, known: Mapping[str, AccountTarget], base_dir: Path,
    seen_keys: set[str], media_folders: Sequence[Path],
) -> PlannedPost | None:
    prefix = f"posts[{index}]"
    if not isinstance(raw, Mapping):
        findings.problem(None, prefix, "plan.post.not_table")
        return None
    before = len(findings.problems)
    key = _string(findings, raw, "key", f"{prefix}.key", None, limit=limits.PLAN_POST_KEY)
    if key is not None and not _POST_KEY.fullmatch(key):
        findings.problem(key, f"{prefix}.key", "plan.post.key_chars")
    elif key is not None and key in seen_keys:
        findings.problem(key, f"{prefix}.key", "plan.post.key_twice")
    if key is not None:
        seen_keys.add(key)
    _unknown_fields(findings, raw, _POST_FIELDS, prefix, key)
    at = _time(findings, raw.get("at"), f"{prefix}.at", key, zone)
    text = _string(findings, raw, "text", f"{prefix}.text", key, limit=limits.TEXT_CHARACTERS)
    spoiler_text = _string(
        findings, raw, "spoiler_text", f"{prefix}.spoiler_text", key, default="",
        limit=limits.SHORT_TEXT_CHARACTERS,
    )
    approved = raw.get("approved", False)
    if not isinstance(approved, bool):
        findings.problem(key, f"{prefix}.approved", "plan.boolean")
    account_value = raw.get("accounts", list(campaign.accounts) if campaign else None)
    where = f"{prefix}.accounts" if "accounts" in raw else "campaign.accounts"
    accounts = _account_names(findings, account_value, where, key, known)
    media, images = _media(
        findings, raw.get("media"), f"{prefix}.media", key, base_dir, media_folders
    )
    content = _Content(
        text=normalise(text or ""),
        variants=_variants(findings, raw.get("variants"), f"{prefix}.variants", key),
        media=media,
        thread=_thread(findings, raw.get("thread"), f"{prefix}.thread", key),
        spoiler_text=normalise(spoiler_text or ""),
        images=images,
        poll=_poll(findings, raw.get("poll"), f"{prefix}.poll", key),
        survey_url=_survey_url(findings, raw, f"{prefix}.survey_url", key),
    )
    if key is None or text is None:
        return None
    targets = {name: AccountTarget(*known[name]) for name in accounts}
    _check_image_sizes(findings, content, targets, f"{prefix}.media", key)
    rendered = _validate_for_accounts(findings, content, key, prefix, targets)
    if len(findings.problems) > before or at is None:
        return None
    return PlannedPost(
        key=key, at=at, text=content.text, variants=content.variants, media=content.media,
        accounts=accounts, approved=approved, thread=bool(content.thread), rendered=rendered,
        spoiler_text=content.spoiler_text, poll=content.poll,
    )


def parse_plan(
    data: Mapping[str, Any], *, accounts: Mapping[str, AccountTarget], base_dir: Path,
    source: str, media_folders: Sequence[Path] = (),
) -> CampaignPlan:
    """Validate an already parsed plan; see load_plan."""
    findings = _Findings()
    _control_characters(findings, data, "")
    _unknown_fields(findings, data, {"campaign", "posts"}, "", None)
    campaign, zone = _campaign(findings, data.get("campaign"), accounts)
    raw_posts = data.get("posts")
    posts: list[PlannedPost] = []
    if raw_posts is not None and not isinstance(raw_posts, list):
        findings.problem(None, "posts", "plan.posts.not_list", type=_type_name(raw_posts))
    elif not raw_posts:
        findings.problem(None, "posts", "plan.posts.none")
    else:
        seen_keys: set[str] = set()
        for index, raw in enumerate(raw_posts):
            post = _post(
                findings, raw, index, campaign, zone, accounts, base_dir, seen_keys,
                media_folders,
            )
            if post is not None:
                posts.append(post)
    if findings.problems or campaign is None:
        raise PlanError(source, findings.problems)
    return CampaignPlan(source, campaign, tuple(posts), tuple(findings.warnings))
