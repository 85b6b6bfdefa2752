"""Scheduled backups and retention runs leave operation-log entries (as the workstation's scheduler),
on success and on failure, with counts and file names only; the chain still verifies afterwards."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from app import audit, audit_chain
from app.backup import BackupFailed, backup_dir, list_backups
from app.config import Settings
from app.context import ServiceContext
from app.domain import CaseKind, ComplaintType
from app.errors import StoreCorrupt
from app.scheduled_jobs import SCHEDULER, run_backup, run_retention
from app.services import intake
from app.store import OpenedStore
from db.local_schema import cases, customers
from db.repos import audit as audit_repo
from tests.support.cases import complaint_for
from tests.support.customers import KNOWN
from ui.admin import main

START = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)


def _at(ctx: ServiceContext, when: dt.datetime) -> ServiceContext:
    return dataclasses.replace(ctx, clock=lambda: when)


def _entries(store: OpenedStore, action: str) -> list[Any]:
    with store.transaction() as session:
        return [row for row in audit_repo.in_order(session) if row.action == action]


def _chain_ok(store: OpenedStore) -> bool:
    with store.transaction() as session:
        return audit_chain.verify(session, store.crypto).ok


def _assert_no_personal_value(rows: list[Any]) -> None:
    text = "\n".join(
        "|".join(str(v) for v in (r.staff_id, r.workstation, r.action, r.object_id, r.result, r.detail))
        for r in rows
    ).encode("utf-8")
    values = [KNOWN.name, KNOWN.id_number, KNOWN.mobile, KNOWN.address, *KNOWN.accounts]
    values += [KNOWN.id_number[:14], KNOWN.mobile[3:], KNOWN.name[:2]]
    for value in values:
        assert value.encode("utf-8") not in text
    assert all(r.detail_ct is None for r in rows)


def test_a_scheduled_backup_is_logged_as_the_scheduler_and_the_chain_verifies(
    settings: Settings, store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    written = run_backup(store, _at(ctx, START), settings)
    assert len(written) == 1
    [entry] = _entries(store, "backup.create")
    assert (entry.staff_id, entry.workstation, entry.result) == (SCHEDULER, settings.workstation, "ok")
    assert entry.object_id == written[0].header.backup_id
    assert "kind=scheduled type=full" in entry.detail
    assert f"size={written[0].path.stat().st_size}" in entry.detail
    assert entry.detail.endswith(f"file={written[0].path.name}")

    assert run_backup(store, _at(ctx, START + dt.timedelta(hours=1)), settings) == []  # not due: no entry
    assert len(_entries(store, "backup.create")) == 1

    later = run_backup(store, _at(ctx, START + dt.timedelta(days=1)), settings)
    entries = _entries(store, "backup.create")
    assert len(later) == 1 and len(entries) == 2
    assert "type=incremental" in entries[-1].detail
    assert _chain_ok(store)
    _assert_no_personal_value(entries)


def test_a_failed_scheduled_backup_is_logged_as_failed(
    tmp_path: Path, settings: Settings, store: OpenedStore, ctx: ServiceContext
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup folder should be")
    broken = dataclasses.replace(settings, values={**settings.values, "backup_dir": str(blocker / "backups")})
    with pytest.raises(BackupFailed):
        run_backup(store, _at(ctx, START), broken)
    [entry] = _entries(store, "backup.create")
    assert (entry.staff_id, entry.result, entry.object_id) == (SCHEDULER, "failed", "-")
    assert entry.detail == "kind=scheduled error=BackupFailed"  # the class only, no folder
    assert _chain_ok(store)


def _fails(*_args: object, **_kwargs: object) -> object:
    """Stands in for a step that breaks (the store refusing, here)."""
    raise StoreCorrupt("drill")


def test_an_operation_log_failure_never_fails_a_written_backup(
    settings: Settings, store: OpenedStore, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit, "record", _fails)
    written = run_backup(store, _at(ctx, START), settings)
    monkeypatch.undo()
    assert len(written) == 1 and list_backups(backup_dir(settings))
    assert _entries(store, "backup.create") == []  # nothing half-written either
    assert _chain_ok(store)


def test_a_scheduled_retention_run_logs_its_counts(
    settings: Settings, store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    code = next(c.code for c in ctx.reference.taxonomy.causes() if c.internal_type is ComplaintType.SERVICE)
    long_ago = dt.datetime(2019, 1, 2, tzinfo=dt.UTC)
    with store.transaction() as session:
        for _ in range(2):
            intake.submit_case(session, ctx, complaint_for(known_customer, code, kind=CaseKind.INQUIRY))
        session.execute(update(cases).values(status="closed", closed_at=long_ago))
        session.execute(update(customers).values(updated_at=long_ago))
    report = run_retention(store, _at(ctx, START), settings)
    assert (report.cases_purged, report.customers_erased) == (2, (known_customer,))
    [run] = _entries(store, "retention.run")
    assert (run.staff_id, run.result, run.detail) == (SCHEDULER, "ok", "cases=2 customers=1 held_back=0")
    [cases_entry] = _entries(store, "retention.purge_cases")
    assert cases_entry.detail == "count=2" and cases_entry.staff_id == SCHEDULER
    assert _chain_ok(store)
    with store.transaction() as session:
        _assert_no_personal_value(list(audit_repo.in_order(session)))

    run_retention(store, _at(ctx, START), settings)  # nothing left: the run is still on record
    assert _entries(store, "retention.run")[-1].detail == "cases=0 customers=0 held_back=0"


def test_a_failed_retention_run_is_logged_as_failed(
    settings: Settings, store: OpenedStore, ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services import retention

    monkeypatch.setattr(retention, "purge_expired", _fails)
    with pytest.raises(StoreCorrupt):
        run_retention(store, _at(ctx, START), settings)
    [entry] = _entries(store, "retention.run")
    assert (entry.result, entry.detail) == ("failed", "stage=purge error=StoreCorrupt")
    assert _chain_ok(store)


def test_backup_create_from_the_command_line_is_logged_as_it(
    settings: Settings, store: OpenedStore, known_customer: str
) -> None:
    keyring = f"keyring_backend={settings.keyring_backend}"
    args = ["--data-dir", str(settings.data_paths.root), "--set", keyring]
    assert main([*args, "backup", "create"]) == 0
    [entry] = _entries(store, "backup.create")
    assert entry.staff_id.startswith("it:") and entry.result == "ok"
    assert "kind=manual type=full" in entry.detail
    assert _chain_ok(store)
