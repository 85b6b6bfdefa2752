"""What the case services share: the case's key, encrypted content and timeline, deadline upkeep."""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Collection, Iterable, Mapping
from types import MappingProxyType
from typing import Any

from sqlalchemy import Row, delete, func, select
from sqlalchemy.orm import Session

from app.case_domain import AgentDetails, CaseRef
from app.context import ServiceContext
from app.crypto.cipher import DataKey
from app.domain import CaseEventKind, CaseKind, CaseStatus, Channel, Severity
from app.errors import BranchDeskError, CaseRuleViolation, NotFound, StaleVersion
from app.services import case_marks as marks
from app.sla import CaseFacts, Clock, TimelineFact, binding_clock, clocks_for
from app.sync import outbox
from db.local_schema import case_events, cases, meta
from db.repos import cases as repo
from db.repos import meta as meta_repo

CASES_TABLE = "cases"
EVENTS_TABLE = "case_events"
CUSTOMER_SCOPE = "customer"
ORG_SCOPE = "org"

CLOCK_OUTCOMES_PENDING = "clock_outcomes_pending"  # set by migration 0007 on a store that had cases
BACKFILL_BATCH = 1000

CONTENT_FIELDS = (
    "summary",
    "description",
    "desired_outcome",
    "products",
    "staff_complained_about",
    "legal_representative",
)


def load_case(session: Session, case_id: str) -> Row[Any]:
    row = repo.get_case(session, case_id)
    if row is None:
        raise NotFound()
    return row


def load_for_update(session: Session, ref: CaseRef, ctx: ServiceContext | None = None) -> Row[Any]:
    row = load_case(session, ref.id)
    if row.version != ref.version:
        raise StaleVersion()
    if ctx is not None and row.branch != ctx.actor.branch:
        # Another branch's case (fetched for the customer's history) is read-only here; only its own
        # branch may change it, and the central database would refuse the change anyway.
        raise CaseRuleViolation("case_other_branch")
    return row


class CustomerDataErased(BranchDeskError):
    """The case's text was sealed under a customer key an erasure destroyed: nothing can read or add to it."""

    def __init__(self) -> None:
        super().__init__("customer_erased")


def key_destroyed(row: Row[Any]) -> bool:
    """True when the case's text is under a customer key that no longer exists (the customer was erased)."""
    return row.key_scope == CUSTOMER_SCOPE and row.wrapped_key is None


def case_key(ctx: ServiceContext, row: Row[Any]) -> DataKey | None:
    """The customer's data key, or None when the case's text is under the organisation key."""
    if key_destroyed(row):
        raise CustomerDataErased()
    if row.key_scope == CUSTOMER_SCOPE:
        return ctx.crypto.unwrap_customer_key(row.customer_id, row.wrapped_key)
    return None


def seal_text(
    ctx: ServiceContext, key: DataKey | None, table: str, column: str, row_id: str, value: str
) -> bytes:
    if key is None:
        return ctx.crypto.encrypt_org_text(table, column, row_id, value)
    return ctx.crypto.encrypt_text(key, table, column, row_id, value)


def open_text(
    ctx: ServiceContext, key: DataKey | None, table: str, column: str, row_id: str, envelope: bytes
) -> str:
    if key is None:
        return ctx.crypto.decrypt_org_text(table, column, row_id, envelope)
    return ctx.crypto.decrypt_text(key, table, column, row_id, envelope)


def seal_content(ctx: ServiceContext, key: DataKey | None, case_id: str, content: Mapping[str, Any]) -> bytes:
    return seal_text(ctx, key, CASES_TABLE, "content_ct", case_id, json.dumps(content, ensure_ascii=False))


def open_content(ctx: ServiceContext, key: DataKey | None, row: Row[Any]) -> dict[str, Any]:
    return json.loads(open_text(ctx, key, CASES_TABLE, "content_ct", row.id, row.content_ct))


def agent_of(content: Mapping[str, Any]) -> AgentDetails | None:
    agent = content.get("agent")
    return AgentDetails(**agent) if agent else None


def append_event(
    session: Session,
    ctx: ServiceContext,
    row: Row[Any],
    kind: CaseEventKind,
    *,
    text: str = "",
    data: Mapping[str, Any] | None = None,
    status_to: CaseStatus | None = None,
    key: DataKey | None = None,
    at: Any = None,
) -> str:
    """One timeline entry in the caller's transaction; `text` (free, maybe personal) is encrypted."""
    event_id = str(uuid.uuid4())
    repo.append_event(
        session,
        {
            "id": event_id,
            "case_id": row.id,
            "kind": kind.value,
            "at": at or ctx.clock(),
            "actor": ctx.actor.staff_id,
            "status_from": row.status if status_to is not None else None,
            "status_to": status_to.value if status_to is not None else None,
            "data": json.dumps(dict(data or {}), ensure_ascii=False, sort_keys=True),
            "text_ct": seal_text(ctx, key, EVENTS_TABLE, "text_ct", event_id, text) if text else None,
        },
    )
    outbox.case_event_appended(session, ctx, event_id)
    return event_id


_EVENT_KINDS = {kind.value: kind for kind in CaseEventKind}
_STATUSES = {status.value: status for status in CaseStatus}


@functools.lru_cache(maxsize=1024)
def _event_data(text: str) -> Mapping[str, Any]:
    # Timelines repeat a few shapes of facts ("{}", a callback's outcome ...): parsed once, shared read-only.
    return MappingProxyType(json.loads(text))


