"""A customer's records from every branch, fetched on demand by blind index when the central database
is reachable, decrypted and compared exactly, stored locally, and recorded in the operation log."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from app import audit
from app.context import ServiceContext
from app.domain import CustomerField, LookupKind
from app.errors import InvalidValue, ValidationError
from app.permissions import Permission, require
from app.services import customers as customer_service
from app.sync import central_pull, local_apply, payloads
from app.validation.search import recognise_search_term


@dataclass(frozen=True, slots=True)
class RemoteHistory:
    customer_ids: tuple[str, ...]
    cases: int


def _matches(ctx: ServiceContext, item: local_apply.PulledItem, kind: LookupKind, value: str) -> bool:
    row = payloads.decode_row(item.payload["row"])
    key = ctx.crypto.unwrap_customer_key(row["id"], payloads.decode_row(item.payload["key"])["wrapped_key"])
    field = {
        LookupKind.ID_NUMBER: CustomerField.ID_NUMBER,
        LookupKind.MOBILE: CustomerField.MOBILE,
        LookupKind.CARD: CustomerField.ACCOUNTS,
    }[kind]
    column = customer_service.COLUMNS[field]
    plain = ctx.crypto.decrypt_text(key, customer_service.TABLE, column, row["id"], row[column])
    return value in payloads.from_bytes(plain.encode()) if field is CustomerField.ACCOUNTS else plain == value


def fetch_customer_history(
    store: object, ctx: ServiceContext, central_engine: Engine, term: str
) -> RemoteHistory:
    """Network lane: the customers a full ID / mobile / card number belongs to, with all their cases."""
    require(ctx.actor, Permission.CUSTOMER_FETCH_REMOTE)
    try:
        kind, value = recognise_search_term(term)
    except InvalidValue as exc:
        raise ValidationError({"term": exc.message}) from None
    digest = ctx.crypto.blind_index(kind, value)
    with central_engine.connect() as connection:
        found = [item for item in central_pull.customers_by_digest(connection, kind.value, digest)]
        found = [item for item in found if _matches(ctx, item, kind, value)]
        history = [entry for item in found for entry in central_pull.history_of(connection, item.id)]
    with store.transaction() as session:  # type: ignore[attr-defined]
        for item in (*found, *history):
            local_apply.apply(session, ctx, item)
        for item in found:
            cases = sum(1 for entry in history if entry.entity == "case")
            audit.record(session, ctx, "customer.fetch_remote", "customer", item.id, detail=f"cases={cases}")
    return RemoteHistory(tuple(item.id for item in found), sum(1 for e in history if e.entity == "case"))
