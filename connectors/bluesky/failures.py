"""Maps what the atproto client raises onto the connector's few error kinds.

The client raises by status (`UnauthorizedError` for 401/403, `BadRequestError` for 400,
`RateLimitExceededError` for 429, `NetworkError` for transport failures and 409/413/502,
`RequestException` for the rest) and lets some httpx errors through unwrapped (a
connection closed without an answer is a `RemoteProtocolError`). The XRPC body's `error`
name tells an expired token (400 ExpiredToken on the PDS) from a refused record.
Messages name the platform's reason but never a token: the client's errors carry only
the response body, never the request's headers.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
import pydantic
from atproto_client import exceptions as atproto_errors
from atproto_client.models.common import XrpcError

from connectors.errors import (
    AuthExpired,
    ConnectorError,
    RateLimited,
    Rejected,
    Transient,
)

PLATFORM = "bluesky"
CLIENT_FAILURES: tuple[type[BaseException], ...] = (
    atproto_errors.AtProtocolError,
    httpx.HTTPError,
    pydantic.ValidationError,
)
"""What the client raises for the platform's answers and the network; anything else
(a TypeError, a KeyError) is a bug here and must reach the daemon as one."""
SESSION_ERRORS = frozenset(
    {"ExpiredToken", "InvalidToken", "AuthenticationRequired", "AuthMissing"}
)
_DEFAULT_RATE_LIMIT_WAIT = timedelta(minutes=5)


def xrpc_error(error: BaseException) -> tuple[str, str]:
    """The XRPC error name and message of a failed call ("" when there is no body)."""
    response = getattr(error, "response", None)
    content = getattr(response, "content", None)
    if isinstance(content, XrpcError):
        return content.error or "", content.message or ""
    return "", ""


def status_of(error: BaseException) -> int | None:
    """The HTTP status of a failed call, None for transport failures."""
    response = getattr(error, "response", None)
    return getattr(response, "status_code", None)


def is_session_problem(error: BaseException) -> bool:
    """Whether refreshing the session (or logging in again) could cure this failure."""
    if isinstance(error, atproto_errors.UnauthorizedError):
        return True
    if isinstance(error, atproto_errors.BadRequestError):
        return xrpc_error(error)[0] in SESSION_ERRORS
    return isinstance(error, atproto_errors.LoginRequiredError)


def translate(
    error: BaseException, *, action: str, handle: str, sent: bool, now: datetime
) -> ConnectorError:
    """Our error kind for a client failure during `action` (e.g. "publishing a post").

    `sent` says the request may have reached the server (a POST that changes state), so
    a lost connection leaves the outcome unknown.
    """
    name, message = xrpc_error(error)
    reason = f"{name}: {message}" if message else name or type(error).__name__
    status = status_of(error)
    if isinstance(error, atproto_errors.RateLimitExceededError):
        reset_at = error.reset_at or now + _DEFAULT_RATE_LIMIT_WAIT
        return RateLimited(
            PLATFORM,
            f"rate limit reached while {action} for @{handle}; "
            f"the server accepts requests again at {reset_at:%Y-%m-%d %H:%M:%S} UTC",
            reset_at,
        )
    if is_session_problem(error):
        return AuthExpired(
            PLATFORM,
            f"the server refused the login of @{handle} while {action} ({reason}); "
            "create a new app password in Bluesky's settings and put it in the "
            "account's environment variable",
        )
    if isinstance(error, atproto_errors.BadRequestError) or status == 413:
        return Rejected(PLATFORM, f"the server refused {action} for @{handle}: {reason}")
    if isinstance(error, pydantic.ValidationError):
        problems = "; ".join(
            f"{'.'.join(str(part) for part in issue['loc'])}: {issue['msg']}"
            for issue in error.errors()
        )
        return Rejected(PLATFORM, f"the post does not fit Bluesky's record format: {problems}")
    if isinstance(error, atproto_errors.InvokeTimeoutError | httpx.TimeoutException):
        return Transient(
            PLATFORM, f"no answer in time while {action} for @{handle}", outcome_unknown=sent
        )
    if status is None and isinstance(error, atproto_errors.NetworkError | httpx.TransportError):
        return Transient(
            PLATFORM,
            f"the connection failed while {action} for @{handle} "
            f"({_cause_name(error)}); check the server URL and the network",
            outcome_unknown=sent,
        )
    return Transient(
        PLATFORM, f"the server failed while {action} for @{handle} (HTTP {status}: {reason})"
    )


def _cause_name(error: BaseException) -> str:
    cause = error.__cause__ or error
    return type(cause).__name__
