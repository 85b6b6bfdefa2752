"""Reading from the central database what a workstation may see: its branch's cases, their events, the
customers they refer to, its branch's operation log and conflicts; ordered by the server's sequence."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, text
from sqlalchemy.dialects.postgresql import insert

from app.sync.local_apply import PulledItem
from db import central_schema as central

# The customers a branch may see: its own, and those its cases refer to (from any branch).
_VISIBLE_CUSTOMERS = """
    (cu.branch = :branch OR cu.id IN (SELECT customer_id FROM cases WHERE branch = :branch
                                                              AND customer_id IS NOT NULL))
"""
# Appended rows this very workstation wrote are already here.
_NOT_MINE = "NOT (x.payload->>'origin_branch' = :branch AND x.payload->>'origin_workstation' = :workstation)"

_SCOPED = f"""
    SELECT 'customer' AS entity, cu.id AS id, cu.last_seq AS seq, cu.payload AS payload
      FROM customers cu WHERE cu.last_seq > :cursor AND {_VISIBLE_CUSTOMERS}
    UNION ALL
    SELECT 'case', c.id, c.last_seq, c.payload FROM cases c WHERE c.last_seq > :cursor AND c.branch = :branch
    UNION ALL
    SELECT 'case_event', x.id, x.last_seq, x.payload
      FROM case_events x JOIN cases c ON c.id = x.case_id
     WHERE x.last_seq > :cursor AND c.branch = :branch AND {_NOT_MINE}
    UNION ALL
    SELECT 'customer_change', x.id, x.last_seq, x.payload
      FROM customer_changes x JOIN customers cu ON cu.id = x.customer_id
     WHERE x.last_seq > :cursor AND {_VISIBLE_CUSTOMERS} AND {_NOT_MINE}
    UNION ALL
    SELECT 'audit', x.id, x.last_seq, x.payload FROM audit_log x
     WHERE x.last_seq > :cursor AND x.branch = :branch AND {_NOT_MINE}
    UNION ALL
    SELECT 'staff', s.id, s.last_seq, s.payload FROM staff s WHERE s.last_seq > :cursor AND s.branch = :branch
    UNION ALL
    SELECT 'conflict', CAST(f.id AS VARCHAR), f.winner_seq,
           jsonb_build_object('id', CAST(f.id AS VARCHAR), 'entity', f.entity, 'entity_id', f.entity_id,
                              'losing_version', f.losing_version, 'losing_workstation', f.losing_workstation,
                              'losing_payload', f.losing_payload,
                              'detected_at', jsonb_build_object(
                                  '$ts', to_char(f.detected_at AT TIME ZONE 'UTC',
                                                 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')))
      FROM conflicts f WHERE f.winner_seq > :cursor AND f.branch = :branch
"""


def pull_batch(
    connection: Connection, branch: str, workstation: str, cursor: int, limit: int
) -> list[PulledItem]:
    query = text(
        f"SELECT entity, id, seq, payload FROM ({_SCOPED}) AS visible ORDER BY seq, entity LIMIT :limit"
    )
    rows = connection.execute(
        query, {"branch": branch, "workstation": workstation, "cursor": cursor, "limit": limit}
    ).all()
    return [PulledItem(row.entity, row.id, row.seq, row.payload) for row in rows]


def remaining(connection: Connection, branch: str, workstation: str, cursor: int) -> int:
    """How many items a pull from `cursor` will bring (for the progress of a large first pull)."""
    query = text(f"SELECT count(*) FROM ({_SCOPED}) AS visible")
    return connection.execute(
        query, {"branch": branch, "workstation": workstation, "cursor": cursor}
    ).scalar_one()


def current_customer(connection: Connection, customer_id: str) -> PulledItem | None:
    row = connection.execute(
        select(central.customers.c.last_seq, central.customers.c.payload).where(
            central.customers.c.id == customer_id
        )
    ).one_or_none()
    return PulledItem("customer", customer_id, row.last_seq, row.payload) if row else None


def current_case(connection: Connection, case_id: str) -> PulledItem | None:
    row = connection.execute(
        select(central.cases.c.last_seq, central.cases.c.payload).where(central.cases.c.id == case_id)
    ).one_or_none()
    return PulledItem("case", case_id, row.last_seq, row.payload) if row else None


def customers_by_digest(connection: Connection, kind: str, digest: int) -> list[PulledItem]:
    """Every branch's customers whose blind index matches (the caller compares decrypted values)."""
    lookup, customers = central.customer_lookup, central.customers
    rows = connection.execute(
        select(customers.c.id, customers.c.last_seq, customers.c.payload)
        .join(lookup, lookup.c.customer_id == customers.c.id)
        .where(lookup.c.kind == kind, lookup.c.digest == digest)
    ).all()
    return [PulledItem("customer", row.id, row.last_seq, row.payload) for row in rows]


def history_of(connection: Connection, customer_id: str) -> list[PulledItem]:
    """A customer's cases (all branches) and their timelines, in server order."""
    cases, events = central.cases, central.case_events
    items: list[PulledItem] = []
    for row in connection.execute(
        select(cases.c.id, cases.c.last_seq, cases.c.payload).where(cases.c.customer_id == customer_id)
    ):
        items.append(PulledItem("case", row.id, row.last_seq, row.payload))
        for event in connection.execute(
            select(events.c.id, events.c.last_seq, events.c.payload).where(events.c.case_id == row.id)
        ):
            items.append(PulledItem("case_event", event.id, event.last_seq, event.payload))
    return items


def touch_client(connection: Connection, branch: str, workstation: str, **values: Any) -> None:
    statement = insert(central.sync_clients).values(branch=branch, workstation=workstation, **values)
    connection.execute(statement.on_conflict_do_update(index_elements=["branch", "workstation"], set_=values))
