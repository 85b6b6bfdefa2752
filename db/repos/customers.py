"""Rows of customers, their wrapped keys, blind-index lookup entries and change history."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Row, delete, func, insert, select, update
from sqlalchemy.orm import Session

from db.local_schema import customer_changes, customer_keys, customer_lookup, customers


def insert_customer(session: Session, row: Mapping[str, Any], wrapped_key: Mapping[str, Any]) -> None:
    session.execute(insert(customers), [dict(row)])
    session.execute(insert(customer_keys), [dict(wrapped_key)])


def update_customer(
    session: Session, customer_id: str, expected_version: int, values: Mapping[str, Any]
) -> bool:
    """Optimistic update: False when someone else changed the row since it was read."""
    result = session.execute(
        update(customers)
        .where(customers.c.id == customer_id, customers.c.version == expected_version)
        .values(**values, version=expected_version + 1)
    )
    return result.rowcount == 1


def get_customer(session: Session, customer_id: str) -> Row[Any] | None:
    """The customer row joined with its wrapped key (None when either is gone)."""
    query = (
        select(customers, customer_keys.c.wrapped_key)
        .join(customer_keys, customer_keys.c.customer_id == customers.c.id)
        .where(customers.c.id == customer_id)
    )
    return session.execute(query).one_or_none()


def candidates(session: Session, kind: str, digest: int) -> Sequence[Row[Any]]:
    """Customers whose blind index matches; several may, so callers compare decrypted values."""
    query = (
        select(customers, customer_keys.c.wrapped_key)
        .join(customer_lookup, customer_lookup.c.customer_id == customers.c.id)
        .join(customer_keys, customer_keys.c.customer_id == customers.c.id)
        .where(customer_lookup.c.kind == kind, customer_lookup.c.digest == digest)
        .distinct()
    )
    return session.execute(query).all()


def recent(session: Session, limit: int) -> Sequence[Row[Any]]:
    query = (
        select(customers, customer_keys.c.wrapped_key)
        .join(customer_keys, customer_keys.c.customer_id == customers.c.id)
        .order_by(customers.c.updated_at.desc())
        .limit(limit)
    )
    return session.execute(query).all()


def replace_lookup(session: Session, customer_id: str, entries: Iterable[tuple[str, int]]) -> None:
    session.execute(delete(customer_lookup).where(customer_lookup.c.customer_id == customer_id))
    rows = [{"customer_id": customer_id, "kind": kind, "digest": digest} for kind, digest in entries]
    if rows:
        session.execute(insert(customer_lookup), rows)


def append_change(session: Session, row: Mapping[str, Any]) -> None:
    session.execute(insert(customer_changes), [dict(row)])


def changes_for(session: Session, customer_id: str) -> Sequence[Row[Any]]:
    query = (
        select(customer_changes)
        .where(customer_changes.c.customer_id == customer_id)
        .order_by(customer_changes.c.at.desc())
    )
    return session.execute(query).all()


def count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(customers)).scalar_one()


def ids_and_types(session: Session) -> list[tuple[str, str]]:
    query = select(customers.c.id, customers.c.id_type).order_by(customers.c.created_at)
    return [(row.id, row.id_type) for row in session.execute(query)]
