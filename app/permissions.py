"""Which role may do what; services call require() before doing anything."""

from __future__ import annotations

from enum import StrEnum

from app.domain import Actor, Role
from app.errors import PermissionDenied


class Permission(StrEnum):
    CUSTOMER_READ = "customer.read"
    CUSTOMER_WRITE = "customer.write"
    CUSTOMER_REVEAL = "customer.reveal"
    AUDIT_READ = "audit.read"


_STAFF = {Permission.CUSTOMER_READ, Permission.CUSTOMER_WRITE, Permission.CUSTOMER_REVEAL}

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.TELLER: frozenset(_STAFF),
    Role.SUPERVISOR: frozenset(_STAFF | {Permission.AUDIT_READ}),
    Role.ADMIN: frozenset({Permission.AUDIT_READ}),
    Role.AUDITOR: frozenset({Permission.AUDIT_READ}),
}


def require(actor: Actor, permission: Permission) -> None:
    if permission not in GRANTS.get(actor.role, frozenset()):
        raise PermissionDenied(permission.value)
