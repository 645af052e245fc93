"""The daemon counts each account's followers once a day through the real connectors and
the sandbox (Mastodon 1,200, X 2,300, Bluesky 1,234 followers)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from campaign.config import Settings
from campaign.daemon.runner import Daemon
from campaign.db import Database, make_engine, upgrade
from campaign.demo import DEMO_HANDLES, sandbox_accounts
from campaign.models import Account, FollowerCount
from campaign.services import accounts, verification
from sandbox.run import Sandbox, start_sandbox
from tests.clock import ManualClock


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with start_sandbox(seed=5) as running:
        running.servers["mastodon"].name_account("sandbox-secret", DEMO_HANDLES["mastodon"])
        yield running


@pytest.fixture
def settings(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> Settings:
    configured = sandbox_accounts(sandbox.urls(), "LT_FOLLOW")
    for account in configured:
        monkeypatch.setenv(account.secret_env, "sandbox-secret")
    return Settings(accounts=configured)


@pytest.fixture
def database(tmp_path: Path, settings: Settings) -> Iterator[Database]:
    engine = make_engine(f"sqlite:///{tmp_path / 'followers.sqlite3'}")
    upgrade(engine)
    database = Database(engine)
    with database.session() as session:
        accounts.sync_from_config(session, settings)
    yield database
    engine.dispose()


def counts(database: Database) -> list[tuple[str, str, int]]:
    with database.session() as session:
        rows = session.execute(
            select(Account.name, FollowerCount.day, FollowerCount.followers)
            .join(Account, Account.id == FollowerCount.account_id)
            .order_by(FollowerCount.day, Account.name)
        )
        return [(name, day.isoformat(), followers) for name, day, followers in rows]


def test_each_account_is_counted_once_a_local_day(database: Database, settings: Settings) -> None:
    clock = ManualClock(datetime(2026, 11, 30, 22, 30, tzinfo=UTC))  # 23:30 in Berlin
    daemon = Daemon(database, settings, clock=clock, classifier_loader=lambda: None)  # type: ignore[arg-type]
    daemon.collect()
    first = [
        ("bluesky-todo", "2026-11-30", 1234),
        ("mastodon-todo", "2026-11-30", 1200),
        ("x-todo", "2026-11-30", 2300),
    ]
    assert counts(database) == first
    clock.advance(minutes=20)  # 23:50 in Berlin: the same day, nobody is asked again
    daemon.collect()
    assert counts(database) == first
    clock.advance(minutes=20)  # 00:10 in Berlin: a new day
    daemon.collect()
    assert [day for _, day, _ in counts(database)] == ["2026-11-30"] * 3 + ["2026-12-01"] * 3
    with database.session() as session:
        assert {a.name: a.followers for a in accounts.list_accounts(session)} == {
            "bluesky-todo": 1234,
            "mastodon-todo": 1200,
            "x-todo": 2300,
        }


def test_accounts_verify_records_the_days_count_too(database: Database, settings: Settings) -> None:
    with database.session() as session:
        verification.verify_all(session, settings)
    assert {name: followers for name, _, followers in counts(database)} == {
        "bluesky-todo": 1234,
        "mastodon-todo": 1200,
        "x-todo": 2300,
    }
