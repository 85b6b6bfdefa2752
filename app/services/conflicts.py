"""Concurrent-edit conflicts for supervisors: what lost, how it differs, apply it or dismiss it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from app import audit
from app.changes import Changes
from app.context import ServiceContext
from app.domain import CustomerDraft, CustomerField, CustomerRef
from app.errors import CaseRuleViolation, NotFound
from app.permissions import Permission, require
from app.services import customers as customer_service
from app.sync import payloads
from db.local_schema import sync_conflicts


@dataclass(frozen=True, slots=True)
class FieldDifference:
    field: str
    kept: str  # masked
    lost: str  # masked


@dataclass(frozen=True, slots=True)
class ConflictView:
    id: str
    entity: str
    entity_id: str
    losing_version: int
    losing_workstation: str
    detected_at: dt.datetime
    resolved: bool
    differences: tuple[FieldDifference, ...]


def _row(session: Session, conflict_id: str) -> Row[Any]:
    row = session.execute(select(sync_conflicts).where(sync_conflicts.c.id == conflict_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def _losing_customer(ctx: ServiceContext, row: Row[Any]) -> CustomerDraft:
    """The losing version's values, decrypted with the customer's own key (it travels wrapped)."""
    body = payloads.from_bytes(row.losing_payload)
    customer = payloads.decode_row(body["row"])
    key_row = payloads.decode_row(body["key"])
    key = ctx.crypto.unwrap_customer_key(customer["id"], key_row["wrapped_key"])

    def plain(field: CustomerField) -> str:
        column = customer_service.COLUMNS[field]
        return ctx.crypto.decrypt_text(key, customer_service.TABLE, column, customer["id"], customer[column])

    current = CustomerDraft(
        name=plain(CustomerField.NAME),
        id_type=customer["id_type"],
        id_number=plain(CustomerField.ID_NUMBER),
        mobile=plain(CustomerField.MOBILE),
        address=plain(CustomerField.ADDRESS),
        accounts=tuple(json.loads(plain(CustomerField.ACCOUNTS))),
        risk_level=customer["risk_level"],
        kyc_status=customer["kyc_status"],
        consent_given=customer["consent_given"],
        consent_purpose=customer["consent_purpose"],
    )
    return current


def _differences(session: Session, ctx: ServiceContext, row: Row[Any]) -> tuple[FieldDifference, ...]:
    if row.entity != "customer":
        return ()
    lost = _losing_customer(ctx, row)
    kept = customer_service.load_for_edit(session, ctx, row.entity_id).draft
    masking = ctx.masking
    differences = []
    for field in CustomerField:
        attribute = field.value if field is not CustomerField.ACCOUNTS else "accounts"
        old, new = getattr(kept, attribute), getattr(lost, attribute)
        if old != new:
            if field is CustomerField.ACCOUNTS:
                differences.append(
                    FieldDifference(field.value, masking.mask_accounts(old), masking.mask_accounts(new))
                )
            else:
                differences.append(
                    FieldDifference(
                        field.value, masking.mask_field(field, old), masking.mask_field(field, new)
                    )
                )
    for attribute in ("risk_level", "kyc_status", "consent_given", "consent_purpose"):
        if str(getattr(kept, attribute)) != str(getattr(lost, attribute)):
            differences.append(
                FieldDifference(attribute, str(getattr(kept, attribute)), str(getattr(lost, attribute)))
            )
    return tuple(differences)


def list_conflicts(session: Session, ctx: ServiceContext, unresolved_only: bool = True) -> list[ConflictView]:
    require(ctx.actor, Permission.CONFLICT_RESOLVE)
    query = select(sync_conflicts).order_by(sync_conflicts.c.detected_at.desc())
    if unresolved_only:
        query = query.where(sync_conflicts.c.resolved_at.is_(None))
    return [
        ConflictView(
            id=row.id,
            entity=row.entity,
            entity_id=row.entity_id,
            losing_version=row.losing_version,
            losing_workstation=row.losing_workstation,
            detected_at=row.detected_at,
            resolved=row.resolved_at is not None,
            differences=_differences(session, ctx, row),
        )
        for row in session.execute(query)
    ]


def _resolve(session: Session, ctx: ServiceContext, conflict_id: str, resolution: str) -> None:
    session.execute(
        update(sync_conflicts)
        .where(sync_conflicts.c.id == conflict_id)
        .values(resolved_at=ctx.clock(), resolved_by=ctx.actor.staff_id, resolution=resolution)
    )


def apply_losing_version(session: Session, ctx: ServiceContext, conflict_id: str) -> Changes:
    """Make the losing edit the current one: a new version that syncs like any edit, with the reason."""
    require(ctx.actor, Permission.CONFLICT_RESOLVE)
    row = _row(session, conflict_id)
    if row.resolved_at is not None:
        raise CaseRuleViolation("conflict_resolved")
    if row.entity != "customer":
        raise CaseRuleViolation("conflict_not_applicable")
    current = customer_service.load_for_edit(session, ctx, row.entity_id)
    customer_service.update_customer(
        session,
        ctx,
        CustomerRef(row.entity_id, current.ref.version),
        _losing_customer(ctx, row),
        "应用同步冲突中的修改",
    )
    _resolve(session, ctx, conflict_id, "applied")
    audit.record(
        session, ctx, "sync.conflict_apply", row.entity, row.entity_id, detail=f"conflict={conflict_id}"
    )
    return Changes(customers=frozenset({row.entity_id}), audit=True)


def dismiss_conflict(session: Session, ctx: ServiceContext, conflict_id: str) -> Changes:
    require(ctx.actor, Permission.CONFLICT_RESOLVE)
    row = _row(session, conflict_id)
    if row.resolved_at is not None:
        raise CaseRuleViolation("conflict_resolved")
    _resolve(session, ctx, conflict_id, "dismissed")
    audit.record(
        session, ctx, "sync.conflict_dismiss", row.entity, row.entity_id, detail=f"conflict={conflict_id}"
    )
    return Changes(audit=True)
