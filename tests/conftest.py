"""Shared fixtures: databases on SQLite and PostgreSQL, and a settings object."""

from __future__ import annotations

# isort: off
import tests.hermetic  # first: the session forgets the person's environment

# isort: on
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from campaign.config import AccountSettings, Settings
from campaign.db import Database, make_engine, upgrade
from campaign.services import accounts
from tests.postgres import PostgresCluster, find_bin_dir
from words import choose_language

REQUIRE_POSTGRES = bool(os.environ.get("LEUCHTTURM_REQUIRE_POSTGRES"))


def pytest_configure() -> None:
    tests.hermetic.enter_an_empty_working_folder()


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        if REQUIRE_POSTGRES:
            pytest.fail("PostgreSQL is required (LEUCHTTURM_REQUIRE_POSTGRES) but not installed")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    cluster = PostgresCluster(bin_dir)
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Three accounts, one per platform, as the example plan targets them."""
    return Settings(
        database={"url": f"sqlite:///{tmp_path / 'test.sqlite3'}"},
        accounts=[
            AccountSettings(
                name="mastodon-todo",
                platform="mastodon",
                handle="todo",
                server_url="http://127.0.0.1:1",
                secret_env="LT_TEST_MASTODON",
            ),
            AccountSettings(
                name="x-todo",
                platform="x",
                handle="todo_dortmund",
                server_url="http://127.0.0.1:1",
                secret_env="LT_TEST_X",
            ),
            AccountSettings(
                name="bluesky-todo",
                platform="bluesky",
                handle="todo.bsky.social",
                server_url="http://127.0.0.1:1",
                secret_env="LT_TEST_BSKY",
            ),
        ],
    )


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database URL, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite3'}"
    return request.getfixturevalue("postgres_cluster").create_database()


@pytest.fixture
def database(database_url: str, settings: Settings) -> Iterator[Database]:
    """A migrated database with the settings' accounts, on SQLite and PostgreSQL."""
    engine = make_engine(database_url)
    upgrade(engine)
    handle = Database(engine)
    with handle.session() as session:
        accounts.sync_from_config(session, settings)
    yield handle
    engine.dispose()


@pytest.fixture(autouse=True)
def configured_language_forgotten() -> Iterator[None]:
    """A command that loaded a config with `language = "en"` must not colour later tests."""
    yield
    choose_language(None)
