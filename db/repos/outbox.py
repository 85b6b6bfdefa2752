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


_QUEUED = (outbox.c.sent_at.is_(None), outbox.c.refused_at.is_(None))
_REFUSED = (outbox.c.sent_at.is_(None), outbox.c.refused_at.is_not(None))


def pending(session: Session, limit: int, after: int = 0) -> Sequence[Row[Any]]:
    """The next changes to send after outbox seq `after`, oldest first: what a push needs of them."""
    columns = (outbox.c.seq, outbox.c.change_id, outbox.c.entity, outbox.c.entity_id, outbox.c.version)
    query = (
        select(*columns, outbox.c.payload)
        .where(*_QUEUED, outbox.c.seq > after)
        .order_by(outbox.c.seq)
        .limit(limit)
    )
    return session.execute(query).all()


def pending_count(session: Session) -> int:
    """Changes waiting to be sent (not those set aside as refused)."""
    return session.execute(select(func.count()).select_from(outbox).where(*_QUEUED)).scalar_one()


def refused_count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(outbox).where(*_REFUSED)).scalar_one()


def refused(session: Session) -> Sequence[Row[Any]]:
    columns = (outbox.c.seq, outbox.c.entity, outbox.c.entity_id, outbox.c.refused_at, outbox.c.last_error)
    return session.execute(select(*columns).where(*_REFUSED).order_by(outbox.c.seq)).all()


def mark_refused(session: Session, seq: int, at: dt.datetime, error: str) -> None:
    session.execute(
        update(outbox)
        .where(outbox.c.seq == seq)
        .values(refused_at=at, attempts=outbox.c.attempts + 1, last_error=error[:200])
    )


def requeue_refused(session: Session) -> int:
    """Put refused changes back in the queue (after the cause was dealt with); how many."""
    result = session.execute(update(outbox).where(*_REFUSED).values(refused_at=None))
    return result.rowcount


def has_pending(session: Session, entity: str, entity_id: str) -> bool:
    """An unsent change of the record, refused ones included: a pull must not overwrite it."""
    query = select(outbox.c.seq).where(
        outbox.c.sent_at.is_(None), outbox.c.entity == entity, outbox.c.entity_id == entity_id
    )
    return session.execute(query.limit(1)).first() is not None


def mark_sent(session: Session, seqs: Sequence[int], at: dt.datetime) -> None:
    session.execute(update(outbox).where(outbox.c.seq.in_(list(seqs))).values(sent_at=at, last_error=None))


def mark_batch_sent(session: Session, first: int, last: int, at: dt.datetime) -> None:
    """Mark sent a batch read by `pending`: its rows are exactly the queued ones from seq `first` to
    `last`. (A change queued since has a higher seq, as row `last` still exists; a change set aside or
    sent meanwhile is not queued.) A range, not a list of 500 seqs, keeps the statement small."""
    session.execute(
        update(outbox).where(*_QUEUED, outbox.c.seq.between(first, last)).values(sent_at=at, last_error=None)
    )


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
