"""The outbox: appended with every local write, read in batches by the sync engine, marked once sent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Row, func, insert, select, update
from sqlalchemy.orm import Session

from db.local_schema import outbox


def append(session: Session, row: Mapping[str, Any]) -> None:
    session.execute(insert(outbox), [{"attempts": 0, **row}])


def pending(session: Session, limit: int) -> Sequence[Row[Any]]:
    query = select(outbox).where(outbox.c.sent_at.is_(None)).order_by(outbox.c.seq).limit(limit)
    return session.execute(query).all()


def pending_count(session: Session) -> int:
    return session.execute(
        select(func.count()).select_from(outbox).where(outbox.c.sent_at.is_(None))
    ).scalar_one()


def has_pending(session: Session, entity: str, entity_id: str) -> bool:
    query = select(outbox.c.seq).where(
        outbox.c.sent_at.is_(None), outbox.c.entity == entity, outbox.c.entity_id == entity_id
    )
    return session.execute(query.limit(1)).first() is not None


def mark_sent(session: Session, seqs: Sequence[int], at: dt.datetime) -> None:
    session.execute(update(outbox).where(outbox.c.seq.in_(list(seqs))).values(sent_at=at, last_error=None))


def record_failure(session: Session, seqs: Sequence[int], error: str) -> None:
    session.execute(
        update(outbox)
        .where(outbox.c.seq.in_(list(seqs)))
        .values(attempts=outbox.c.attempts + 1, last_error=error[:200])
    )


def all_rows(session: Session) -> Sequence[Row[Any]]:
    return session.execute(select(outbox).order_by(outbox.c.seq)).all()


def last_sent_at(session: Session) -> dt.datetime | None:
    return session.execute(select(func.max(outbox.c.sent_at))).scalar_one()
