"""Errors the sentiment package raises with a message a user can act on."""


class SentimentError(Exception):
    """Base class: the message says what went wrong, where, and what to do."""


class ModelNotAvailable(SentimentError):
    """The configured model is not on this machine and must not be downloaded implicitly.

    Raised instead of letting transformers try the network, which offline means a long hang.
    """

    def __init__(self, model: str, reason: str, remedy: str | None = None) -> None:
        self.model = model
        remedy = remedy or (
            f"Run `leuchtturm sentiment fetch {model}` on a machine with internet access, "
            'or set [sentiment] model in config.toml to a local folder or to "embedded".'
        )
        super().__init__(f"Sentiment model {model!r} is not available: {reason}. {remedy}")


class UnsupportedLabels(SentimentError):
    """The model's id2label cannot be mapped to positive/neutral/negative."""
