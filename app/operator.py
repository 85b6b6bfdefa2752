"""Who is at the keyboard until staff sign-in exists: the OS account, as a teller of the configured branch."""

from __future__ import annotations

import getpass

from app.config import Settings
from app.domain import Actor, Role


def local_actor(settings: Settings, role: Role = Role.TELLER) -> Actor:
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) or no login name
        login = "operator"
    return Actor(
        staff_id=login,
        display_name=login,
        role=role,
        branch=settings.branch,
        workstation=settings.workstation,
    )
