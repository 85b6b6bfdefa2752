"""Every checked-in store from a past schema version opens, upgrades and keeps its customers readable."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.backup import backup_dir, list_backups, verify_backup
from app.case_domain import CaseFilter, CaseSort
from app.config import Settings
from app.demo_data import generate_customer_drafts
from app.services.cases import case_ids, get_case
from app.services.customers import find_customers
from app.store import build_context, open_store
from app.validation.customer import validate_customer_draft
from db import migrate
from db.repos import outbox as outbox_repo
from tests.fixtures.make_store_fixture import FIXTURE_CUSTOMERS, FIXTURE_SEED, FOLDER, install_fixture_key

FIXTURES = sorted(FOLDER.glob("*.sqlite"))


def test_there_is_a_fixture_for_the_current_schema() -> None:
    assert FOLDER / f"{migrate.head_revision()}.sqlite" in FIXTURES, (
        "run `python -m tests.fixtures.make_store_fixture` before adding the next migration"
    )


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.stem)
def test_fixture_store_opens_at_head_with_its_customers(settings: Settings, fixture: Path) -> None:
    install_fixture_key()
    settings.data_paths.ensure()
    shutil.copyfile(fixture, settings.data_paths.store)
    queued_before = _queued_change_ids(settings.data_paths.store)
    assert queued_before or fixture.stem < "0003"  # stores with an outbox were never synced
    store = open_store(settings)
    try:
        assert not store.created_key
        ctx = build_context(store, settings)
        expected = [
            validate_customer_draft(d) for d in generate_customer_drafts(FIXTURE_CUSTOMERS, FIXTURE_SEED)
        ]
        with store.transaction() as session:
            for customer in expected[:5]:
                assert len(find_customers(session, ctx, customer.mobile)) >= 1
        with store.transaction() as session:  # every case of a fixture with cases reads back whole
            for case_id in case_ids(session, ctx, CaseFilter(branch_only=False), CaseSort.NEWEST):
                assert get_case(session, ctx, case_id).timeline
        with store.engine.connect() as connection:
            revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert revision == migrate.head_revision()
        with store.transaction() as session:  # unsynchronised work survives the upgrade, still queued
            queued_after = [row.change_id for row in outbox_repo.pending(session, 100_000)]
        assert queued_after[: len(queued_before)] == queued_before  # opening may queue more after them
    finally:
        store.close()


def _queued_change_ids(store_file: Path) -> list[str]:
    """The unsent changes of a store as its own schema holds them (none before the outbox, 0003)."""
    with contextlib.closing(sqlite3.connect(store_file)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "outbox" not in tables:
            return []
        query = "SELECT change_id FROM outbox WHERE sent_at IS NULL ORDER BY seq"
        return [row[0] for row in connection.execute(query)]


@pytest.mark.parametrize(
    "fixture",
    [path for path in FIXTURES if "0002" <= path.stem < migrate.HEAD_REVISION],
    ids=lambda p: p.stem,
)
def test_an_upgrade_leaves_an_encrypted_verifiable_backup_of_the_old_store(
    settings: Settings, fixture: Path
) -> None:
    install_fixture_key()
    settings.data_paths.ensure()
    shutil.copyfile(fixture, settings.data_paths.store)
    store = open_store(settings)
    try:
        (backup,) = [info for info in list_backups(backup_dir(settings)) if info.header.kind == "pre-migrate"]
        assert backup.header.revision == fixture.stem
        verified = verify_backup(settings, store.crypto, backup.path)
        assert verified.customers == FIXTURE_CUSTOMERS and verified.cases > 0
    finally:
        store.close()


def test_the_recorded_head_is_alembics_head() -> None:
    assert migrate.alembic_head() == migrate.HEAD_REVISION
