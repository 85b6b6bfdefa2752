"""Rows of cases, their timeline events and the case number sequence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Select, and_, func, insert, or_, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from db.local_schema import case_events, case_numbers, cases, customer_keys, customers


@dataclass(frozen=True, slots=True)
class CaseQuery:
    """Plain filter values; app/ turns a CaseFilter into one of these."""

    statuses: Collection[str] = ()
    kinds: Collection[str] = ()
    severities: Collection[str] = ()
    owner: str | None = None
    branch: str | None = None
    due_before: dt.datetime | None = None  # due today: next deadline before the end of today
    warning_at: dt.datetime | None = None  # in warning at this time (warn passed, due not yet)
    overdue_at: dt.datetime | None = None  # past its next deadline at this time
    number: str | None = None
    customer_ids: Collection[str] | None = None  # None: any customer
    # The dashboard's drill-down: the cases behind one bar of a chart.
    received_from: dt.datetime | None = None
    received_before: dt.datetime | None = None
    category_prefix: str = ""  # a cause code or the start of one (C01 covers C0101 … C0199)
    channels: Collection[str] = ()
    complaint_types: Collection[str] = ()
    business_codes: Collection[str] = ()  # "" among them: cases without a business category


def next_number(session: Session, day: str) -> int:
    """The next sequence number of `day` for this workstation, taken in the caller's transaction."""
    statement = sqlite_insert(case_numbers).values(day=day, last=1)
    statement = statement.on_conflict_do_update(
        index_elements=[case_numbers.c.day], set_={"last": case_numbers.c.last + 1}
    )
    session.execute(statement)
    return session.execute(select(case_numbers.c.last).where(case_numbers.c.day == day)).scalar_one()


def insert_case(session: Session, row: Mapping[str, Any]) -> None:
    session.execute(insert(cases), [dict(row)])


def append_event(session: Session, row: Mapping[str, Any]) -> int:
    """Appends at the end of the case's timeline; returns the event's position."""
    seq = session.execute(
        select(func.coalesce(func.max(case_events.c.seq), 0) + 1).where(
            case_events.c.case_id == row["case_id"]
        )
    ).scalar_one()
    session.execute(insert(case_events), [{**row, "seq": seq}])
    return seq


def update_case(session: Session, case_id: str, expected_version: int, values: Mapping[str, Any]) -> bool:
    """Optimistic update: False when the case changed since it was read."""
    result = session.execute(
        update(cases)
        .where(cases.c.id == case_id, cases.c.version == expected_version)
        .values(**values, version=expected_version + 1)
    )
    return result.rowcount == 1


NO_DEADLINE = "~"  # sorts after every ISO time


def sort_key(moment: dt.datetime | None) -> str:
    """The text the queue sorts and filters deadlines by (same format as UtcDateTime columns)."""
    if moment is None:
        return NO_DEADLINE
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def get_case(session: Session, case_id: str) -> Row[Any] | None:
    """The case with the customer's wrapped key when the text is under the customer's key."""
    query = (
        select(cases, customer_keys.c.wrapped_key)
        .outerjoin(customer_keys, customer_keys.c.customer_id == cases.c.customer_id)
        .where(cases.c.id == case_id)
    )
    return session.execute(query).one_or_none()


def events_for(session: Session, case_id: str) -> Sequence[Row[Any]]:
    return session.execute(
        # By time: events pulled from other workstations get local positions after ours.
        select(case_events)
        .where(case_events.c.case_id == case_id)
        .order_by(case_events.c.at, case_events.c.seq)
    ).all()


def open_cases_of(
    session: Session, customer_id: str, category_code: str, statuses: Collection[str], since: dt.datetime
) -> Sequence[Row[Any]]:
    query = (
        select(cases, customer_keys.c.wrapped_key)
        .outerjoin(customer_keys, customer_keys.c.customer_id == cases.c.customer_id)
        .where(
            cases.c.customer_id == customer_id,
            cases.c.category_code == category_code,
            cases.c.status.in_(list(statuses)),
            cases.c.received_at >= since,
        )
        .order_by(cases.c.received_at.desc())
    )
    return session.execute(query).all()


def _filtered(query: Select[Any], q: CaseQuery) -> Select[Any]:
    conditions = []
    if q.statuses:
        conditions.append(cases.c.status.in_(list(q.statuses)))
    if q.kinds:
        conditions.append(cases.c.kind.in_(list(q.kinds)))
    if q.severities:
        conditions.append(cases.c.severity.in_(list(q.severities)))
    if q.owner is not None:
        conditions.append(cases.c.owner == q.owner)
    if q.branch is not None:
        conditions.append(cases.c.branch == q.branch)
    if q.due_before is not None:
        conditions.append(cases.c.deadline_sort < sort_key(q.due_before))
    if q.warning_at is not None:
        conditions.append(and_(cases.c.next_warn_at <= q.warning_at, cases.c.next_due_at > q.warning_at))
    if q.overdue_at is not None:
        conditions.append(cases.c.deadline_sort <= sort_key(q.overdue_at))
    if q.number is not None:
        conditions.append(cases.c.number == q.number)
    if q.customer_ids is not None:
        conditions.append(cases.c.customer_id.in_(list(q.customer_ids)))
    if q.received_from is not None:
        conditions.append(cases.c.received_at >= q.received_from)
    if q.received_before is not None:
        conditions.append(cases.c.received_at < q.received_before)
    if q.category_prefix:
        conditions.append(cases.c.category_code.startswith(q.category_prefix, autoescape=True))
    if q.channels:
        conditions.append(cases.c.channel.in_(list(q.channels)))
    if q.complaint_types:
        conditions.append(cases.c.internal_type.in_(list(q.complaint_types)))
    if q.business_codes:
        codes = sorted(code for code in q.business_codes if code)
        given = cases.c.business_code.in_(codes)
        conditions.append(or_(given, cases.c.business_code.is_(None)) if "" in q.business_codes else given)
    return query.where(*conditions) if conditions else query


def count(session: Session, q: CaseQuery) -> int:
    return session.execute(_filtered(select(func.count()).select_from(cases), q)).scalar_one()


def ids(
    session: Session, q: CaseQuery, by_deadline: bool, offset: int = 0, limit: int | None = None
) -> list[str]:
    # Nearest deadline first, cases without one last (newest first among equals): the covering
    # index's own order, so a page is read straight from the index.
    newest = cases.c.received_at.desc()
    order = [cases.c.deadline_sort, newest, cases.c.id] if by_deadline else [newest, cases.c.id]
    query = _filtered(select(cases.c.id), q).order_by(*order).offset(offset).limit(limit)
    # Plain driver rows: with 100,000 ids the ORM's per-row work would dominate.
    return [row[0] for row in session.connection().execute(query)]


def rows(session: Session, case_ids: Sequence[str]) -> Sequence[Row[Any]]:
    """Queue rows with what masking the customer's name needs (its ciphertext and wrapped key)."""
    query = (
        select(
            cases,
            customers.c.name_ct,
            customer_keys.c.wrapped_key,
        )
        .outerjoin(customers, customers.c.id == cases.c.customer_id)
        .outerjoin(customer_keys, customer_keys.c.customer_id == cases.c.customer_id)
        .where(cases.c.id.in_(list(case_ids)))
    )
    return session.execute(query).all()
