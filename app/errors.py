"""Typed exceptions raised by app/ and db/ callers; ui/errors.py maps them to messages."""

from __future__ import annotations

from typing import Any

from app.messages import Message


class BranchDeskError(Exception):
    """Base of every expected failure; carries a translatable message, never a personal value."""

    def __init__(self, code: str, **params: Any) -> None:
        self.message = Message(code, dict(params))
        super().__init__(str(self.message))

    def render(self, language: str = "zh_CN") -> str:
        return self.message.render(language)


class ValidationError(BranchDeskError):
    """Bad input: one message per field; nothing was changed."""

    def __init__(self, field_errors: dict[str, Message]) -> None:
        self.field_errors = dict(field_errors)
        first = next(iter(self.field_errors.values()))
        super().__init__(first.code, **first.params)
        self.args = (", ".join(f"{name}: {msg}" for name, msg in self.field_errors.items()),)

    def __str__(self) -> str:
        return self.args[0]


class PermissionDenied(BranchDeskError):
    def __init__(self, action: str) -> None:
        super().__init__("permission_denied", action=action)


class NotFound(BranchDeskError):
    def __init__(self) -> None:
        super().__init__("not_found")


class StaleVersion(BranchDeskError):
    def __init__(self) -> None:
        super().__init__("stale_version")


class KeyUnavailable(BranchDeskError):
    def __init__(self) -> None:
        super().__init__("key_unavailable")


class WrongKey(BranchDeskError):
    def __init__(self) -> None:
        super().__init__("wrong_key")


class NoSecureKeyring(BranchDeskError):
    def __init__(self, backend: str) -> None:
        super().__init__("no_secure_keyring", backend=backend)


class KeyringFailure(BranchDeskError):
    def __init__(self, detail: str) -> None:
        super().__init__("keyring_error", detail=detail)


class DecryptionFailed(BranchDeskError):
    """A ciphertext failed authentication: tampered, moved to another row/column, or wrong key."""

    def __init__(self) -> None:
        super().__init__("decrypt_failed")


class StoreNewerThanApp(BranchDeskError):
    def __init__(self, revision: str) -> None:
        super().__init__("store_newer", revision=revision)


class MigrationFailed(BranchDeskError):
    """Upgrading the store's schema failed; the copy taken just before was put back (or could not be)."""

    def __init__(self, backup: str, restored: bool) -> None:
        super().__init__("migration_failed_restored" if restored else "migration_failed", backup=backup)
        self.restored = restored


class EnrolmentFileInvalid(BranchDeskError):
    def __init__(self, detail: str) -> None:
        super().__init__("enrolment_file_invalid", detail=detail)


class StoreCorrupt(BranchDeskError):
    def __init__(self, detail: str) -> None:
        super().__init__("store_corrupt", detail=detail)


class StoreUnwritable(BranchDeskError):
    def __init__(self, path: str, detail: str) -> None:
        super().__init__("store_unwritable", path=path, detail=detail)


class ConfigInvalid(BranchDeskError):
    def __init__(self, name: str, detail: str) -> None:
        super().__init__("config_invalid", name=name, detail=detail)


class InvalidValue(ValueError):
    """One value failed validation; services gather these per field into a ValidationError."""

    def __init__(self, code: str, **params: Any) -> None:
        self.message = Message(code, dict(params))
        super().__init__(str(self.message))


class IllegalTransition(BranchDeskError):
    """A lifecycle move the rules do not allow; nothing was changed."""

    def __init__(self, current: str, target: str) -> None:
        super().__init__(
            "illegal_transition", current=Message(f"status_{current}"), target=Message(f"status_{target}")
        )


class CaseRuleViolation(BranchDeskError):
    """An action the case rules refuse in the case's present state (e.g. closing without a callback)."""


class SignInRefused(BranchDeskError):
    """Wrong credentials, a locked or a disabled account: the reason is in the message code."""


class CentralUnavailable(BranchDeskError):
    """The central database could not be reached; the work stays local."""

    def __init__(self) -> None:
        super().__init__("central_unreachable")
