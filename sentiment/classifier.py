"""The backend-independent half of classification: preprocessing, de-duplication, results."""

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from sentiment.base import Label, SentimentResult
from sentiment.preprocess import DEFAULT_MAX_CHARS, prepare


class Scorer(Protocol):
    """A backend: probabilities over `labels` for already-preprocessed texts."""

    labels: tuple[Label, ...]

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, columns in the order of `labels`."""
        ...


class BatchClassifier:
    """Implements `Classifier` over any `Scorer`.

    Replies repeat ("👍", "Danke!", copy-pasted outrage): each distinct cleaned text is scored
    once and the result shared.
    """

    def __init__(
        self, scorer: Scorer, name: str, revision: str, max_chars: int = DEFAULT_MAX_CHARS
    ) -> None:
        self.scorer = scorer
        self.name = name
        self.revision = revision
        self.max_chars = max_chars

    def classify(self, texts: Sequence[str]) -> list[SentimentResult]:
        prepared = [prepare(text, self.max_chars) for text in texts]
        unique = list(dict.fromkeys(item.text for item in prepared))
        if not unique:
            return []
        probabilities = self.scorer.probabilities(unique)
        row_of = {text: row for text, row in zip(unique, probabilities, strict=True)}
        results = []
        for item in prepared:
            row = row_of[item.text]
            best = int(np.argmax(row))
            results.append(
                SentimentResult(
                    label=self.scorer.labels[best],
                    score=float(row[best]),
                    model=self.name,
                    revision=self.revision,
                    language=item.language,
                    non_german=item.non_german,
                )
            )
        return results
