"""X credentials that last: OAuth 1.0a signatures and OAuth 2.0 tokens that rotate.

The real tweepy client (and its own `OAuth2UserHandler`) against the X sandbox, which
verifies signatures with oauthlib and issues two-hour tokens at /2/oauth2/token.
"""

# ruff: noqa: F811  (fixtures come from x_fixtures and are re-bound as test arguments)

from __future__ import annotations

import logging
import stat
from dataclasses import replace
from pathlib import Path

import pytest
import requests
from requests_oauthlib import OAuth1

from connectors.base import OutgoingPost
from connectors.errors import AuthExpired, Transient
from connectors.state_file import StateFile
from connectors.x import XConnector
from sandbox.faults import Fault
from sandbox.x_server import XSandbox
from tests.connectors.x_fixtures import (  # noqa: F401
    CLIENT_ID,
    OAUTH1_KEYS,
    ManualClock,
    _shared_sandbox,
    clock,
    faults,
    log_in,
    oauth1_settings,
    oauth2_settings,
    x_sandbox,
)


def _post(text: str, key: str = "d1") -> OutgoingPost:
    return OutgoingPost(text=text, idempotency_key=key)


def test_oauth1_keys_sign_every_call_and_the_sandbox_verifies_them(
    x_sandbox: XSandbox, clock: ManualClock
) -> None:
    connector = XConnector(oauth1_settings(x_sandbox), clock=clock)

    remote = connector.publish(_post("Signiert mit OAuth 1.0a #ToDoDortmund"))
    assert connector.verify().handle == "todo_dortmund"
    [metrics] = connector.fetch_metrics([remote])
    assert metrics.remote_id == remote.remote_id
    assert [t.id for t in x_sandbox.own_tweets()] == [remote.remote_id]


def test_oauth1_with_a_wrong_secret_is_auth_expired_and_nothing_is_posted(
    x_sandbox: XSandbox, clock: ManualClock
) -> None:
    settings = oauth1_settings(x_sandbox, access_token_secret="not-the-secret")
    connector = XConnector(settings, clock=clock)
    with pytest.raises(AuthExpired) as error:
        connector.publish(_post("Darf nicht erscheinen"))
    assert "not-the-secret" not in str(error.value)
    assert x_sandbox.own_tweets() == []


def test_sandbox_refuses_a_replayed_or_altered_oauth1_request(x_sandbox: XSandbox) -> None:
    x_sandbox.register_oauth1(**OAUTH1_KEYS)
    auth = OAuth1(
        OAUTH1_KEYS["consumer_key"],
        OAUTH1_KEYS["consumer_secret"],
        OAUTH1_KEYS["access_token"],
        OAUTH1_KEYS["access_token_secret"],
    )
    with requests.Session() as session:
        signed = session.prepare_request(
            requests.Request("GET", f"{x_sandbox.url}/2/users/me", auth=auth)
        )
        assert session.send(signed, timeout=10).status_code == 200
        assert session.send(signed, timeout=10).status_code == 401  # the nonce is spent
        altered = session.prepare_request(
            requests.Request("GET", f"{x_sandbox.url}/2/users/me", auth=auth)
        )
        altered.url = f"{altered.url}?user.fields=public_metrics"
        assert session.send(altered, timeout=10).status_code == 401


def test_oauth2_login_keeps_tokens_in_a_private_file_and_refreshes_them(
    x_sandbox: XSandbox, clock: ManualClock, tmp_path: Path
) -> None:
    settings = oauth2_settings(x_sandbox, tmp_path)
    log_in(settings, clock)
    store = StateFile(settings, "x-oauth2")
    assert store.path is not None
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    first = store.load()
    assert first is not None

    connector = XConnector(settings, clock=clock)
    connector.publish(_post("Vor Ablauf der zwei Stunden", "d1"))
    clock.advance(hours=2, minutes=1)  # the first access token is dead on the server now
    connector.publish(_post("Nach Ablauf der zwei Stunden", "d2"))

    assert x_sandbox.refreshes == 1
    second = store.load()
    assert second is not None and second["refresh_token"] != first["refresh_token"]
    spent = requests.post(
        f"{x_sandbox.url}/2/oauth2/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": first["refresh_token"],
            "client_id": CLIENT_ID,
        },
        timeout=10,
    )
    assert spent.status_code == 400 and spent.json()["error"] == "invalid_request"
    assert len(x_sandbox.own_tweets()) == 2


def test_two_connectors_on_one_state_file_spend_the_refresh_token_once(
    x_sandbox: XSandbox, clock: ManualClock, tmp_path: Path
) -> None:
    settings = oauth2_settings(x_sandbox, tmp_path)
    log_in(settings, clock)
    daemon_side, cli_side = XConnector(settings, clock=clock), XConnector(settings, clock=clock)
    daemon_side.verify()
    cli_side.verify()
    clock.advance(hours=3)
    daemon_side.verify()
    cli_side.verify()  # finds the newer pair in the file instead of a spent refresh token
    assert x_sandbox.refreshes == 1


def test_without_a_login_or_with_a_refused_refresh_token_the_account_needs_a_person(
    x_sandbox: XSandbox, clock: ManualClock, tmp_path: Path
) -> None:
    settings = oauth2_settings(x_sandbox, tmp_path)
    with pytest.raises(AuthExpired, match="accounts login x-todo"):
        XConnector(settings, clock=clock).verify()
    log_in(settings, clock)
    other_client = replace(settings, credentials={"client_id": "another-app"})
    clock.advance(hours=3)
    with pytest.raises(AuthExpired, match="accounts login x-todo"):
        XConnector(other_client, clock=clock).verify()


def test_no_token_or_key_reaches_the_libraries_debug_logs(
    x_sandbox: XSandbox, clock: ManualClock, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    oauth2 = oauth2_settings(x_sandbox, tmp_path)
    log_in(oauth2, clock)
    XConnector(oauth2, clock=clock).publish(_post("OAuth 2.0", "d1"))
    clock.advance(hours=3)
    XConnector(oauth2, clock=clock).publish(_post("nach dem Auffrischen", "d2"))
    XConnector(oauth1_settings(x_sandbox), clock=clock).publish(_post("OAuth 1.0a", "d3"))

    issued = x_sandbox.credentials
    secrets = [*OAUTH1_KEYS.values(), *issued.issued, *issued.spent_refresh_tokens]
    secrets += list(issued.refresh_tokens)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Authorization" in logged  # the libraries did log their requests
    assert [secret for secret in secrets if secret in logged] == []


def test_token_endpoint_outage_is_transient_and_keeps_the_refresh_token(
    x_sandbox: XSandbox, clock: ManualClock, tmp_path: Path
) -> None:
    settings = oauth2_settings(x_sandbox, tmp_path)
    log_in(settings, clock)
    before = StateFile(settings, "x-oauth2").load()
    clock.advance(hours=3)
    x_sandbox.faults.push(Fault("server_error", status=503, path=r"^/2/oauth2/token$"))
    with pytest.raises(Transient):
        XConnector(settings, clock=clock).verify()
    assert StateFile(settings, "x-oauth2").load() == before
    assert XConnector(settings, clock=clock).verify().handle == "todo_dortmund"
