"""Rows of the operation log: appended, read back in order, never updated or deleted here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Row, insert, select
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
