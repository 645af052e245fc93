"""The one redactor: no configured secret reaches the database, a log, a report or the screen.

A platform may echo the token it refused in its error body, and that body may be
URL-encoded (a query string), JSON-escaped (a JSON error) or base64-encoded (an
Authorization header quoted back). Each configured secret is searched for in all these
forms. The secrets are read from the environment variables the configuration names, at
the moment of redacting, so a secret set after the configuration was loaded is caught too.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote, quote_plus

REDACTED = "***"
MIN_SECRET_LENGTH = 4
"""Shorter values would redact ordinary words; no real token is this short."""
MIN_BASE64_CORE = 6
"""A base64 fragment this short could match by chance."""

_secret_envs: set[str] = set()
_lock = threading.Lock()


def register_secret_envs(names: Iterable[str]) -> None:
    """Remember environment variables that hold secrets (the configuration's `secret_env`)."""
    with _lock:
        _secret_envs.update(names)


def configured_secrets() -> tuple[str, ...]:
    """The current values of every registered secret variable that is set."""
    with _lock:
        names = sorted(_secret_envs)
    values = (os.environ.get(name, "") for name in names)
    return tuple(value for value in values if len(value) >= MIN_SECRET_LENGTH)


def redact(text: str, extra: Iterable[str] = ()) -> str:
    """`text` with every form of every configured secret (and of `extra`) replaced by ***."""
    secrets = (*configured_secrets(), *(s for s in extra if len(s) >= MIN_SECRET_LENGTH))
    if not secrets or not text:
        return text
    for form in _forms(secrets):
        if form in text:
            text = text.replace(form, REDACTED)
    return text


@lru_cache(maxsize=32)
def _forms(secrets: tuple[str, ...]) -> tuple[str, ...]:
    """Every form of every secret, longest first so that a longer form is never half-replaced."""
    forms: set[str] = set()
    for secret in secrets:
        forms |= secret_forms(secret)
    return tuple(sorted(forms, key=len, reverse=True))


def secret_forms(secret: str) -> set[str]:
    """The secret as written, URL-encoded, JSON-escaped and base64-encoded.

    Base64 of a secret inside a longer encoded string depends on where it starts (its
    offset modulo 3), so the part that only the secret determines is taken for each of the
    three offsets, in the standard and the URL-safe alphabet.
    """
    forms = {
        secret,
        quote(secret, safe=""),
        quote_plus(secret, safe=""),
        quote(secret),
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
    }
    raw = secret.encode("utf-8")
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + raw).decode("ascii")
        start = -(-8 * offset // 6)
        end = (8 * (offset + len(raw))) // 6
        core = encoded[start:end]
        if len(core) >= MIN_BASE64_CORE:
            forms |= {core, core.replace("+", "-").replace("/", "_")}
    return {form for form in forms if len(form) >= MIN_SECRET_LENGTH}
