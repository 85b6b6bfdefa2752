"""Keyring choice (fail closed on insecure implicit backends) and the organisation key store."""

from __future__ import annotations

import base64
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import keyring.core
import keyring.errors
import pytest
from keyrings.alt.file import PlaintextKeyring

from app.crypto.keys import (
    KEYRING_SERVICE,
    ORG_KEY_USERNAME,
    KeyringChoice,
    OrgKeyStore,
    choose_keyring,
)
from app.errors import ConfigInvalid, KeyringFailure, NoSecureKeyring, WrongKey
from tests.support.memory_keyring import MemoryKeyring

MEMORY = "tests.support.memory_keyring.MemoryKeyring"
PLAINTEXT = "keyrings.alt.file.PlaintextKeyring"


class LockedKeyring(keyring.backend.KeyringBackend):
    """A secure-looking backend whose store is locked; never auto-detected (viable = False)."""

    priority = 1  # type: ignore[assignment]
    viable = False  # type: ignore[assignment]
    branchdesk_encrypted = True

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("collection is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("collection is locked")


class FixedChainer(keyring.backends.chainer.ChainerBackend):
    """A chain over given members, so the test does not depend on what this machine offers."""

    viable = False  # type: ignore[assignment]
    backends: list[keyring.backend.KeyringBackend] = []  # type: ignore[assignment]  # noqa: RUF012


@pytest.fixture(autouse=True)
def isolated_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    # monkeypatch restores keyring's global backend afterwards, whatever the test set.
    monkeypatch.setattr(keyring.core, "_keyring_backend", keyring.core._keyring_backend)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    # keyring's config file and file backends resolve under these: keep them out of $HOME.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "appdata"))
    MemoryKeyring.clear()
    yield
    MemoryKeyring.clear()


def plaintext_keyring(tmp_path: Path) -> PlaintextKeyring:
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")
    return backend


def memory_store() -> OrgKeyStore:
    keyring.set_keyring(MemoryKeyring())
    return OrgKeyStore(choose_keyring())


# -- choose_keyring ----------------------------------------------------------------------------


def test_implicit_plaintext_keyring_is_refused(tmp_path: Path) -> None:
    keyring.set_keyring(plaintext_keyring(tmp_path))
    with pytest.raises(NoSecureKeyring) as caught:
        choose_keyring()
    assert caught.value.message.params["backend"] == PLAINTEXT


def test_explicit_plaintext_keyring_is_allowed(tmp_path: Path) -> None:
    choice = choose_keyring(PLAINTEXT)
    assert isinstance(choice, KeyringChoice)
    assert choice.explicit is True
    assert choice.encrypted is False
    assert choice.name == PLAINTEXT
    assert isinstance(choice.backend, PlaintextKeyring)
    assert keyring.get_keyring() is choice.backend
    choice.backend.file_path = str(tmp_path / "keyring_pass.cfg")
    key = OrgKeyStore(choice).create()
    assert OrgKeyStore(choice).load() == key
    assert (tmp_path / "keyring_pass.cfg").exists()


def test_fail_backend_is_refused_even_when_explicit() -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(NoSecureKeyring):
        choose_keyring()
    with pytest.raises(NoSecureKeyring):
        choose_keyring("keyring.backends.fail.Keyring")


def test_null_backend_is_refused_even_when_explicit() -> None:
    with pytest.raises(NoSecureKeyring):
        choose_keyring("keyring.backends.null.Keyring")


def test_unknown_backend_setting_is_a_config_error() -> None:
    with pytest.raises(ConfigInvalid):
        choose_keyring("no.such.module.Keyring")
    with pytest.raises(ConfigInvalid):
        choose_keyring("keyring.backends.fail.NoSuchClass")


def test_memory_backend_via_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", MEMORY)
    keyring.core.init_backend()
    choice = choose_keyring()
    assert (choice.name, choice.explicit, choice.encrypted) == (MEMORY, True, True)
    key = OrgKeyStore(choice).create()
    # The instance keyring built from the variable shares the class-level store with ours.
    stored = MemoryKeyring().get_password(KEYRING_SERVICE, ORG_KEY_USERNAME)
    assert stored is not None
    assert base64.b64decode(stored) == key


def test_memory_backend_via_keyring_config_file(tmp_path: Path) -> None:
    config_dir = tmp_path / "config" / "python_keyring"
    config_dir.mkdir(parents=True)
    (config_dir / "keyringrc.cfg").write_text(f"[backend]\ndefault-keyring={MEMORY}\n")
    keyring.core.init_backend()
    choice = choose_keyring()
    assert (choice.name, choice.explicit, choice.encrypted) == (MEMORY, True, True)


def test_memory_backend_via_setting() -> None:
    choice = choose_keyring(MEMORY)
    assert (choice.name, choice.explicit, choice.encrypted) == (MEMORY, True, True)
    assert isinstance(keyring.get_keyring(), MemoryKeyring)


def test_implicit_encrypted_backend_is_accepted() -> None:
    keyring.set_keyring(MemoryKeyring())
    choice = choose_keyring()
    assert (choice.name, choice.explicit, choice.encrypted) == (MEMORY, False, True)


def test_chain_is_encrypted_only_if_every_member_is(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    chain = FixedChainer()
    keyring.set_keyring(chain)
    monkeypatch.setattr(FixedChainer, "backends", [MemoryKeyring()])
    assert choose_keyring().encrypted is True
    monkeypatch.setattr(FixedChainer, "backends", [MemoryKeyring(), plaintext_keyring(tmp_path)])
    with pytest.raises(NoSecureKeyring):
        choose_keyring()
    monkeypatch.setattr(FixedChainer, "backends", [])
    with pytest.raises(NoSecureKeyring):
        choose_keyring()


@pytest.mark.skipif(sys.platform != "win32", reason="Windows Credential Manager only")
def test_windows_vault_keeps_key_on_this_machine() -> None:
    import win32cred  # type: ignore[import-not-found]

    choice = choose_keyring("keyring.backends.Windows.WinVaultKeyring")
    assert choice.encrypted is True
    assert choice.backend.persist == win32cred.CRED_PERSIST_LOCAL_MACHINE  # type: ignore[attr-defined]


# -- OrgKeyStore -------------------------------------------------------------------------------


def test_create_load_delete() -> None:
    store = memory_store()
    assert store.load() is None
    key = store.create()
    assert len(key) == 32
    assert store.load() == key
    assert memory_store().load() == key  # another store over the same keyring
    store.delete()
    assert store.load() is None
    store.delete()  # deleting a missing key is a no-op


def test_create_refuses_to_overwrite() -> None:
    store = memory_store()
    key = store.create()
    with pytest.raises(KeyringFailure):
        store.create()
    assert store.load() == key


@pytest.mark.parametrize(
    "entry",
    [
        "not base64 at all!",
        base64.b64encode(b"sixteen bytes!!!").decode(),  # valid base64, wrong length
        "",
    ],
)
def test_malformed_entry_is_wrong_key(entry: str) -> None:
    store = memory_store()
    MemoryKeyring().set_password(KEYRING_SERVICE, ORG_KEY_USERNAME, entry)
    with pytest.raises(WrongKey):
        store.load()
    with pytest.raises(WrongKey):
        store.create()  # not ours to replace either
    assert MemoryKeyring().get_password(KEYRING_SERVICE, ORG_KEY_USERNAME) == entry


def test_locked_keyring_becomes_keyring_failure() -> None:
    keyring.set_keyring(LockedKeyring())
    store = OrgKeyStore(choose_keyring())
    for operation in (store.load, store.create, store.delete):
        with pytest.raises(KeyringFailure) as caught:
            operation()
        assert "KeyringLocked" in str(caught.value)
        assert caught.value.__cause__ is None


def test_memory_keyring_delete_missing_raises() -> None:
    with pytest.raises(keyring.errors.PasswordDeleteError):
        MemoryKeyring().delete_password(KEYRING_SERVICE, "nobody")
