"""branchdesk-admin doctor: check keyring, key, store and schema; say what is wrong and how to fix it."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from app.config import Settings
from app.crypto.fields import FieldCrypto
from app.crypto.keys import KeyringChoice, OrgKeyStore, choose_keyring
from app.errors import BranchDeskError, StoreCorrupt
from app.messages import Message
from app.store import inspect_store
from db import migrate


@dataclass(frozen=True, slots=True)
class Finding:
    ok: bool
    what: Message
    detail: Message | None = None

    def render(self, language: str) -> str:
        what = self.what.render(language)
        if self.ok:
            return Message("doctor_ok", {"what": what}).render(language)
        detail = self.detail.render(language) if self.detail else ""
        return Message("doctor_problem", {"what": what, "detail": detail}).render(language)


def _problem(exc: BranchDeskError, what: Message) -> Finding:
    return Finding(False, what, exc.message)


def _check_writable(folder: Path) -> Finding:
    what = Message("doctor_writable", {"path": str(folder)})
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".doctor-probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return Finding(
            False, what, Message("store_unwritable", {"path": str(folder), "detail": exc.strerror})
        )
    return Finding(True, what)


def _check_integrity(store: Path) -> Finding:
    what = Message("doctor_integrity")
    try:
        with closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True)) as connection:
            result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return _problem(StoreCorrupt(type(exc).__name__), what)
    return Finding(result == "ok", what, None if result == "ok" else StoreCorrupt(result[:80]).message)


def _check_key(choice: KeyringChoice, store: Path) -> Finding:
    what = Message("doctor_key")
    facts = inspect_store(store)
    if facts.key_check is None:
        return Finding(True, Message("doctor_key_none"))
    try:
        key = OrgKeyStore(choice).load()
    except BranchDeskError as exc:
        return _problem(exc, what)
    if key is None:
        return Finding(False, what, Message("key_unavailable"))
    if not FieldCrypto(key).matches_key_check(facts.key_check):
        return Finding(False, what, Message("wrong_key"))
    return Finding(True, what)


def _check_schema(store: Path) -> Finding:
    facts = inspect_store(store)
    head = migrate.head_revision()
    if facts.revision is not None and facts.revision not in migrate.known_revisions():
        return Finding(
            False,
            Message("doctor_schema", {"revision": facts.revision}),
            Message("store_newer", {"revision": facts.revision}),
        )
    if facts.revision == head:
        return Finding(True, Message("doctor_schema", {"revision": head}))
    return Finding(True, Message("doctor_schema_old", {"revision": facts.revision or "-", "head": head}))


def run_checks(settings: Settings) -> list[Finding]:
    paths = settings.data_paths
    findings = [_check_writable(paths.root)]
    try:
        choice = choose_keyring(settings.keyring_backend)
    except BranchDeskError as exc:
        findings.append(
            _problem(exc, Message("doctor_keyring", {"backend": settings.keyring_backend or "auto"}))
        )
        choice = None
    else:
        code = "doctor_keyring" if choice.encrypted else "doctor_keyring_plain"
        findings.append(Finding(True, Message(code, {"backend": choice.name})))
    if paths.store.exists() and os.path.getsize(paths.store) > 0:
        integrity = _check_integrity(paths.store)
        findings.append(integrity)
        if integrity.ok:
            findings.append(_check_schema(paths.store))
            if choice is not None:
                findings.append(_check_key(choice, paths.store))
    elif choice is not None:
        findings.append(Finding(True, Message("doctor_key_none")))
    return findings
