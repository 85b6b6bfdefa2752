"""Rows of the operation log: appended, read back in order, never updated or deleted here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Row, func, insert, select
from sqlalchemy.orm import Session

from db.local_schema import audit_log


def append(session: Session, row: Mapping[str, Any]) -> None:
    session.execute(insert(audit_log), [dict(row)])


def recent(session: Session, limit: int) -> Sequence[Row[Any]]:
    return session.execute(select(audit_log).order_by(audit_log.c.seq.desc()).limit(limit)).all()


def last_mac(session: Session, workstation: str) -> bytes | None:
    query = (
        select(audit_log.c.mac)
        .where(audit_log.c.workstation == workstation)
        .order_by(audit_log.c.seq.desc())
        .limit(1)
    )
    return session.execute(query).scalar_one_or_none()


def in_order(session: Session) -> Sequence[Row[Any]]:
    return session.execute(select(audit_log).order_by(audit_log.c.seq)).all()


def _conditions(
    staff_id: str, action: str, object_id: str, since: dt.datetime | None, until: dt.datetime | None
) -> list[Any]:
    conditions: list[Any] = []
    if staff_id:
        conditions.append(audit_log.c.staff_id == staff_id)
    if action:
        conditions.append(
            audit_log.c.action.startswith(action) if action.endswith(".") else audit_log.c.action == action
        )
    if object_id:
        conditions.append(audit_log.c.object_id == object_id)
    if since is not None:
        conditions.append(audit_log.c.at >= since)
    if until is not None:
        conditions.append(audit_log.c.at < until)
    return conditions


def search(
    session: Session,
    staff_id: str = "",
    action: str = "",
    object_id: str = "",
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Sequence[Row[Any]]:
    query = select(audit_log).where(*_conditions(staff_id, action, object_id, since, until))
    return session.execute(query.order_by(audit_log.c.seq.desc()).offset(offset).limit(limit)).all()


def count(
    session: Session,
    staff_id: str = "",
    action: str = "",
    object_id: str = "",
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> int:
    query = select(func.count()).select_from(audit_log)
    return session.execute(query.where(*_conditions(staff_id, action, object_id, since, until))).scalar_one()
