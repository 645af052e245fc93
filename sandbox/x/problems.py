"""X's error answers: RFC 7807 problem bodies as X API v2 sends them."""

from __future__ import annotations

from typing import Any

from sandbox.server import SandboxResponse
from sandbox.x.records import RateWindow

PROBLEMS = "https://api.x.com/2/problems"


class Refused(Exception):
    """A parameter check failed deep in a handler: answer with X's error at once."""

    def __init__(self, response: SandboxResponse) -> None:
        super().__init__(response.status)
        self.response = response


def problem(status: int, title: str, detail: str) -> SandboxResponse:
    """X's plain problem body (type about:blank), used for 401, 403, 429 and 5xx."""
    return SandboxResponse.json(
        {"title": title, "type": "about:blank", "status": status, "detail": detail}, status
    )


def forbidden(detail: str) -> SandboxResponse:
    """403: X refuses this content (duplicate, too long, reply target gone)."""
    return problem(403, "Forbidden", detail)


def too_many_requests(window: RateWindow) -> SandboxResponse:
    """429 with the spent window's headers, so a client can read when to come back."""
    response = problem(429, "Too Many Requests", "Too Many Requests")
    response.headers.update({**window.headers(), "x-rate-limit-remaining": "0"})
    return response


def invalid_request(parameter: str, message: str, value: Any = None) -> SandboxResponse:
    """400 naming the parameter and its bad value, as X lists them under `errors`."""
    values = value if isinstance(value, list) else [str(value) if value is not None else ""]
    return SandboxResponse.json(
        {
            "errors": [{"parameters": {parameter: values}, "message": message}],
            "title": "Invalid Request",
            "detail": "One or more parameters to your request was invalid.",
            "type": f"{PROBLEMS}/invalid-request",
        },
        400,
    )


def invalid_field(parameter: str, invalid: list[str], allowed: frozenset[str]) -> SandboxResponse:
    """400 for an unknown `tweet.fields`/`user.fields`/`expansions` value."""
    joined = ",".join(invalid)
    return invalid_request(
        parameter,
        f"The `{parameter}` query parameter value [{joined}] is not one of "
        f"[{','.join(sorted(allowed))}]",
        value=invalid,
    )


def credits_depleted() -> SandboxResponse:
    """X's 402 when the developer account's pay-per-use credits are used up."""
    return SandboxResponse.json(
        {
            "title": "CreditsDepleted",
            "detail": "Your enrolled account does not have any credits to fulfill this request.",
            "type": f"{PROBLEMS}/credits",
            "status": 402,
        },
        402,
    )


def not_found(parameter: str, value: str, resource: str = "tweet") -> dict[str, str]:
    """The `errors` entry X puts next to `data` for an id it does not know."""
    noun = "tweet" if resource == "tweet" else "user"
    return {
        "value": value,
        "detail": f"Could not find {noun} with {parameter}: [{value}].",
        "title": "Not Found Error",
        "resource_type": resource,
        "parameter": parameter,
        "resource_id": value,
        "type": f"{PROBLEMS}/resource-not-found",
    }


def oauth_error(error: str, description: str) -> SandboxResponse:
    """400 from the OAuth 2.0 token endpoint (RFC 6749 §5.2 shape, as X answers)."""
    return SandboxResponse.json({"error": error, "error_description": description}, 400)
