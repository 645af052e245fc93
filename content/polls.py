"""Polls ("Befragungen"): what a plan asks, and what each platform lets it ask.

Mastodon takes its rules from the instance (`configuration.polls`, cached per account by
the campaign layer); X's are fixed (2–4 options of 1–25 characters, 5 minutes to 7 days,
one choice only); Bluesky has no polls, so a post there carries a survey link instead.
Every broken rule names the platform, the option and by how much, as a code the reader's
surface words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from content.check import Violation
from content.platforms import DISPLAY_NAMES, Platform
from words.coded import Coded

MIN_OPTIONS = 2


@dataclass(frozen=True)
class PollSpec:
    """A poll as the author planned it: the options, how long it runs, several answers or one."""

    options: tuple[str, ...]
    duration: timedelta
    multiple: bool = False

    def to_json(self) -> dict[str, object]:
        """The shape stored on the post row."""
        return {
            "options": list(self.options),
            "seconds": int(self.duration.total_seconds()),
            "multiple": self.multiple,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> PollSpec:
        """Back from the post row."""
        options = data["options"]
        seconds = data["seconds"]
        assert isinstance(options, list) and isinstance(seconds, int | float)
        multiple = bool(data["multiple"])
        return cls(tuple(str(o) for o in options), timedelta(seconds=seconds), multiple)


@dataclass(frozen=True)
class PollRules:
    """What one account's platform allows a poll to be."""

    max_options: int
    max_option_characters: int
    shortest: timedelta
    longest: timedelta
    multiple: bool = True


X_RULES = PollRules(4, 25, timedelta(minutes=5), timedelta(days=7), multiple=False)
MASTODON_DEFAULT_RULES = PollRules(4, 50, timedelta(minutes=5), timedelta(days=30))
"""Mastodon's defaults, for an instance not yet asked (the TUI before the daemon ran)."""
DEFAULT_RULES: dict[Platform, PollRules | None] = {
    Platform.X: X_RULES,
    Platform.MASTODON: MASTODON_DEFAULT_RULES,
    Platform.BLUESKY: None,
}


def _span(span: timedelta) -> Coded:
    """A duration in the largest whole unit that fits (minutes, hours, days)."""
    minutes = round(span.total_seconds() / 60)
    for size, key in ((1440, "span.days"), (60, "span.hours"), (1, "span.minutes")):
        if minutes % size == 0 and minutes >= size:
            return Coded(key, {"count": minutes // size})
    return Coded("span.seconds", {"count": round(span.total_seconds())})


def _broken(rule: str, over: int, key: str, /, **values: object) -> Violation:
    return Violation(rule, Coded(key, values), over)


def check_poll(
    platform: Platform, poll: PollSpec, rules: PollRules | None, *, images: int = 0
) -> list[Violation]:
    """Every rule the poll breaks on the platform; `rules` None means it has no polls.

    `images` is how many images the same post carries: X and Mastodon (before 4.6) refuse
    a post with both, so the plan is refused rather than the delivery.
    """
    name = DISPLAY_NAMES[platform]
    if rules is None:
        return [_broken("poll_unsupported", 0, "poll.rule.unsupported", name=name)]
    found: list[Violation] = []
    count = len(poll.options)
    if count < MIN_OPTIONS:
        short = MIN_OPTIONS - count
        found.append(
            _broken(
                "poll_options", short, "poll.rule.too_few",
                name=name, count=count, least=MIN_OPTIONS, short=short,
            )
        )
    if count > rules.max_options:
        over = count - rules.max_options
        found.append(
            _broken(
                "poll_options", over, "poll.rule.too_many",
                name=name, count=count, most=rules.max_options, over=over,
            )
        )
    for index, option in enumerate(poll.options, 1):
        length = len(option)
        if not option.strip():
            found.append(_broken("poll_option_empty", 1, "poll.rule.empty", name=name, index=index))
        elif length > rules.max_option_characters:
            over = length - rules.max_option_characters
            found.append(
                _broken(
                    "poll_option_length", over, "poll.rule.option_long",
                    name=name, index=index, option=option, length=length,
                    most=rules.max_option_characters, over=over,
                )
            )
    if len(set(poll.options)) < count:
        twice = count - len(set(poll.options))
        found.append(_broken("poll_option_twice", twice, "poll.rule.twice", name=name))
    if poll.duration < rules.shortest:
        short = rules.shortest - poll.duration
        found.append(
            _broken(
                "poll_duration", round(short.total_seconds()), "poll.rule.too_short",
                name=name, runs=_span(poll.duration), least=_span(rules.shortest),
                short=_span(short),
            )
        )
    if poll.duration > rules.longest:
        extra = poll.duration - rules.longest
        found.append(
            _broken(
                "poll_duration", round(extra.total_seconds()), "poll.rule.too_long",
                name=name, runs=_span(poll.duration), most=_span(rules.longest),
                extra=_span(extra),
            )
        )
    if poll.multiple and not rules.multiple:
        found.append(_broken("poll_multiple", 1, "poll.rule.one_answer", name=name))
    if images:
        found.append(
            _broken("poll_with_media", images, "poll.rule.with_media", name=name, count=images)
        )
    return found


def needs_survey_link(platform: Platform, stated: PollRules | None) -> bool:
    """Whether a poll goes to the platform as a survey link, having no polls of its own."""
    return (stated or DEFAULT_RULES[platform]) is None


def poll_violations(
    platform: Platform,
    poll: PollSpec,
    stated: PollRules | None,
    *,
    survey_url: str = "",
    images: int = 0,
) -> list[Violation]:
    """The poll against the rules an instance stated (else the platform's defaults);
    where polls do not exist, a survey link is what the post needs instead."""
    if needs_survey_link(platform, stated) and survey_url:
        return []
    return check_poll(platform, poll, stated or DEFAULT_RULES[platform], images=images)


def survey_link_violation(url: str) -> Violation | None:
    """A survey link must be a web address, or nobody could follow it."""
    if re.fullmatch(r"https?://[^\s]+", url):
        return None
    return _broken("survey_url", 0, "poll.rule.survey_url", url=url)


def with_survey_link(text: str, survey_url: str) -> str:
    """The text as it goes where polls do not exist: the survey's link on its own line."""
    return f"{text.rstrip()}\n\n{survey_url}" if survey_url not in text else text