def _facts(row: Any, events: Iterable[Any]) -> CaseFacts:
    """The case's facts from its row and its events in timeline order (by time, then position)."""
    timeline = tuple(
        TimelineFact(
            kind=_EVENT_KINDS.get(event.kind) or CaseEventKind(event.kind),
            at=event.at,
            status=(_STATUSES.get(event.status_to) or CaseStatus(event.status_to))
            if event.status_to
            else None,
            data=_event_data(event.data),
        )
        for event in events
    )
    return CaseFacts(
        kind=CaseKind(row.kind),
        severity=Severity(row.severity),
        channel=Channel(row.channel),
        received_at=row.received_at,
        events=timeline,
    )


def facts_of(session: Session, row: Row[Any]) -> CaseFacts:
    return _facts(row, repo.events_for(session, row.id))


def current_clocks(session: Session, ctx: ServiceContext, row: Row[Any]) -> list[Clock]:
    reference = ctx.reference
    return clocks_for(facts_of(session, row), ctx.clock(), reference.calendar, reference.policies)


def _ids_param(case_ids: Collection[str]) -> Any:
    # The ids as one JSON parameter: one statement text whatever their number (see local_apply.one_of).
    return select(func.json_each(json.dumps(list(case_ids))).table_valued("value").c.value)


def refresh_deadline(session: Session, ctx: ServiceContext, case_id: str) -> None:
    """Store the binding clock so the queue can sort and filter by deadline in SQL, and what the
    supervision figures need from the timeline (app/services/case_marks.py)."""
    refresh_deadlines(session, ctx, [case_id])


# The deadline and the timeline's marks (case_marks.case_columns), derived: no version bump.
_DERIVED = (
    cases.c.next_clock,
    cases.c.next_due_at,
    cases.c.next_warn_at,
    cases.c.deadline_sort,
    cases.c.first_response_at,
    cases.c.first_resolved_at,
    cases.c.called_back,
    cases.c.satisfaction,
)
_SET_DERIVED = f"UPDATE {cases.name} SET {', '.join(f'{c.name} = ?' for c in _DERIVED)} WHERE id = ?"


def refresh_deadlines(session: Session, ctx: ServiceContext, case_ids: Collection[str]) -> None:
    """refresh_deadline for many cases at once (a pulled batch): the cases and their timelines are
    read with one query each and the derived columns written with one statement."""
    if not case_ids:
        return
    ids = _ids_param(case_ids)
    connection = session.connection()
    rows = connection.execute(
        select(
            cases.c.id,
            cases.c.kind,
            cases.c.severity,
            cases.c.channel,
            cases.c.received_at,
            cases.c.branch,
            cases.c.owner,
            *_DERIVED,
        ).where(cases.c.id.in_(ids))
    ).all()
    events = connection.execute(
        select(
            case_events.c.case_id,
            case_events.c.kind,
            case_events.c.at,
            case_events.c.status_to,
            case_events.c.data,
        )
        .where(case_events.c.case_id.in_(ids))
        .order_by(case_events.c.case_id, case_events.c.at, case_events.c.seq)
    ).all()
    timelines: dict[str, list[Any]] = {}
    for event in events:
        timelines.setdefault(event.case_id, []).append(event)
    reference, now = ctx.reference, ctx.clock()
    derived = []
    clock_rows: list[tuple[Any, ...]] = []
    for row in rows:
        facts = _facts(row, timelines.get(row.id, ()))
        clocks = clocks_for(facts, now, reference.calendar, reference.policies)
        binding = binding_clock(clocks)
        due = binding.due_at if binding else None
        warn = binding.warn_at if binding else None
        first_response, first_resolved, called_back, satisfaction = marks.case_columns(facts)
        name, sort_key = binding.name if binding else None, repo.sort_key(due)
        values = (name, due, warn, sort_key, first_response, first_resolved, called_back, satisfaction)
        if values != tuple(row)[-len(_DERIVED) :]:  # a pulled case mostly comes with them right already
            derived.append(
                (
                    name,
                    marks.as_stored(due),
                    marks.as_stored(warn),
                    sort_key,
                    marks.as_stored(first_response),
                    marks.as_stored(first_resolved),
                    called_back,
                    satisfaction,
                    row.id,
                )
            )
        settled = marks.settled_clocks(facts, now, clocks, reference.calendar, reference.policies)
        clock_rows += marks.clock_rows(row, settled)
    if derived:
        # Straight to the driver, as the clocks (case_marks.store_clocks): thousands per pulled batch.
        connection.exec_driver_sql(_SET_DERIVED, derived)
    marks.store_clocks(connection, ids, clock_rows)


def backfill_if_pending(session: Session, ctx: ServiceContext) -> int:
    """Once after the upgrade to schema 0007: evaluate every case's clocks (the migration cannot run the
    deadline engine) and mark the store done. The number of cases refreshed; 0 when nothing was pending."""
    if meta_repo.get(session, CLOCK_OUTCOMES_PENDING) is None:
        return 0
    case_ids = list(session.execute(select(cases.c.id).order_by(cases.c.id)).scalars())
    for first in range(0, len(case_ids), BACKFILL_BATCH):
        refresh_deadlines(session, ctx, case_ids[first : first + BACKFILL_BATCH])
    session.execute(delete(meta).where(meta.c.key == CLOCK_OUTCOMES_PENDING))
    return len(case_ids)


def bump(session: Session, ctx: ServiceContext, row: Row[Any], **values: Any) -> CaseRef:
    """Apply a change to the case row under optimistic locking; the new reference."""
    if not repo.update_case(session, row.id, row.version, {**values, "updated_at": ctx.clock()}):
        raise StaleVersion()
    outbox.case_written(session, ctx, row.id)
    return CaseRef(row.id, row.number, row.version + 1)
