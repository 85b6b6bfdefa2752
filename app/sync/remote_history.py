"""A customer's records from every branch, fetched on demand by blind index when the central database
is reachable, decrypted and compared exactly, stored locally, and recorded in the operation log.

Two calls, both SECURITY DEFINER functions that log the access centrally: the candidates a blind index
points to (the workstation decrypts and compares them), then the history of the true matches only."""

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
    # One transaction: the central functions log each access, and that log must commit.
    with central_engine.begin() as connection:
        candidates = central_pull.customer_candidates(connection, kind.value, digest)
        matched = [item.id for item in candidates if _matches(ctx, item, kind, value)]
        # Only the true matches' histories leave the server, never a false candidate's cases.
        items = central_pull.customer_history(connection, kind.value, digest, matched) if matched else []
    found = [item for item in items if item.entity == "customer"]
    cases = sum(1 for item in items if item.entity == "case")
    with store.transaction() as session:  # type: ignore[attr-defined]
        for item in items:
            local_apply.apply(session, ctx, item)
        for item in found:
            audit.record(session, ctx, "customer.fetch_remote", "customer", item.id, detail=f"cases={cases}")
    return RemoteHistory(tuple(item.id for item in found), cases)
