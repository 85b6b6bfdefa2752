"""Reading from the central database what a workstation may see: its branch's cases, their events, the
customers they refer to, its branch's operation log and conflicts; ordered by the server's sequence."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import Connection, any_, select, text
from sqlalchemy.dialects.postgresql import insert

from app.sync.local_apply import PulledItem
from db import central_schema as central

# For a branch's own role, row-level security (central migration 0003) enforces the same scope; the
# explicit filters keep the query right on the DBA's connection, which RLS does not bind.
# The customers a branch may see: its own, and those its cases refer to (from any branch).
_VISIBLE_CUSTOMERS = """
    (cu.branch = :branch OR cu.id IN (SELECT customer_id FROM cases WHERE branch = :branch
                                                              AND customer_id IS NOT NULL))
"""
# Appended rows this very workstation wrote are already here.
_NOT_MINE = "NOT (x.payload->>'origin_branch' = :branch AND x.payload->>'origin_workstation' = :workstation)"

# One SELECT per kind of row, each ordered by its own sequence column. The batch query limits each of
# them before the union: with the (branch, last_seq) / last_seq indexes of central migration 0004 every
# part is an index range scan that stops after :limit rows, so a batch costs the same at any cursor
# instead of scanning and sorting all of the branch's rows.
_PARTS = (
    ("cu.last_seq", f"""
    SELECT 'customer' AS entity, cu.id AS id, cu.last_seq AS seq, cu.payload AS payload
      FROM customers cu WHERE cu.last_seq > :cursor AND {_VISIBLE_CUSTOMERS}"""),
    ("c.last_seq", """
    SELECT 'case', c.id, c.last_seq, c.payload FROM cases c
     WHERE c.last_seq > :cursor AND c.branch = :branch"""),
    ("x.last_seq", f"""
    SELECT 'case_event', x.id, x.last_seq, x.payload
      FROM case_events x JOIN cases c ON c.id = x.case_id
     WHERE x.last_seq > :cursor AND c.branch = :branch AND {_NOT_MINE}"""),
    ("x.last_seq", f"""
    SELECT 'customer_change', x.id, x.last_seq, x.payload
      FROM customer_changes x JOIN customers cu ON cu.id = x.customer_id
     WHERE x.last_seq > :cursor AND {_VISIBLE_CUSTOMERS} AND {_NOT_MINE}"""),
    ("x.last_seq", f"""
    SELECT 'audit', x.id, x.last_seq, x.payload FROM audit_log x
     WHERE x.last_seq > :cursor AND x.branch = :branch AND {_NOT_MINE}"""),
    ("s.last_seq", """
    SELECT 'staff', s.id, s.last_seq, s.payload FROM staff s
     WHERE s.last_seq > :cursor AND s.branch = :branch"""),
    ("f.winner_seq", """
    SELECT 'conflict', CAST(f.id AS VARCHAR), f.winner_seq,
           jsonb_build_object('id', CAST(f.id AS VARCHAR), 'entity', f.entity, 'entity_id', f.entity_id,
                              'losing_version', f.losing_version, 'losing_workstation', f.losing_workstation,
                              'losing_payload', f.losing_payload,
                              'detected_at', jsonb_build_object(
                                  '$ts', to_char(f.detected_at AT TIME ZONE 'UTC',
                                                 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')))
      FROM conflicts f WHERE f.winner_seq > :cursor AND f.branch = :branch"""),
)  # fmt: skip

_SCOPED = "\n    UNION ALL".join(part for _, part in _PARTS)
_FIRST_OF_EACH = "\n    UNION ALL".join(
    f"({part}\n     ORDER BY {order} LIMIT :limit)" for order, part in _PARTS
)
_BATCH = text(
    f"SELECT entity, id, seq, payload FROM ({_FIRST_OF_EACH}) AS visible ORDER BY seq, entity LIMIT :limit"
)
_REMAINING = text(f"SELECT count(*) FROM ({_SCOPED}) AS visible")


def pull_batch(
    connection: Connection, branch: str, workstation: str, cursor: int, limit: int
) -> list[PulledItem]:
    rows = connection.execute(
        _BATCH, {"branch": branch, "workstation": workstation, "cursor": cursor, "limit": limit}
    ).all()
    return [PulledItem(row.entity, row.id, row.seq, row.payload) for row in rows]


def remaining(connection: Connection, branch: str, workstation: str, cursor: int) -> int:
    """How many items a pull from `cursor` will bring (for the progress of a large first pull)."""
    return connection.execute(
        _REMAINING, {"branch": branch, "workstation": workstation, "cursor": cursor}
    ).scalar_one()


def current_customers(connection: Connection, customer_ids: Collection[str]) -> list[PulledItem]:
    """The current rows of these customers (parents a batch refers to), in one round trip."""
    table = central.customers
    rows = connection.execute(
        select(table.c.id, table.c.last_seq, table.c.payload).where(table.c.id == any_(list(customer_ids)))
    ).all()
    return [PulledItem("customer", row.id, row.last_seq, row.payload) for row in rows]


def current_cases(connection: Connection, case_ids: Collection[str]) -> list[PulledItem]:
    """The current rows of these cases (parents a batch's events refer to), in one round trip."""
    table = central.cases
    rows = connection.execute(
        select(table.c.id, table.c.last_seq, table.c.payload).where(table.c.id == any_(list(case_ids)))
    ).all()
    return [PulledItem("case", row.id, row.last_seq, row.payload) for row in rows]


def customer_candidates(connection: Connection, kind: str, digest: int) -> list[PulledItem]:
    """Every branch's customers whose blind index matches (the caller compares decrypted values).

    Through a SECURITY DEFINER function: a branch role cannot read other branches' customers directly,
    and the function records the access centrally (access_log)."""
    rows = connection.execute(
        text("SELECT id, seq, payload FROM branchdesk_customer_candidates(:kind, :digest)"),
        {"kind": kind, "digest": digest},
    ).all()
    return [PulledItem("customer", row.id, row.seq, row.payload) for row in rows]


def customer_history(
    connection: Connection, kind: str, digest: int, customer_ids: Sequence[str]
) -> list[PulledItem]:
    """The customers among `customer_ids` that the blind index really points to, their cases (all
    branches) and the cases' timelines: customers first, each case before its events. Logged centrally."""
    rows = connection.execute(
        text(
            "SELECT entity, id, seq, payload FROM branchdesk_customer_history(:kind, :digest, "
            "CAST(:ids AS VARCHAR[]))"
        ),
        {"kind": kind, "digest": digest, "ids": list(customer_ids)},
    ).all()
    return [PulledItem(row.entity, row.id, row.seq, row.payload) for row in rows]


def touch_client(connection: Connection, branch: str, workstation: str, **values: Any) -> None:
    statement = insert(central.sync_clients).values(branch=branch, workstation=workstation, **values)
    connection.execute(statement.on_conflict_do_update(index_elements=["branch", "workstation"], set_=values))
