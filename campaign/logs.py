"""Logging for the daemon: text or JSON lines, with every configured secret redacted."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from campaign.config import Settings

REDACTED = "***"


class RedactSecrets(logging.Filter):
    """Replaces the value of every configured secret, wherever it appears in a record."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if len(s) >= 4]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
            record.exc_text = None  # another handler may have cached the unredacted text
        for secret in self._secrets:
            message = message.replace(secret, REDACTED)
        record.msg, record.args = message, ()
        return True


CONTEXT_FIELDS = ("account", "post")
"""Passed as `extra=` by the daemon's lifecycle logs, so a shipper can filter on them."""


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for journald and log shippers."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k in CONTEXT_FIELDS if (v := getattr(record, k, None))})
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(log_format: str, settings: Settings) -> None:
    """Route the root logger to stderr in the chosen format, secrets redacted."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactSecrets([s for a in settings.accounts if (s := a.secret())]))
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
