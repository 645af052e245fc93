"""The classifier interface every part of Leuchtturm talks to, independent of the backend."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, get_args

Label = Literal["positive", "neutral", "negative"]
LABELS: tuple[Label, ...] = get_args(Label)


@dataclass(frozen=True)
class SentimentResult:
    """One reply's verdict, with the model and revision so a report can say who judged."""

    label: Label
    score: float
    model: str
    revision: str
    language: str | None
    non_german: bool


class Classifier(Protocol):
    """Anything that labels a batch of German replies."""

    name: str
    revision: str

    def classify(self, texts: Sequence[str]) -> list[SentimentResult]:
        """One result per input text, in input order."""
        ...
