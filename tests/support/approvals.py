"""A second supervisor in the store, to approve an erasure or a data export with their own password."""

from __future__ import annotations

import datetime as dt

from app.auth.passwords import hash_password
from app.domain import Role
from app.store import OpenedStore
from db.local_schema import staff

APPROVER_PASSWORD = "Approve2026"


def add_staff(
    store: OpenedStore,
    staff_id: str,
    username: str,
    role: Role = Role.SUPERVISOR,
    password: str = APPROVER_PASSWORD,
) -> str:
    """A staff row with a real password hash; the user name."""
    now = dt.datetime.now(dt.UTC)
    with store.transaction() as session:
        session.execute(
            staff.insert(),
            [{
                "id": staff_id, "username": username, "display_name": username, "branch": "0001",
                "role": role.value, "password_phc": hash_password(password), "active": True,
                "created_at": now, "updated_at": now, "version": 1,
                "failed_attempts": 0, "locked_until": None,
            }],
        )  # fmt: skip
    return username
