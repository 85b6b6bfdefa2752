"""Shared fixtures: offscreen Qt, an in-memory keyring, isolated settings, a real store and context."""

from __future__ import annotations

import os

# Before anything imports Qt: tests never need a display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest

from app.config import Settings, load_settings
from app.context import ServiceContext
from app.domain import Role
from app.services.customers import register_customer
from app.store import OpenedStore, build_context, open_store
from tests.support.customers import KNOWN, with_role
from tests.support.memory_keyring import MemoryKeyring

# The documented way to name a backend class explicitly (keyring_backend setting).
MEMORY_KEYRING = f"{MemoryKeyring.__module__}.{MemoryKeyring.__qualname__}"


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An empty in-memory keyring as the process default; the previous one is restored after."""
    previous: keyring.backend.KeyringBackend = keyring.get_keyring()
    backend = MemoryKeyring()
    MemoryKeyring.clear()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        MemoryKeyring.clear()
        keyring.set_keyring(previous)


def make_settings(tmp_path: Path, **values: str) -> Settings:
    """Settings from defaults plus ``values`` only: no site/user config files, no environment."""
    overrides = {
        "data_dir": str(tmp_path / "data"),
        "keyring_backend": MEMORY_KEYRING,
        "language": "zh_CN",
        **values,
    }
    return load_settings(
        overrides,
        environ={},
        site_file=tmp_path / "absent-site.ini",
        user_file=tmp_path / "absent-user.ini",
    )


@pytest.fixture
def settings(tmp_path: Path, memory_keyring: MemoryKeyring) -> Settings:
    """A data dir in tmp_path and the memory keyring chosen explicitly through the setting."""
    return make_settings(tmp_path)


@pytest.fixture
def store(settings: Settings) -> Iterator[OpenedStore]:
    """The real store: a SQLite file in tmp_path, migrated, with a key in the memory keyring."""
    opened = open_store(settings)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def ctx(store: OpenedStore, settings: Settings) -> ServiceContext:
    return build_context(store, settings)


@pytest.fixture
def known_customer(store: OpenedStore, ctx: ServiceContext) -> str:
    """KNOWN registered directly through the service, before any widget exists; its id."""
    with store.transaction() as session:
        ref, _changes = register_customer(session, ctx, KNOWN)
    return ref.id


@pytest.fixture
def supervisor_ctx(ctx: ServiceContext) -> ServiceContext:
    return with_role(ctx, Role.SUPERVISOR)
