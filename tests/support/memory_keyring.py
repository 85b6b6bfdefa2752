"""An in-memory keyring backend for tests: real keyring API, nothing written to disk."""

from __future__ import annotations

from typing import ClassVar

import keyring.backend
import keyring.errors


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Shares one class-level store, so an instance keyring builds from the
    PYTHON_KEYRING_BACKEND variable and the test's own instance see the same entries."""

    priority = 1  # type: ignore[assignment]
    # Never touches disk, so choose_keyring may treat it as a secure store.
    branchdesk_encrypted = True

    _passwords: ClassVar[dict[tuple[str, str], str]] = {}

    @classmethod
    def clear(cls) -> None:
        cls._passwords.clear()

    def get_password(self, service: str, username: str) -> str | None:
        return self._passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self._passwords[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("no such password") from None
