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
    CASE_READ = "case.read"
    CASE_WRITE = "case.write"
    CASE_OVERRIDE = "case.override"  # close a complaint without a callback
    CONFLICT_RESOLVE = "sync.conflict"  # review and apply edits that lost a concurrent-edit conflict
    CUSTOMER_FETCH_REMOTE = "customer.fetch_remote"  # another branch's records of a customer
    STAFF_MANAGE = "staff.manage"
    SETTINGS_MANAGE = "settings.manage"
    DASHBOARD = "dashboard.read"
    LEGAL_HOLD = "retention.hold"  # place and release legal holds
    SUBJECT_EXPORT = "customer.export"  # everything held about a customer, decrypted (access request)
    CUSTOMER_ERASE = "customer.erase"  # crypto-shred a customer's personal data on request (irreversible)


_STAFF = {
    Permission.CUSTOMER_READ,
    Permission.CUSTOMER_WRITE,
    Permission.CUSTOMER_REVEAL,
    Permission.CASE_READ,
    Permission.CASE_WRITE,
    Permission.CUSTOMER_FETCH_REMOTE,
}

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.TELLER: frozenset(_STAFF),
    Role.SUPERVISOR: frozenset(
        _STAFF
        | {Permission.AUDIT_READ, Permission.CASE_OVERRIDE, Permission.CONFLICT_RESOLVE, Permission.DASHBOARD}
        | {Permission.LEGAL_HOLD, Permission.SUBJECT_EXPORT, Permission.CUSTOMER_ERASE}
    ),
    Role.ADMIN: frozenset({Permission.AUDIT_READ, Permission.STAFF_MANAGE, Permission.SETTINGS_MANAGE}),
    Role.AUDITOR: frozenset(
        {Permission.AUDIT_READ, Permission.CASE_READ, Permission.CUSTOMER_READ, Permission.DASHBOARD}
    ),
}


def require(actor: Actor, permission: Permission) -> None:
    if not has_permission(actor, permission):
        raise PermissionDenied(permission.value)


def has_permission(actor: Actor, permission: Permission) -> bool:
    return permission in GRANTS.get(actor.role, frozenset())
