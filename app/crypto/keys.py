"""The organisation key in the OS keyring: choosing a safe backend, and loading or creating the key."""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass

import keyring
import keyring.backend
import keyring.backends.chainer
import keyring.core
import keyring.errors

from app.errors import ConfigInvalid, KeyringFailure, NoSecureKeyring, WrongKey

KEYRING_SERVICE = "BranchDesk"
ORG_KEY_USERNAME = "organisation-data-key"
ORG_KEY_BYTES = 32

# Backends that keep secrets encrypted by the OS (module of the backend's own class).
_ENCRYPTED_MODULES = frozenset(
    {
        "keyring.backends.Windows",
        "keyring.backends.macOS",
        "keyring.backends.SecretService",
        "keyring.backends.kwallet",
        "keyring.backends.libsecret",
    }
)
# Backends that cannot hold a key at all: even an explicit choice of them is refused,
# since the null backend would silently lose a freshly created key.
_UNUSABLE = frozenset({"keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"})
_WINDOWS_VAULT = "keyring.backends.Windows.WinVaultKeyring"


@dataclass(frozen=True)
class KeyringChoice:
    """The backend to use, and whether it was chosen by IT and encrypts at rest."""

    backend: keyring.backend.KeyringBackend
    name: str
    explicit: bool
    encrypted: bool


def _class_name(backend: keyring.backend.KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__name__}"


def _is_encrypted(backend: keyring.backend.KeyringBackend) -> bool:
    if getattr(type(backend), "branchdesk_encrypted", False) is True:
        return True
    if isinstance(backend, keyring.backends.chainer.ChainerBackend):
        chained = list(backend.backends)
        # A chain reads from every member, so one plaintext member makes the whole chain unsafe.
        return bool(chained) and all(_is_encrypted(member) for member in chained)
    return type(backend).__module__ in _ENCRYPTED_MODULES


def _keep_on_this_machine(backend: keyring.backend.KeyringBackend) -> None:
    # Credential Manager's default (enterprise) persistence roams with the profile; the key
    # must stay on this workstation. The Persistence descriptor accepts "local machine".
    is_chain = isinstance(backend, keyring.backends.chainer.ChainerBackend)
    members = list(backend.backends) if is_chain else [backend]
    for member in members:
        if _class_name(member) == _WINDOWS_VAULT:
            member.persist = "local machine"  # type: ignore[attr-defined]


def _load_named(setting: str) -> keyring.backend.KeyringBackend:
    try:
        backend = keyring.core.load_keyring(setting)
    except (ImportError, AttributeError, ValueError):
        raise ConfigInvalid("keyring_backend", "no such keyring backend class") from None
    except RuntimeError:
        # keyring signals a backend that cannot work here (e.g. no D-Bus) with RuntimeError.
        raise NoSecureKeyring(backend=setting) from None
    if not isinstance(backend, keyring.backend.KeyringBackend):
        raise ConfigInvalid("keyring_backend", "not a keyring backend class")
    keyring.set_keyring(backend)
    return backend


def _configured_outside() -> bool:
    """True when IT chose a backend through keyring's own environment variable or config file."""
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return True
    try:
        return keyring.core.load_config() is not None
    except Exception:
        # A config file naming a missing backend is still an explicit (broken) choice;
        # keyring.get_keyring() below reports it.
        return True


def choose_keyring(setting: str = "") -> KeyringChoice:
    """Pick the keyring backend, refusing (fail closed) an implicit one that is not encrypted."""
    setting = setting.strip()
    if setting:
        backend = _load_named(setting)
        explicit = True
    else:
        explicit = _configured_outside()
        try:
            backend = keyring.get_keyring()
        except (ImportError, AttributeError, RuntimeError, ValueError):
            raise ConfigInvalid(
                "PYTHON_KEYRING_BACKEND", "the configured keyring backend cannot be loaded"
            ) from None
    name = _class_name(backend)
    if name in _UNUSABLE:
        raise NoSecureKeyring(backend=name)
    encrypted = _is_encrypted(backend)
    if not explicit and not encrypted:
        raise NoSecureKeyring(backend=name)
    _keep_on_this_machine(backend)
    return KeyringChoice(backend=backend, name=name, explicit=explicit, encrypted=encrypted)


class OrgKeyStore:
    """Loads, creates and deletes the organisation key (base64) in the chosen keyring."""

    def __init__(self, choice: KeyringChoice) -> None:
        self._choice = choice
        self._backend = choice.backend

    def __repr__(self) -> str:
        return f"OrgKeyStore(backend={self._choice.name!r})"

    def _get(self) -> str | None:
        try:
            return self._backend.get_password(KEYRING_SERVICE, ORG_KEY_USERNAME)
        except keyring.errors.KeyringError as exc:
            raise KeyringFailure(f"reading the key failed ({type(exc).__name__})") from None

    def load(self) -> bytes | None:
        """The key, None if there is none yet; WrongKey if the entry is not a 32-byte key."""
        stored = self._get()
        if stored is None:
            return None
        try:
            key = base64.b64decode(stored.strip(), validate=True)
        except (binascii.Error, ValueError):
            raise WrongKey() from None
        if len(key) != ORG_KEY_BYTES:
            raise WrongKey()
        return key

    def create(self) -> bytes:
        """Generate and store a new key; refuses if any entry exists (never overwrite a key)."""
        # load() also raises WrongKey for a malformed entry, which is equally not ours to replace.
        if self.load() is not None:
            raise KeyringFailure("an organisation key already exists; it was not replaced")
        key = os.urandom(ORG_KEY_BYTES)
        encoded = base64.b64encode(key).decode("ascii")
        try:
            self._backend.set_password(KEYRING_SERVICE, ORG_KEY_USERNAME, encoded)
        except keyring.errors.KeyringError as exc:
            raise KeyringFailure(f"storing the key failed ({type(exc).__name__})") from None
        # Read back: a backend that drops writes would otherwise leave data no key can open.
        if self.load() != key:
            raise KeyringFailure("the keyring did not keep the new key")
        return key

    def install(self, key: bytes) -> bool:
        """Store the organisation key IT enrols; True if it was new here, False if already present.

        A different key already in the keyring is never replaced: data sealed under it would be lost.
        """
        if len(key) != ORG_KEY_BYTES:
            raise WrongKey()
        existing = self.load()
        if existing is not None:
            if existing != key:
                raise KeyringFailure("a different organisation key is in this keyring; it was not replaced")
            return False
        encoded = base64.b64encode(key).decode("ascii")
        try:
            self._backend.set_password(KEYRING_SERVICE, ORG_KEY_USERNAME, encoded)
        except keyring.errors.KeyringError as exc:
            raise KeyringFailure(f"storing the key failed ({type(exc).__name__})") from None
        if self.load() != key:
            raise KeyringFailure("the keyring did not keep the enrolled key")
        return True

    def delete(self) -> None:
        """Remove the key if present (IT use only: data sealed under it becomes unreadable)."""
        if self._get() is None:
            return
        try:
            self._backend.delete_password(KEYRING_SERVICE, ORG_KEY_USERNAME)
        except keyring.errors.KeyringError as exc:
            raise KeyringFailure(f"deleting the key failed ({type(exc).__name__})") from None
