"""Engines, sessions and schema migrations for SQLite and PostgreSQL.

SQLite runs in WAL mode with a busy timeout because the TUI, the CLI and the daemon share
one file. The schema is owned by Alembic; the app refuses to run on a schema that is not
at the newest revision instead of failing later on a missing column.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from campaign.errors import UserError
from words import t

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 10_000


def make_engine(url: str) -> Engine:
    """An engine for `url`; a SQLite file's folder is created if missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")  # purged and erased posts leave no readable trace
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA mmap_size=268435456")  # reports read many rows; mapped pages are faster
    cursor.close()


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run migrations up to `revision` (`leuchtturm db upgrade`)."""
    command.upgrade(_alembic_config(engine), revision)


def head_revision() -> str:
    """The newest migration this code knows."""
    head = ScriptDirectory.from_config(
        _alembic_config(create_engine("sqlite://"))
    ).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (None: never migrated)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def require_current_schema(engine: Engine) -> None:
    """Refuse to work on a database whose schema is older or newer than this code."""
    current, head = current_revision(engine), head_revision()
    if current == head:
        return
    where = engine.url.render_as_string(hide_password=True)
    if current is None:
        raise UserError(t("error.db_no_schema", where=where))
    raise UserError(t("error.db_old_schema", where=where, current=current, head=head))


class Database:
    """An engine plus a session factory; the one handle services receive."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str, *, check_schema: bool = True) -> Database:
        """Connect, and (by default) insist that the schema is current; a SQLite file that
        does not exist is not created by merely looking (only `db upgrade` creates it)."""
        parsed = make_url(url)
        if check_schema and parsed.get_backend_name() == "sqlite":
            path = Path(parsed.database or ":memory:").expanduser()
            if parsed.database not in (None, "", ":memory:") and not path.exists():
                raise UserError(t("db.missing", path=path))
        database = cls(make_engine(url))
        if check_schema:
            require_current_schema(database.engine)
        return database

    @property
    def is_postgres(self) -> bool:
        """Several daemons may share a PostgreSQL database, never a SQLite file."""
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        with self._sessions() as session, session.begin():
            yield session
