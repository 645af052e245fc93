"""`accounts verify`: who each account logs in as, or exactly what is wrong."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from campaign.config import AccountSettings, Settings
from campaign.db import Database, make_engine, upgrade
from campaign.models import Account, AccountState
from campaign.services import accounts, verification
from sandbox.run import Sandbox, start_sandbox


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with start_sandbox(seed=3) as running:
        # The token the tests use logs in as the configured account (verify checks that).
        running.servers["mastodon"].name_account("sandbox-secret", "todo_dortmund")
        yield running


def _setup(tmp_path: Path, sandbox: Sandbox) -> tuple[Database, Settings]:
    handles = {"mastodon": "todo_dortmund", "x": "todo_dortmund", "bluesky": "todo.bsky.social"}
    settings = Settings(
        accounts=[
            AccountSettings(
                name=f"{p}-todo",
                platform=p,
                handle=handles[p],
                server_url=url,
                secret_env=f"LT_VERIFY_{p.upper()}",
            )
            for p, url in sandbox.urls().items()
        ],
    )
    engine = make_engine(f"sqlite:///{tmp_path / 'verify.sqlite3'}")
    upgrade(engine)
    database = Database(engine)
    with database.session() as session:
        accounts.sync_from_config(session, settings)
    return database, settings


def test_every_account_says_who_it_is(
    tmp_path: Path, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    for platform in ("MASTODON", "X", "BLUESKY"):
        monkeypatch.setenv(f"LT_VERIFY_{platform}", "sandbox-secret")
    database, settings = _setup(tmp_path, sandbox)
    with database.session() as session:
        results = verification.verify_all(session, settings)
    assert all(result.ok and result.handle for result in results), results
    assert {result.platform for result in results} == {"mastodon", "x", "bluesky"}


def test_missing_variable_and_revoked_token_are_named(
    tmp_path: Path, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LT_VERIFY_MASTODON", raising=False)
    monkeypatch.setenv("LT_VERIFY_X", "sandbox-secret")
    monkeypatch.setenv("LT_VERIFY_BLUESKY", "sandbox-secret")
    database, settings = _setup(tmp_path, sandbox)
    sandbox.servers["x"].faults.revoke()
    try:
        with database.session() as session:
            results = {r.platform: r for r in verification.verify_all(session, settings)}
    finally:
        sandbox.servers["x"].faults.restore()
    assert "LT_VERIFY_MASTODON" in (results["mastodon"].problem or "")
    assert not results["x"].ok
    assert "sandbox-secret" not in (results["x"].problem or "")
    assert results["bluesky"].ok
    with database.session() as session:
        x_row = session.scalar(select(Account).where(Account.name == "x-todo"))
        assert x_row is not None and x_row.state == AccountState.BROKEN
