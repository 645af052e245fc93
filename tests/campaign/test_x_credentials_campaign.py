"""Three days of a campaign on X on a moved clock: the credentials outlast the tokens.

X's OAuth 2.0 access tokens live two hours and their refresh token rotates on each use;
OAuth 1.0a keys do not expire. Either way the daemon must post and collect for days
without the account turning broken, and no token may reach a log line or the database.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from campaign.config import AccountSettings, DaemonSettings, Settings
from campaign.daemon.runner import Daemon
from campaign.models import Account, AccountState, Delivery, DeliveryState, Reply
from campaign.services import campaigns, posts
from campaign.services.verification import connector_settings
from sandbox.x_server import XSandbox
from tests.campaign.daemon_setup import campaign_database
from tests.clock import START, ManualClock
from tests.connectors.x_fixtures import CLIENT_ID, OAUTH1_KEYS, log_in

POSTS = 24
EVERY = timedelta(hours=3)


def _account(auth: str) -> AccountSettings:
    common = {"name": "x-todo", "platform": "x", "handle": "todo_dortmund"}
    if auth == "oauth1":
        envs = {f"{role}_env": f"LT_X_{role.upper()}" for role in OAUTH1_KEYS}
        return AccountSettings(server_url="", **common, **envs)  # type: ignore[arg-type]
    return AccountSettings(
        server_url="",
        auth="oauth2",
        client_id_env="LT_X_CLIENT_ID",
        **common,  # type: ignore[arg-type]
    )


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def x_sandbox(clock: ManualClock) -> Iterator[XSandbox]:
    with XSandbox(clock=clock, rate_limits={"create_tweet": 500}) as server:
        yield server  # type: ignore[misc]


@pytest.fixture(params=["oauth1", "oauth2"])
def daemon(
    request: pytest.FixtureRequest,
    database_url: str,
    x_sandbox: XSandbox,
    clock: ManualClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Daemon]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for role, value in OAUTH1_KEYS.items():
        monkeypatch.setenv(f"LT_X_{role.upper()}", value)
    monkeypatch.setenv("LT_X_CLIENT_ID", CLIENT_ID)
    x_sandbox.register_oauth1(**OAUTH1_KEYS)
    configured = _account(request.param).model_copy(update={"server_url": x_sandbox.url})
    settings = Settings(accounts=[configured], daemon=DaemonSettings(collect_fresh_minutes=5))
    if request.param == "oauth2":
        log_in(connector_settings(settings, configured), clock)
    database = campaign_database(database_url, settings)
    yield Daemon(database, settings, clock=clock, classifier_loader=lambda: None)  # type: ignore[arg-type]
    database.engine.dispose()


def test_three_days_of_posts_and_replies_never_break_the_account(
    daemon: Daemon, x_sandbox: XSandbox, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with daemon.database.session() as session:
        for number in range(POSTS):
            draft = posts.PostDraft(
                key=f"p{number}",
                text=f"Tag {number // 8 + 1}, Beitrag {number} der to:do-Woche",
                scheduled_at=START + EVERY * number,
                accounts=["x-todo"],
                approved=True,
            )
            posts.add_post(session, campaigns.by_slug(session, "todo"), draft, {})

    for number in range(POSTS):
        clock.now = START + EVERY * number
        assert daemon.dispatch("x-todo") == 1, f"post {number} was not sent"
        newest = x_sandbox.own_tweets()[-1]
        x_sandbox.add_reply(newest.id, f"leserin{number}", f"Antwort auf Beitrag {number}")
        clock.advance(minutes=10)
        daemon.collect()

    with daemon.database.session() as session:
        states = set(session.scalars(select(Delivery.state)))
        account = session.scalars(select(Account)).one()
        replies = len(session.scalars(select(Reply.id)).all())
        stored = "\n".join(
            str(row)
            for table in ("accounts", "deliveries", "events", "posts", "replies", "heartbeats")
            for row in session.execute(text(f"SELECT * FROM {table}"))
        )
    assert states == {DeliveryState.SENT}
    assert account.state == AccountState.OK
    assert len(x_sandbox.own_tweets()) == POSTS
    assert replies == POSTS
    if daemon.settings.accounts[0].auth == "oauth2":
        assert x_sandbox.refreshes >= POSTS - 1  # each step of three hours outlives a token

    issued = x_sandbox.credentials
    secrets = [*OAUTH1_KEYS.values(), *issued.issued, *issued.spent_refresh_tokens]
    secrets += list(issued.refresh_tokens)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert [s for s in secrets if s in logged] == []
    assert [s for s in secrets if s in stored] == []
