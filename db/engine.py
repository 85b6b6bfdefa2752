"""SQLite engine for the local store (WAL, foreign keys, synchronous=FULL) and the session scope."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000
REPLAYABLE_CHECKPOINT_PAGES = 16384  # 64 MB of write-ahead log at the default 4 KB page


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Take over transaction control so BEGIN is issued by SQLAlchemy (see SQLAlchemy's pysqlite notes).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    # Writers take the lock at BEGIN, so two writers wait rather than fail half-way.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_store_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, future=True)


@contextmanager
def replayable_connection(engine: Engine) -> Iterator[Connection]:
    """A connection whose commits do not wait for the disk (synchronous=NORMAL), for writes that can be
    fetched again: in WAL mode a crash or power cut may lose its latest commits but never corrupts the
    file, and the next durable commit flushes them with its own. Back to FULL before the pool has it."""
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None
        checkpoint_pages = driver.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        driver.execute("PRAGMA synchronous=NORMAL")  # outside a transaction: SQLite refuses it inside
        # Bulk writes rewrite the same index pages batch after batch: copied into the file once per
        # REPLAYABLE_CHECKPOINT_PAGES of log instead of once per default 1,000 (4 MB).
        driver.execute(f"PRAGMA wal_autocheckpoint={REPLAYABLE_CHECKPOINT_PAGES}")
        try:
            yield connection
        finally:
            try:
                if connection.in_transaction():
                    connection.rollback()
                driver.execute(f"PRAGMA wal_autocheckpoint={int(checkpoint_pages)}")
                driver.execute("PRAGMA synchronous=FULL")
            except sqlite3.Error:
                connection.invalidate()  # never handed out again with commits that may not last
                raise


@contextmanager
def session_scope(factory: sessionmaker[Session], bind: Connection | None = None) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back whole on any exception."""
    session = factory() if bind is None else factory(bind=bind)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
