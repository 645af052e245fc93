"""Polls ("Befragungen"): what a plan asks, and what each platform lets it ask.

Mastodon takes its rules from the instance (`configuration.polls`, cached per account by
the campaign layer); X's are fixed (2–4 options of 1–25 characters, 5 minutes to 7 days,
one choice only); Bluesky has no polls, so a post there carries a survey link instead.
Every broken rule names the platform, the option and by how much, in German and English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from content.check import Violation
from content.platforms import DISPLAY_NAMES, Platform

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


def _span(span: timedelta, lang: str) -> str:
    """A duration in the largest whole unit that fits (minutes, hours, days)."""
    minutes = round(span.total_seconds() / 60)
    units = (
        (1440, "Tag", "Tage", "day", "days"),
        (60, "Stunde", "Stunden", "hour", "hours"),
        (1, "Minute", "Minuten", "minute", "minutes"),
    )
    for size, de_one, de_many, en_one, en_many in units:
        if minutes % size == 0 and minutes >= size:
            count = minutes // size
            if lang == "en":
                return f"{count} {en_one if count == 1 else en_many}"
            return f"{count} {de_one if count == 1 else de_many}"
    seconds = round(span.total_seconds())
    return f"{seconds} seconds" if lang == "en" else f"{seconds} Sekunden"


def check_poll(
    platform: Platform, poll: PollSpec, rules: PollRules | None, *, images: int = 0
) -> list[Violation]:
    """Every rule the poll breaks on the platform; `rules` None means it has no polls.

    `images` is how many images the same post carries: X and Mastodon (before 4.6) refuse
    a post with both, so the plan is refused rather than the delivery.
    """
    name = DISPLAY_NAMES[platform]
    if rules is None:
        return [
            Violation(
                "poll_unsupported",
                f"{name} kennt keine Umfragen; survey_url mit dem Link zur Befragung angeben.",
                f"{name} has no polls; give survey_url with the link to the survey.",
                0,
            )
        ]
    found: list[Violation] = []
    count = len(poll.options)
    if count < MIN_OPTIONS:
        found.append(
            Violation(
                "poll_options",
                f"{name}: {count} Antwort(en), mindestens {MIN_OPTIONS} nötig, "
                f"{MIN_OPTIONS - count} zu wenig.",
                f"{name}: {count} option(s), at least {MIN_OPTIONS} needed, "
                f"{MIN_OPTIONS - count} short.",
                MIN_OPTIONS - count,
            )
        )
    if count > rules.max_options:
        over = count - rules.max_options
        found.append(
            Violation(
                "poll_options",
                f"{name}: {count} Antworten, höchstens {rules.max_options} erlaubt, "
                f"{over} zu viel.",
                f"{name}: {count} options, at most {rules.max_options} allowed, {over} over.",
                over,
            )
        )
    for index, option in enumerate(poll.options, 1):
        length = len(option)
        if not option.strip():
            found.append(
                Violation(
                    "poll_option_empty",
                    f"{name}: Antwort {index} ist leer.",
                    f"{name}: option {index} is empty.",
                    1,
                )
            )
        elif length > rules.max_option_characters:
            over = length - rules.max_option_characters
            found.append(
                Violation(
                    "poll_option_length",
                    f"{name}: Antwort {index} „{option}“ hat {length} Zeichen, höchstens "
                    f"{rules.max_option_characters} erlaubt, {over} zu viel.",
                    f"{name}: option {index} “{option}” has {length} characters, at most "
                    f"{rules.max_option_characters} allowed, {over} over.",
                    over,
                )
            )
    if len(set(poll.options)) < count:
        found.append(
            Violation(
                "poll_option_twice",
                f"{name}: zwei Antworten sind gleich; jede Antwort nur einmal angeben.",
                f"{name}: two options are the same; give each option once.",
                count - len(set(poll.options)),
            )
        )
    if poll.duration < rules.shortest:
        short = rules.shortest - poll.duration
        found.append(
            Violation(
                "poll_duration",
                f"{name}: Laufzeit {_span(poll.duration, 'de')}, mindestens "
                f"{_span(rules.shortest, 'de')}, {_span(short, 'de')} zu kurz.",
                f"{name}: runs {_span(poll.duration, 'en')}, at least "
                f"{_span(rules.shortest, 'en')}, {_span(short, 'en')} too short.",
                round(short.total_seconds()),
            )
        )
    if poll.duration > rules.longest:
        extra = poll.duration - rules.longest
        found.append(
            Violation(
                "poll_duration",
                f"{name}: Laufzeit {_span(poll.duration, 'de')}, höchstens "
                f"{_span(rules.longest, 'de')}, {_span(extra, 'de')} zu lang.",
                f"{name}: runs {_span(poll.duration, 'en')}, at most "
                f"{_span(rules.longest, 'en')}, {_span(extra, 'en')} too long.",
                round(extra.total_seconds()),
            )
        )
    if poll.multiple and not rules.multiple:
        found.append(
            Violation(
                "poll_multiple",
                f"{name}: Umfragen erlauben nur eine Antwort; multiple = false setzen.",
                f"{name}: polls allow one answer only; set multiple = false.",
                1,
            )
        )
    if images:
        found.append(
            Violation(
                "poll_with_media",
                f"{name}: ein Beitrag mit Umfrage kann keine Bilder tragen; {images} Bild(er) "
                "entfernen oder in einen eigenen Beitrag legen.",
                f"{name}: a post with a poll cannot carry images; remove {images} image(s) "
                "or put them in a post of their own.",
                images,
            )
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
    return Violation(
        "survey_url",
        f"'{url}' ist kein Link; mit https:// beginnen.",
        f"'{url}' is not a link; start it with https://.",
        0,
    )


def with_survey_link(text: str, survey_url: str) -> str:
    """The text as it goes where polls do not exist: the survey's link on its own line."""
    return f"{text.rstrip()}\n\n{survey_url}" if survey_url not in text else text
