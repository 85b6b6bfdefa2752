"""Incremental backups on a real store: a full and its chain restore into an empty data dir, a damaged or
missing link is refused by name, an incremental holds only the changed pages, and the schedule keeps
whole chains."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.backup import (
    BackupInfo,
    create_backup,
    list_backups,
    organisation_crypto,
    restore_backup,
    verify_backup,
)
from app.backup_file import BackupInvalid
from app.backup_incremental import create_incremental
from app.backup_schedule import SCHEDULED, run_scheduled
from app.config import Settings
from app.context import ServiceContext
from app.domain import CaseKind, ComplaintType, CustomerField
from app.services import cases as case_service
from app.services import intake
from app.services.customers import register_customer, reveal_field
from app.store import OpenedStore, build_context, open_store
from db.local_schema import cases, customers
from tests.conftest import make_settings
from tests.support.cases import complaint_for
from tests.support.customers import KNOWN

OTHER_ID = "110105198001010032"
PLAINTEXTS = [KNOWN.name, KNOWN.id_number, KNOWN.mobile, KNOWN.address]


def _add_cases(store: OpenedStore, ctx: ServiceContext, customer_id: str, count: int) -> None:
    category = next(
        c.code for c in ctx.reference.taxonomy.causes() if c.internal_type is ComplaintType.SERVICE
    )
    with store.transaction() as session:
        for _ in range(count):
            intake.submit_case(session, ctx, complaint_for(customer_id, category, kind=CaseKind.INQUIRY))


def _chain(settings: Settings, store: OpenedStore, ctx: ServiceContext, customer_id: str) -> list[BackupInfo]:
    """A full backup and two incrementals, with cases (and a second customer) written between them."""
    _add_cases(store, ctx, customer_id, 3)
    full = create_backup(settings, store.crypto, kind=SCHEDULED)[0]
    _add_cases(store, ctx, customer_id, 2)
    first = create_incremental(settings, store.crypto, full, SCHEDULED)
    assert first is not None
    with store.transaction() as session:
        register_customer(session, ctx, dataclasses.replace(KNOWN, id_number=OTHER_ID, mobile="13812345670"))
    _add_cases(store, ctx, customer_id, 2)
    second = create_incremental(settings, store.crypto, first[0], SCHEDULED)
    assert second is not None
    return [full, first[0], second[0]]


def _count(store: OpenedStore, table) -> int:  # type: ignore[no-untyped-def]
    with store.transaction() as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


def test_a_full_and_two_incrementals_restore_into_an_empty_data_dir(
    tmp_path: Path, settings: Settings, store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    full, first, second = _chain(settings, store, ctx, known_customer)
    assert (first.header.parent_id, first.header.base_id) == (full.header.backup_id, full.header.backup_id)
    assert (second.header.parent_id, second.header.base_id) == (first.header.backup_id, full.header.backup_id)
    for link in (first, second):
        raw = link.path.read_bytes()
        assert not any(value.encode("utf-8") in raw for value in PLAINTEXTS)
        assert oct(link.path.stat().st_mode & 0o777) == "0o600"

    verified = verify_backup(settings, store.crypto, second.path)
    assert (verified.links, verified.customers, verified.cases) == (3, 2, 7)

    fresh = make_settings(tmp_path / "fresh")
    result = restore_backup(fresh, organisation_crypto(fresh), second.path)
    assert result.replaced is None
    restored = open_store(fresh)
    try:
        fresh_ctx = build_context(restored, fresh)
        assert (_count(restored, customers), _count(restored, cases)) == (2, 7)
        with restored.transaction() as session:
            value, _ = reveal_field(session, fresh_ctx, known_customer, CustomerField.ID_NUMBER, "test")
            assert value == KNOWN.id_number
            for (customer_id,) in session.execute(select(customers.c.id)):
                assert (
                    reveal_field(session, fresh_ctx, customer_id, CustomerField.NAME, "test")[0] == KNOWN.name
                )
            for case_id in session.execute(select(cases.c.id)).scalars():
                assert case_service.get_case(session, fresh_ctx, case_id).summary
    finally:
        restored.close()
    # The middle of the chain restores to its own moment.
    assert verify_backup(settings, store.crypto, first.path).cases == 5


def test_a_flipped_byte_in_a_middle_incremental_is_refused_by_name_and_nothing_changes(
    tmp_path: Path, settings: Settings, store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    _full, first, second = _chain(settings, store, ctx, known_customer)
    data = bytearray(first.path.read_bytes())
    data[len(data) // 2] ^= 0x01
    first.path.write_bytes(bytes(data))
    with pytest.raises(BackupInvalid) as refused:
        verify_backup(settings, store.crypto, second.path)
    assert first.path.name in refused.value.render("en")
    fresh = make_settings(tmp_path / "fresh")
    with pytest.raises(BackupInvalid):
        restore_backup(fresh, organisation_crypto(fresh), second.path)
    assert not fresh.data_paths.store.exists()
    assert not [p for p in fresh.data_paths.root.rglob("*") if p.is_file()]


def test_a_chain_with_a_missing_or_replaced_link_is_refused_by_name(
    settings: Settings, store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    full, first, second = _chain(settings, store, ctx, known_customer)
    moved = first.path.with_name("elsewhere.bak")
    first.path.rename(moved)
    with pytest.raises(BackupInvalid) as refused:
        verify_backup(settings, store.crypto, second.path)
    assert second.path.name in refused.value.render("en") and "missing" in refused.value.render("en")
    moved.rename(first.path)
    # A full taken later cannot stand in for the chain's own full.
    full.path.unlink()
    create_backup(settings, store.crypto, kind=SCHEDULED)
    with pytest.raises(BackupInvalid) as refused:
        verify_backup(settings, store.crypto, second.path)
    assert first.path.name in refused.value.render("en")


def test_an_incremental_after_a_few_changes_is_much_smaller_than_the_full(
    settings: Settings, store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    _add_cases(store, ctx, known_customer, 150)
    full = create_backup(settings, store.crypto, kind=SCHEDULED)[0]
    _add_cases(store, ctx, known_customer, 2)
    incremental = create_incremental(settings, store.crypto, full, SCHEDULED)
    assert incremental is not None
    ratio = incremental[0].path.stat().st_size / full.path.stat().st_size
    assert ratio < 0.25, ratio
    assert verify_backup(settings, store.crypto, incremental[0].path).cases == 152


def test_schedule_takes_a_full_every_seven_days_and_keeps_whole_chains(
    tmp_path: Path, memory_keyring: object
) -> None:
    settings = make_settings(tmp_path, backup_keep="2", backup_share_dir=str(tmp_path / "share"))
    opened = open_store(settings)
    try:
        start = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
        for day in range(17):
            written = run_scheduled(settings, opened.crypto, start + dt.timedelta(days=day))
            assert len(written) == 2  # local and share
            assert all(info.header.incremental == (day % 7 != 0) for info in written), day
        for folder in (settings.data_paths.backups, tmp_path / "share"):
            kept = list_backups(folder)
            # Chains from day 7 and day 14 kept (10 backups); day 0's chain went, full and all.
            assert len(kept) == 10
            fulls = {info.header.backup_id for info in kept if not info.header.incremental}
            assert all(info.header.base_id in fulls for info in kept if info.header.incremental)
            assert verify_backup(settings, opened.crypto, kept[0].path).links == 3  # day 14, 15, 16
    finally:
        opened.close()


def test_a_share_that_missed_a_link_gets_a_full(tmp_path: Path, memory_keyring: object) -> None:
    share = tmp_path / "share"
    settings = make_settings(tmp_path, backup_share_dir=str(share))
    opened = open_store(settings)
    try:
        start = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
        run_scheduled(settings, opened.crypto, start)
        for info in list_backups(share):
            info.path.unlink()  # the share was unreachable, or emptied
        written = run_scheduled(settings, opened.crypto, start + dt.timedelta(days=1))
        assert [info.header.incremental for info in written] == [True, False]
        assert verify_backup(settings, opened.crypto, written[1].path).links == 1
    finally:
        opened.close()


def test_backup_list_and_verify_show_the_chain(
    settings: Settings,
    store: OpenedStore,
    ctx: ServiceContext,
    known_customer: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import argparse

    from app.cli_backup import cmd_backup_list, cmd_backup_verify

    full, first, second = _chain(settings, store, ctx, known_customer)
    cmd_backup_list(settings, argparse.Namespace(dir=str(full.path.parent)))
    listing = capsys.readouterr().out
    assert f"incremental of {full.path.name}, after {first.path.name}" in listing
    assert listing.count("    full") == 1
    cmd_backup_verify(settings, argparse.Namespace(file=str(second.path)))
    assert "rebuilt from a full and 2 incremental(s)" in capsys.readouterr().out
