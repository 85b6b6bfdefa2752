"""The first-pull benchmark's floors: the same rows moved in bulk, measured once after each pull so that
both meet the server and the disk in the same state.

- COPY out: `COPY (the same rows) TO STDOUT`, read to the end; the rows reach this process and go
  nowhere.
- COPY into a local file: the same COPY, its rows written as they arrive into a plain table (no keys, no
  indexes) of a new SQLite file set up like the store (WAL, synchronous=FULL), in one transaction. A
  pull's job ends in the store, as a push's ends in the central tables, and the push's floor is likewise
  a COPY into a plain table at the receiving end.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import psycopg
from sqlalchemy import Engine

from bench.stats import Timing
from bench.sync_support import psycopg_conninfo, timed
from db.central_engine import without_jit

# The same rows the pull brings: every current-state row of the branch (here: all of them).


def same_rows(branch: str) -> str:
    """SQL: the rows a first pull of `branch` brings (the benchmark's branch has no customer of another
    branch), whatever other branches' rows the database also holds."""
    if not branch.isalnum():  # written into the statement: COPY takes no parameters
        raise ValueError(f"branch code {branch!r}")
    where = f"WHERE branch = '{branch}'"
    return f"""
    SELECT 'customer' AS entity, id, last_seq AS seq, payload FROM customers {where}
    UNION ALL SELECT 'case', id, last_seq, payload FROM cases {where}
    UNION ALL SELECT 'case_event', id, last_seq, payload FROM case_events {where}
    UNION ALL SELECT 'customer_change', id, last_seq, payload FROM customer_changes {where}
    UNION ALL SELECT 'audit', id, last_seq, payload FROM audit_log {where}
    UNION ALL SELECT 'staff', id, last_seq, payload FROM staff {where}
"""


class PullFloors:
    def __init__(self, connection: psycopg.Connection, folder: Path, rows: int, branch: str) -> None:
        self._connection, self._folder, self._rows = connection, folder, rows
        self._copy_out_sql = f"COPY ({same_rows(branch)}) TO STDOUT"
        self.copy_out_seconds: list[float] = []
        self.into_file_seconds: list[float] = []

    def _copy_out(self) -> int:
        lines = 0
        with self._connection.cursor() as cursor, cursor.copy(self._copy_out_sql) as copying:
            for block in copying:
                lines += bytes(block).count(b"\n")
        self._connection.commit()
        return lines

    def _copy_into_file(self, local: sqlite3.Connection) -> int:
        local.execute("BEGIN IMMEDIATE")
        with self._connection.cursor() as cursor, cursor.copy(self._copy_out_sql) as copying:
            copying.set_types(["text", "text", "int8", "text"])
            local.executemany("INSERT INTO pulled_rows VALUES (?, ?, ?, ?)", copying.rows())
        local.execute("COMMIT")
        self._connection.commit()
        return int(local.execute("SELECT count(*) FROM pulled_rows").fetchone()[0])

    def once(self) -> None:
        """Both floors, once each."""
        elapsed, lines = timed(self._copy_out)
        self._check(lines)
        self.copy_out_seconds.append(elapsed)
        path = self._folder / f"floor-{len(self.into_file_seconds)}.sqlite"
        with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as local:
            local.execute("PRAGMA journal_mode=WAL")
            local.execute("PRAGMA synchronous=FULL")
            local.execute("CREATE TABLE pulled_rows (entity TEXT, id TEXT, seq INTEGER, payload TEXT)")
            elapsed, lines = timed(lambda: self._copy_into_file(local))
        self._check(lines)
        self.into_file_seconds.append(elapsed)

    def _check(self, lines: int) -> None:
        if lines != self._rows:
            raise RuntimeError(f"COPY brought {lines} rows, expected {self._rows}")

    def copy_out(self) -> Timing:
        return Timing.of(f"COPY ... TO STDOUT of the same {self._rows:,} rows", self.copy_out_seconds)

    def into_file(self) -> Timing:
        return Timing.of(
            f"COPY of the same {self._rows:,} rows into a plain table of a local file", self.into_file_seconds
        )


@contextlib.contextmanager
def pull_floors(engine: Engine, folder: Path, rows: int, branch: str) -> Iterator[PullFloors]:
    with psycopg.connect(psycopg_conninfo(engine)) as connection:
        # A session set up as the pull's are: a floor compiled by JIT would be slower than it need be.
        without_jit(connection)
        yield PullFloors(connection, folder, rows, branch)
