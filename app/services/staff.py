"""Staff accounts: administrators add, disable and reset them; every change is logged and synced."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app import audit
from app.auth.passwords import check_policy, hash_password
from app.changes import Changes
from app.context import ServiceContext
from app.domain import Role
from app.errors import CaseRuleViolation, InvalidValue, NotFound, ValidationError
from app.messages import Message
from app.permissions import Permission, require
from app.sync import outbox
from db.repos import staff as repo

USERNAME = re.compile(r"^[a-z0-9._]{3,32}$")


@dataclass(frozen=True, slots=True)
class StaffMember:
    id: str
    username: str
    display_name: str
    branch: str
    role: Role
    active: bool
    locked: bool


def _password(password: str) -> None:
    try:
        check_policy(password)
    except InvalidValue as exc:
        raise ValidationError({"password": exc.message}) from None


def add_staff(
    session: Session,
    ctx: ServiceContext,
    username: str,
    display_name: str,
    role: Role,
    password: str,
    branch: str | None = None,
) -> str:
    """A new account (administrators only; `branchdesk-admin users add` creates the first one)."""
    require(ctx.actor, Permission.STAFF_MANAGE)
    errors: dict[str, Message] = {}
    username = username.strip().lower()
    if not USERNAME.match(username):
        errors["username"] = Message("username_format")
    elif repo.by_username(session, username) is not None:
        errors["username"] = Message("username_taken")
    display_name = display_name.strip()
    if not display_name or len(display_name) > 64:
        errors["display_name"] = Message("required")
    try:
        check_policy(password)
    except InvalidValue as exc:
        errors["password"] = exc.message
    if errors:
        raise ValidationError(errors)
    staff_id = str(uuid.uuid4())
    now = ctx.clock()
    repo.insert_staff(
        session,
        {
            "id": staff_id,
            "username": username,
            "display_name": display_name,
            "branch": branch or ctx.actor.branch,
            "role": Role(role).value,
            "password_phc": hash_password(password, ctx.reference.password_params),
            "active": True,
            "created_at": now,
            "updated_at": now,
            "version": 1,
            "failed_attempts": 0,
            "locked_until": None,
        },
    )
    outbox.staff_written(session, ctx, staff_id)
    audit.record(session, ctx, "staff.add", "staff", staff_id, detail=f"role={Role(role).value}")
    return staff_id


def _change(session: Session, ctx: ServiceContext, username: str, action: str, **values: object) -> Changes:
    row = repo.by_username(session, username)
    if row is None:
        raise NotFound()
    repo.update_staff(session, row.id, {**values, "updated_at": ctx.clock(), "version": row.version + 1})
    outbox.staff_written(session, ctx, row.id)
    audit.record(session, ctx, f"staff.{action}", "staff", row.id)
    return Changes(audit=True)


def set_active(session: Session, ctx: ServiceContext, username: str, active: bool) -> Changes:
    require(ctx.actor, Permission.STAFF_MANAGE)
    row = repo.by_username(session, username)
    if row is None:
        raise NotFound()
    if not active and row.role == Role.ADMIN.value and repo.count_active_admins(session) <= 1:
        raise CaseRuleViolation("last_admin")
    return _change(session, ctx, username, "enable" if active else "disable", active=active)


def reset_password(session: Session, ctx: ServiceContext, username: str, password: str) -> Changes:
    require(ctx.actor, Permission.STAFF_MANAGE)
    _password(password)
    phc = hash_password(password, ctx.reference.password_params)
    return _change(
        session, ctx, username, "reset_password", password_phc=phc, failed_attempts=0, locked_until=None
    )


def list_staff(session: Session, ctx: ServiceContext) -> list[StaffMember]:
    require(ctx.actor, Permission.STAFF_MANAGE)
    now = ctx.clock()
    return [
        StaffMember(
            id=row.id,
            username=row.username,
            display_name=row.display_name,
            branch=row.branch,
            role=Role(row.role),
            active=row.active,
            locked=row.locked_until is not None and row.locked_until > now,
        )
        for row in repo.all_staff(session)
    ]
