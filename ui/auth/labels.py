"""Translated names of staff roles, for the lock screen and the status bar."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain import Actor, Role


def role_label(role: Role | str) -> str:
    return {
        Role.TELLER: QCoreApplication.translate("AuthLabels", "Teller"),
        Role.SUPERVISOR: QCoreApplication.translate("AuthLabels", "Supervisor"),
        Role.ADMIN: QCoreApplication.translate("AuthLabels", "Administrator"),
        Role.AUDITOR: QCoreApplication.translate("AuthLabels", "Auditor"),
    }.get(role, str(role))  # a StrEnum member and its value look up alike


def who_label(actor: Actor) -> str:
    """The staff member's name and role, e.g. "张三 (柜员)"; never a customer's value."""
    return (
        QCoreApplication.translate("AuthLabels", "%1 (%2)")
        .replace("%1", actor.display_name)
        .replace("%2", role_label(actor.role))
    )
