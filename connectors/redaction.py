"""Keeps tokens out of the client libraries' own log records.

tweepy logs request headers at DEBUG, requests-oauthlib logs token requests and answers,
oauthlib logs what it signs. A filter on a logger only sees records logged at that very
logger, so `redact` attaches one shared filter to every existing logger of those libraries
each time a connector learns a new secret (a refreshed token, too), and the filter replaces
each secret, plain or percent-encoded, wherever it appears. A token answer is logged before
the connector has seen it, so values of token-like fields and Bearer headers are blanked by
their shape as well.
"""

from __future__ import annotations

import logging
import re
import threading
from urllib.parse import quote

LIBRARY_LOGGERS = ("tweepy", "requests_oauthlib", "oauthlib", "mastodon", "atproto", "httpx")
REDACTED = "***"
MIN_SECRET_LENGTH = 4
TOKEN_FIELDS = re.compile(
    r"(\b(?:access_token|refresh_token|code_verifier|client_secret|code|oauth_signature)"
    r"[\"']?\s*[:=]\s*[\"']?)([^\"'&\s,}]+)"
)
BEARER = re.compile(r"(\b(?:Bearer|Basic)\s+)([^\s\"',}]+)")


class _RedactSecrets(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._secrets: frozenset[str] = frozenset()

    def add(self, secrets: tuple[str, ...]) -> None:
        variants = {
            v for s in secrets if len(s) >= MIN_SECRET_LENGTH for v in (s, quote(s, safe=""))
        }
        with self._lock:
            self._secrets = self._secrets | variants

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = BEARER.sub(rf"\1{REDACTED}", TOKEN_FIELDS.sub(rf"\1{REDACTED}", message))
        leaked = [secret for secret in self._secrets if secret in cleaned]
        for secret in sorted(leaked, key=len, reverse=True):
            cleaned = cleaned.replace(secret, REDACTED)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


_FILTER = _RedactSecrets()


def redact(*secrets: str) -> None:
    """Never let these values reach a log record of the client libraries."""
    _FILTER.add(secrets)
    manager = logging.Logger.manager
    names = [name for name in list(manager.loggerDict) if name.split(".")[0] in LIBRARY_LOGGERS]
    for name in [*LIBRARY_LOGGERS, *names]:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
