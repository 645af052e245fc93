"""The one redactor finds each configured secret as written, URL-, JSON- and base64-encoded."""

from __future__ import annotations

import base64
import json
import logging
from urllib.parse import quote, quote_plus

import pytest

from campaign.config import AccountSettings, Settings
from campaign.logs import JsonFormatter, RedactSecrets
from campaign.redaction import redact

SECRET = "tok/3n+Geh\"eim=ä\\x"


def _encodings(secret: str) -> list[str]:
    forms = [secret, quote(secret, safe=""), quote_plus(secret), json.dumps(secret)[1:-1]]
    forms.append(json.dumps(secret, ensure_ascii=True)[1:-1])
    for prefix in ("", "a", "ab", "Bearer ", "user:"):
        for suffix in ("", "x", "yz"):
            raw = (prefix + secret + suffix).encode()
            forms += [base64.b64encode(raw).decode(), base64.urlsafe_b64encode(raw).decode()]
    return forms


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LT_REDACT", SECRET)
    Settings(
        accounts=[
            AccountSettings(
                name="m", platform="mastodon", handle="h", server_url="https://m.example",
                secret_env="LT_REDACT",
            )
        ]
    )


@pytest.mark.usefixtures("configured")
@pytest.mark.parametrize("form", _encodings(SECRET))
def test_every_encoding_of_a_configured_secret_is_redacted(form: str) -> None:
    cleaned = redact(f"401: the token {form} is invalid")
    assert "***" in cleaned
    for encoding in _encodings(SECRET)[:5]:
        assert encoding not in cleaned


@pytest.mark.usefixtures("configured")
def test_logs_redact_a_url_encoded_secret_and_strip_escapes() -> None:
    record = logging.LogRecord(
        "t", logging.ERROR, __file__, 1, "GET /x?access_token=%s failed\x1b]0;t\x07",
        (quote(SECRET, safe=""),), None,
    )
    assert RedactSecrets().filter(record)
    line = JsonFormatter().format(record)
    assert json.loads(line)["message"] == "GET /x?access_token=*** failed"
