"""Store-wide key/value facts (store id, key check value)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from db.local_schema import meta


def get(session: Session, key: str) -> str | None:
    return session.execute(select(meta.c.value).where(meta.c.key == key)).scalar_one_or_none()


def put(session: Session, key: str, value: str) -> None:
    statement = insert(meta).values(key=key, value=value)
    session.execute(statement.on_conflict_do_update(index_elements=[meta.c.key], set_={"value": value}))
