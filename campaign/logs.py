"""Logging for the daemon: text or JSON lines, with every configured secret redacted.

The redaction is `campaign.redaction.redact`, the same that guards the database and the
CLI's output; log lines are also made inert, since they quote platforms' error bodies.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from campaign.config import Settings
from campaign.redaction import redact
from content.outside_text import inert


class RedactSecrets(logging.Filter):
    """Replaces every configured secret (and `secrets`), in any encoding, in a record."""

    def __init__(self, secrets: list[str] | None = None) -> None:
        super().__init__()
        self._secrets = tuple(secrets or ())

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
            record.exc_text = None  # another handler may have cached the unredacted text
        record.msg, record.args = inert(redact(inert(message), self._secrets)), ()
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
    handler.addFilter(RedactSecrets([s for a in settings.accounts for s in a.secret_values()]))
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)


def configure_cli_logging() -> None:
    """What a command logs (an account's state change, say) reaches stderr redacted and
    inert, never through Python's bare last-resort handler."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactSecrets())
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
