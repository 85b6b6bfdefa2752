"""Signing in: Argon2id check, lockout after repeated failures, every attempt in the operation log."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app import audit
from app.auth.passwords import verify_password
from app.context import ServiceContext
from app.domain import Actor, Role
from app.errors import SignInRefused
from db.repos import staff as repo

# A password check for an unknown user name costs the same as for a known one (no enumeration).
_DUMMY_PHC = (
    "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI"
)


def _as(ctx: ServiceContext, staff_id: str, role: Role = Role.TELLER) -> ServiceContext:
    return dataclasses.replace(ctx, actor=dataclasses.replace(ctx.actor, staff_id=staff_id, role=role))


@dataclass(frozen=True, slots=True)
class SignInOutcome:
    """A refusal is returned, not raised, so the transaction that records it (the failure count, the
    lock and the operation-log entry) commits; `refusal` is raised to the caller by `actor_or_raise`."""

    actor: Actor | None
    refusal: SignInRefused | None = None

    def actor_or_raise(self) -> Actor:
        if self.refusal is not None:
            raise self.refusal
        assert self.actor is not None
        return self.actor


def sign_in(session: Session, ctx: ServiceContext, username: str, password: str) -> SignInOutcome:
    """The signed-in staff member as the actor for every later service call; refusals are logged.
    `ctx` is the workstation's context (its actor supplies branch and workstation)."""
    username = username.strip().lower()
    policy = ctx.reference.lockout
    now = ctx.clock()
    row = repo.by_username(session, username)
    if row is None:
        verify_password(password, _DUMMY_PHC)
        audit.record(session, _as(ctx, username), "auth.sign_in", "staff", username, result="failed")
        return SignInOutcome(None, SignInRefused("sign_in_failed"))
    who = _as(ctx, row.id, Role(row.role))
    if row.locked_until is not None and row.locked_until > now:
        minutes = max(1, int((row.locked_until - now).total_seconds() // 60) + 1)
        audit.record(session, who, "auth.sign_in", "staff", row.id, result="locked")
        return SignInOutcome(None, SignInRefused("account_locked", minutes=minutes))
    if not verify_password(password, row.password_phc):
        failures = row.failed_attempts + 1
        locked_until = now + dt.timedelta(minutes=policy.minutes) if failures >= policy.attempts else None
        repo.update_staff(
            session,
            row.id,
            {"failed_attempts": 0 if locked_until else failures, "locked_until": locked_until},
        )
        audit.record(session, who, "auth.sign_in", "staff", row.id, result="failed")
        if locked_until is not None:
            audit.record(session, who, "auth.lock_account", "staff", row.id)
            return SignInOutcome(None, SignInRefused("account_locked", minutes=policy.minutes))
        return SignInOutcome(None, SignInRefused("sign_in_failed"))
    if not row.active:
        audit.record(session, who, "auth.sign_in", "staff", row.id, result="disabled")
        return SignInOutcome(None, SignInRefused("account_disabled"))
    repo.update_staff(session, row.id, {"failed_attempts": 0, "locked_until": None})
    audit.record(session, who, "auth.sign_in", "staff", row.id)
    actor = Actor(
        staff_id=row.id,
        display_name=row.display_name,
        role=Role(row.role),
        branch=ctx.actor.branch,
        workstation=ctx.actor.workstation,
    )
    return SignInOutcome(actor)


def sign_out(session: Session, ctx: ServiceContext, reason: str = "user") -> None:
    """reason: "user", "switch" or "idle" (the lock screen)."""
    audit.record(session, ctx, "auth.sign_out", "staff", ctx.actor.staff_id, detail=f"reason={reason}")
