"""The few kinds of failure the daemon acts on, whatever the platform said.

Each platform module wraps its client library's exceptions into one of these, so that the
dispatcher never branches on platform: it waits on `RateLimited`, stops an account on
`AuthExpired`, holds on `PaymentRequired`, gives up on `Rejected` and retries `Transient`.
Messages are user-facing and must never contain a token or password.
"""

from __future__ import annotations

from datetime import datetime


class ConnectorError(Exception):
    """Base of every connector failure: carries the platform and a message for people."""

    def __init__(self, platform: str, message: str) -> None:
        super().__init__(f"{platform}: {message}")
        self.platform = platform
        self.message = message


class RateLimited(ConnectorError):
    """The platform refused for now; `reset_at` (UTC) is when it will accept again."""

    def __init__(self, platform: str, message: str, reset_at: datetime) -> None:
        super().__init__(platform, message)
        self.reset_at = reset_at


class AuthExpired(ConnectorError):
    """The token or app password was refused (401/403): the account needs a human."""


class PaymentRequired(ConnectorError):
    """X answered 402: the account's API credits are exhausted."""


class Rejected(ConnectorError):
    """The platform refused this content for good (too long, duplicate, bad media)."""


class Transient(ConnectorError):
    """A 5xx, timeout or dropped connection: retrying later may succeed.

    `outcome_unknown` is true when the request may have reached the platform (the
    connection broke after the body was sent), so a retry must recover first.
    """

    def __init__(self, platform: str, message: str, *, outcome_unknown: bool = False) -> None:
        super().__init__(platform, message)
        self.outcome_unknown = outcome_unknown


class NotReady(Transient):
    """The platform accepted an upload but is still processing it (Mastodon's media): try
    the delivery again a little later. Nothing was posted, and the upload is kept."""


class UnexpectedAnswer(Transient):
    """The platform said yes in a shape we cannot read (e.g. a 200 without the new id):
    the post may exist, so the next attempt recovers before it publishes."""

    def __init__(self, platform: str, message: str) -> None:
        super().__init__(platform, message, outcome_unknown=True)


class ConfigurationError(ConnectorError):
    """The account cannot even be tried: missing secret, bad server URL."""
