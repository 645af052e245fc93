"""Errors the sentiment package raises with a message a user can act on, kept as codes
and worded (in the reader's language) when shown."""

from __future__ import annotations

from words.coded import Coded, CodedError


class SentimentError(CodedError):
    """Base class: the message says what went wrong, where, and what to do."""


class ModelNotAvailable(SentimentError):
    """The configured model is not on this machine and must not be downloaded implicitly.

    Raised instead of letting transformers try the network, which offline means a long hang.
    """

    def __init__(self, model: str, reason: Coded, remedy: Coded | None = None) -> None:
        self.model = model
        super().__init__(
            "sentiment.unavailable",
            model=model,
            reason=reason,
            remedy=remedy or Coded("sentiment.remedy.fetch", {"model": model}),
        )


class UnsupportedLabels(SentimentError):
    """The model's id2label cannot be mapped to positive/neutral/negative."""
