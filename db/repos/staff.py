"""Rows of staff accounts (local copy; the central database is where they are managed from)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Row, func, insert, select, update
from sqlalchemy.orm import Session

from db.local_schema import staff


def by_username(session: Session, username: str) -> Row[Any] | None:
    return session.execute(select(staff).where(staff.c.username == username)).one_or_none()


def by_id(session: Session, staff_id: str) -> Row[Any] | None:
    return session.execute(select(staff).where(staff.c.id == staff_id)).one_or_none()


def insert_staff(session: Session, row: Mapping[str, Any]) -> None:
    session.execute(insert(staff), [dict(row)])


def update_staff(session: Session, staff_id: str, values: Mapping[str, Any]) -> None:
    session.execute(update(staff).where(staff.c.id == staff_id).values(**values))


def all_staff(session: Session) -> Sequence[Row[Any]]:
    return session.execute(select(staff).order_by(staff.c.username)).all()


def count_active_admins(session: Session) -> int:
    return session.execute(
        select(func.count()).select_from(staff).where(staff.c.role == "admin", staff.c.active.is_(True))
    ).scalar_one()
