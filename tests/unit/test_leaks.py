"""Personal values never appear in plaintext in the database, its WAL, logs or any file of the data dir."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from app.config import Settings
from app.context import ServiceContext
from app.domain import CustomerField, CustomerRef
from app.logging_setup import configure_logging
from app.services import customers
from app.store import OpenedStore
from tests.support.customers import KNOWN

REASON = "客户张先生来电核对手机号"
NEW_ADDRESS = "广州市天河区体育西路191号中石化大厦B塔"


def _personal_values() -> list[bytes]:
    values = [KNOWN.name, KNOWN.id_number, KNOWN.mobile, KNOWN.address, *KNOWN.accounts, REASON, NEW_ADDRESS]
    # Also fragments long enough to identify someone, in the encodings SQLite and logs use.
    values += [KNOWN.id_number[:14], KNOWN.mobile[3:], KNOWN.name[:2]]
    return [value.encode("utf-8") for value in values] + [value.encode("utf-16-le") for value in values]


def _all_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def test_no_personal_value_in_any_file_of_the_data_dir(
    settings: Settings, store: OpenedStore, ctx: ServiceContext
) -> None:
    configure_logging(settings.data_paths, "DEBUG")
    engine_log = logging.getLogger("sqlalchemy.engine")
    engine_log.setLevel(logging.DEBUG)  # even an over-eager log level leaks nothing
    try:
        _exercise_and_scan(settings, store, ctx)
    finally:
        engine_log.setLevel(logging.WARNING)


def _exercise_and_scan(settings: Settings, store: OpenedStore, ctx: ServiceContext) -> None:
    with store.transaction() as session:
        ref, _ = customers.register_customer(session, ctx, KNOWN)
    with store.transaction() as session:
        customers.find_customers(session, ctx, KNOWN.id_number)
        customers.find_customers(session, ctx, KNOWN.mobile)
        customers.reveal_field(session, ctx, ref.id, CustomerField.ID_NUMBER, REASON)
        customers.update_customer(
            session, ctx, CustomerRef(ref.id, 1), dataclasses.replace(KNOWN, address=NEW_ADDRESS), REASON
        )
    for handler in logging.getLogger().handlers:
        handler.flush()
    # Scan while the WAL still holds the latest pages, and again after the final checkpoint.
    files_open = {path: path.read_bytes() for path in _all_files(settings.data_paths.root)}
    store.close()
    files_closed = {path: path.read_bytes() for path in _all_files(settings.data_paths.root)}
    assert any(path.name.endswith("-wal") for path in files_open), "the WAL should have been scanned"
    assert any(path.suffix == ".log" for path in files_closed)
    for files in (files_open, files_closed):
        for path, content in files.items():
            for value in _personal_values():
                assert value not in content, f"personal value found in {path.name}"
