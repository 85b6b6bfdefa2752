"""Encrypted backups: taken while cases are written, restored into an empty data dir, tampering refused."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.backup import (
    BackupFailed,
    create_backup,
    list_backups,
    newest_verified,
    organisation_crypto,
    restore_backup,
    verify_backup,
)
from app.backup_file import BackupInvalid, BackupWrongKey
from app.backup_schedule import backup_due, run_scheduled
from app.config import Settings
from app.context import ServiceContext
from app.crypto.fields import FieldCrypto
from app.domain import CaseKind, ComplaintType, CustomerField
from app.services import cases as case_service
from app.services import intake
from app.services.customers import reveal_field
from app.store import OpenedStore, build_context, open_store
from db.local_schema import cases, customers
from tests.conftest import make_settings
from tests.support.cases import complaint_for
from tests.support.customers import KNOWN

PLAINTEXTS = [KNOWN.name, KNOWN.id_number, KNOWN.mobile, KNOWN.address, KNOWN.accounts[0]]


def _category(ctx: ServiceContext) -> str:
    return next(c.code for c in ctx.reference.taxonomy.causes() if c.internal_type is ComplaintType.SERVICE)


def _count(store: OpenedStore, table) -> int:  # type: ignore[no-untyped-def]
    with store.transaction() as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def test_backup_while_cases_are_written_restores_into_an_empty_data_dir(
    tmp_path: Path, settings: Settings, store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    category = _category(ctx)
    stop = threading.Event()
    written: list[str] = []

    failures: list[BaseException] = []
    with store.transaction() as session:
        intake.submit_case(session, ctx, complaint_for(known_customer, category))

    def writer() -> None:
        try:
            while not stop.is_set():
                with store.transaction() as session:
                    draft = complaint_for(known_customer, category, kind=CaseKind.INQUIRY)
                    ref, _ = intake.submit_case(session, ctx, draft)
                written.append(ref.id)
        except BaseException as exc:  # surfaced below instead of hanging the test
            failures.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        for _ in range(1000):
            if len(written) >= 3 or failures:
                break
            stop.wait(0.01)
        infos = [create_backup(settings, store.crypto)[0] for _ in range(3)]
    finally:
        stop.set()
        thread.join()
    assert not failures, failures
    assert len(written) >= 3
    backup = infos[-1]
    raw = backup.path.read_bytes()
    for value in PLAINTEXTS:
        assert value.encode("utf-8") not in raw
    assert oct(backup.path.stat().st_mode & 0o777) == "0o600"

    verified = verify_backup(settings, store.crypto, backup.path)
    assert verified.customers == 1 and verified.cases >= 3

    # A fresh PC: empty data dir, the same organisation key in its keyring.
    fresh = make_settings(tmp_path / "fresh")
    result = restore_backup(fresh, organisation_crypto(fresh), backup.path)
    assert result.replaced is None
    restored = open_store(fresh)
    try:
        fresh_ctx = build_context(restored, fresh)
        assert _count(restored, cases) == verified.cases
        assert _count(restored, customers) == 1
        with restored.transaction() as session:
            value, _ = reveal_field(session, fresh_ctx, known_customer, CustomerField.ID_NUMBER, "test")
            assert value == KNOWN.id_number
            for case_id in session.execute(select(cases.c.id)).scalars():
                assert case_service.get_case(session, fresh_ctx, case_id).summary
    finally:
        restored.close()


@pytest.mark.parametrize("where", ["header", "body", "end"])
def test_a_backup_with_one_byte_flipped_is_refused_and_nothing_changes(
    tmp_path: Path, settings: Settings, store: OpenedStore, known_customer: str, where: str
) -> None:
    backup = create_backup(settings, store.crypto)[0]
    data = bytearray(backup.path.read_bytes())
    position = {"header": 30, "body": len(data) // 2, "end": len(data) - 1}[where]
    data[position] ^= 0x01
    tampered = tmp_path / "tampered.bdbk"
    tampered.write_bytes(bytes(data))
    with pytest.raises((BackupInvalid, BackupWrongKey)):
        verify_backup(settings, store.crypto, tampered)
    fresh = make_settings(tmp_path / "fresh")
    with pytest.raises((BackupInvalid, BackupWrongKey)):
        restore_backup(fresh, organisation_crypto(fresh), tampered)
    assert not fresh.data_paths.store.exists()
    assert not any(p.name.endswith((".restoring", ".tmp")) for p in fresh.data_paths.root.rglob("*"))


def test_truncated_and_foreign_files_are_refused(
    tmp_path: Path, settings: Settings, store: OpenedStore
) -> None:
    backup = create_backup(settings, store.crypto)[0]
    truncated = tmp_path / "short.bdbk"
    truncated.write_bytes(backup.path.read_bytes()[:-20])
    with pytest.raises(BackupInvalid):
        verify_backup(settings, store.crypto, truncated)
    foreign = tmp_path / "other.bdbk"
    foreign.write_bytes(b"SQLite format 3\x00" + bytes(100))
    with pytest.raises(BackupInvalid) as refused:
        verify_backup(settings, store.crypto, foreign)
    assert "没有恢复任何内容" in refused.value.render("zh_CN")


def test_a_backup_under_another_organisation_key_is_refused(settings: Settings, store: OpenedStore) -> None:
    backup = create_backup(settings, store.crypto)[0]
    with pytest.raises(BackupWrongKey):
        verify_backup(settings, FieldCrypto(bytes(32)), backup.path)


def test_restore_keeps_the_replaced_store_and_marks_a_resync(
    settings: Settings, store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    backup = create_backup(settings, store.crypto)[0]
    with store.transaction() as session:
        intake.submit_case(session, ctx, complaint_for(known_customer, _category(ctx)))
    store.close()
    result = restore_backup(settings, organisation_crypto(settings), backup.path)
    assert result.replaced is not None and (result.replaced / "branchdesk.sqlite").exists()
    reopened = open_store(settings)
    try:
        assert _count(reopened, cases) == 0
        with reopened.transaction() as session:
            from db.repos import meta

            assert meta.get(session, "resync_after_restore") == "1"
    finally:
        reopened.close()


def test_schedule_takes_a_backup_when_due_and_keeps_only_the_newest(
    tmp_path: Path, memory_keyring: object
) -> None:
    import datetime as dt

    # A full every day: each backup is its own chain (chains of incrementals: test_backup_incremental.py).
    settings = make_settings(
        tmp_path, backup_keep="2", backup_full_days="1", backup_share_dir=str(tmp_path / "share")
    )
    opened = open_store(settings)
    try:
        start = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
        for day in range(4):
            now = start + dt.timedelta(days=day)
            assert backup_due(settings, now)
            assert len(run_scheduled(settings, opened.crypto, now)) == 2  # local and share
            assert not backup_due(settings, now + dt.timedelta(hours=1))
        assert len(list_backups(settings.data_paths.backups)) == 2
        assert len(list_backups(tmp_path / "share")) == 2
        # The clock moved back before the newest backup: a backup is due, not skipped for days.
        assert backup_due(settings, start)
        assert newest_verified(settings, opened.crypto).info.header.created_at.startswith("2026-11-04")
    finally:
        opened.close()


def test_an_unwritable_backup_folder_fails_clearly_and_leaves_no_file(
    tmp_path: Path, settings: Settings, store: OpenedStore
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(BackupFailed) as failed:
        create_backup(settings, store.crypto, folder=blocker / "sub")
    assert "数据未受影响" in failed.value.render("zh_CN")
    assert not list(settings.data_paths.root.glob(".backup-*"))
