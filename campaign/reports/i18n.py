"""The weekly report's number/date formats and its words (from the one catalogue, area
words/report.py): German by default, English with `language = "en"` in the config,
LEUCHTTURM_LANG=en or `leuchtturm report weekly --lang en`.

Only what people read changes with the language: headings,
column headers (a spreadsheet user reads them too), labels, sentences, dates and decimals.
File names (`bericht.md`, `engagement.csv`, …) stay the same in both languages, because
scripts and the TUI's report list find reports by them. CSV numbers are plain in both
languages (a dot for decimals), so a re-read file equals the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from campaign.state_words import delivery_state
from words import LANGUAGES, t

MOMENT_FORMATS = {"de": "%d.%m.%Y %H:%M", "en": "%Y-%m-%d %H:%M"}
DAY_FORMATS = {"de": "%d.%m.%Y", "en": "%Y-%m-%d"}
GERMAN_SEPARATORS = str.maketrans({",": ".", ".": ","})
NO_VALUE = "–"


@dataclass(frozen=True)
class Words:
    """The report's texts and formats in one language (`de` or `en`)."""

    lang: str

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"report language {self.lang!r}: use one of {', '.join(LANGUAGES)}")

    def __call__(self, key: str, **values: object) -> str:
        return t(key, lang=self.lang, **values)

    def moment(self, value: datetime) -> str:
        """A local time as people of the language write it."""
        return value.strftime(MOMENT_FORMATS[self.lang])

    def day(self, value: date) -> str:
        return value.strftime(DAY_FORMATS[self.lang])

    def number(self, value: float) -> str:
        """Up to two decimals, trailing zeros dropped, thousands grouped, a real minus sign,
        with the language's separators (12.345,5 in German, 12,345.5 in English)."""
        rounded = round(value, 2) + 0.0  # adding 0.0 turns -0.0 into 0.0: never "−0"
        text = f"{rounded:,.2f}".rstrip("0").rstrip(".")
        if self.lang == "de":
            text = text.translate(GERMAN_SEPARATORS)
        return text.replace("-", "\N{MINUS SIGN}")

    def count(self, value: int) -> str:
        """A whole number, thousands grouped as the language writes them."""
        return self.number(float(value))

    def label(self, label: str | None) -> str:
        """A sentiment label (None: not classified)."""
        return NO_VALUE if label is None else self(f"label.{label}")

    def state(self, state: str) -> str:
        """A delivery state in words, as the TUI and the CLI word it."""
        return delivery_state(state, self.lang)

    @property
    def weekdays(self) -> list[str]:
        return self("weekdays").split()
