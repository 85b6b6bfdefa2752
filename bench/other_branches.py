"""Other branches' rows beside the pulled branch's, as a bank's shared central database holds them.

The branch's own rows are copied under `count` other branch codes: new ids (derived from the old ones, so
a copied case's events and a copied customer's history refer to the copies), the same payloads and the
same sequence numbers, so that every branch's rows interleave with the pulled branch's as branches
syncing at the same time would. Inserted as the DBA, through the tables' triggers (a copied event takes
its branch from its copied case).
"""

from __future__ import annotations

import contextlib
import time

from psycopg.errors import InsufficientPrivilege
from sqlalchemy import Connection, Engine

_NEW_ID = "CAST(CAST(md5({column} || ':' || %(copy)s) AS uuid) AS varchar)"


def _copy_statements() -> list[str]:
    def new(column: str) -> str:
        return _NEW_ID.format(column=column)

    return [
        "INSERT INTO customers (id, branch, version, updated_at, origin_workstation, last_seq, payload, "
        f"last_change_id) SELECT {new('id')}, %(branch)s, version, updated_at, origin_workstation, last_seq, "
        "payload, last_change_id FROM customers WHERE branch = %(source)s",
        "INSERT INTO cases (id, branch, customer_id, version, status, updated_at, origin_workstation, "
        f"last_seq, payload, last_change_id) SELECT {new('id')}, %(branch)s, {new('customer_id')}, version, "
        "status, updated_at, origin_workstation, last_seq, payload, last_change_id "
        "FROM cases WHERE branch = %(source)s",
        f"INSERT INTO case_events (id, case_id, payload, last_seq) SELECT {new('id')}, {new('case_id')}, "
        "payload, last_seq FROM case_events WHERE branch = %(source)s",
        "INSERT INTO customer_changes (id, customer_id, payload, last_seq) "
        f"SELECT {new('id')}, {new('customer_id')}, payload, last_seq "
        "FROM customer_changes WHERE branch = %(source)s",
        "INSERT INTO audit_log (id, branch, workstation, at, payload, last_seq) "
        f"SELECT {new('id')}, %(branch)s, workstation, at, payload, last_seq "
        "FROM audit_log WHERE branch = %(source)s",
    ]


def other_branch(number: int) -> str:
    return f"X{number:03d}"


def add_other_branches(engine: Engine, source: str, count: int) -> str:
    """Copy branch `source`'s rows (but its staff accounts: user names are unique) for `count` other
    branches, in one transaction, then VACUUM ANALYZE; a line saying what the database then holds."""
    if count <= 0:
        return "no other branch's rows"
    started = time.perf_counter()
    with engine.begin() as connection:
        for number in range(1, count + 1):
            for statement in _copy_statements():
                parameters = {"source": source, "branch": other_branch(number), "copy": str(number)}
                connection.exec_driver_sql(statement, parameters)
    with engine.connect() as connection:
        autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
        autocommit.exec_driver_sql("VACUUM ANALYZE")
        # The copies' pages written out now, not by the checkpointer during a timed pull (whose server
        # CPU the benchmark reports). A DBA who may not checkpoint only skips this.
        with contextlib.suppress(InsufficientPrivilege):
            autocommit.exec_driver_sql("CHECKPOINT")
        rows, size = _size(connection)
    return (
        f"beside {count} other branches' copies of its rows: {rows:,} rows, {size} in all "
        f"(copied in {time.perf_counter() - started:.0f} s)"
    )


def _size(connection: Connection) -> tuple[int, str]:
    tables = ("customers", "cases", "case_events", "customer_changes", "audit_log")
    rows = sum(int(connection.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()) for t in tables)
    size = connection.exec_driver_sql("SELECT pg_size_pretty(pg_database_size(current_database()))").scalar()
    return rows, str(size)
