"""Failure drills: each ordinary PC failure gives a clear message and loses nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring.errors
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app.backup import BackupFailed, create_backup
from app.config import Settings
from app.context import ServiceContext
from app.domain import CaseKind, ComplaintType
from app.errors import KeyringFailure, StoreUnwritable
from app.instance_lock import InstanceLock, StoreInUse
from app.services import intake
from app.store import OpenedStore, build_context, open_store
from app.store_guard import StoreMissing, clock_warning, is_disk_full, rescue_if_missing
from db.local_schema import cases
from tests.conftest import make_settings
from tests.support.cases import complaint_for
from tests.support.memory_keyring import MemoryKeyring


def _code(ctx: ServiceContext) -> str:
    return next(c.code for c in ctx.reference.taxonomy.causes() if c.internal_type is ComplaintType.SERVICE)


def _take_in(store: OpenedStore, ctx: ServiceContext, customer_id: str) -> str:
    with store.transaction() as session:
        draft = complaint_for(customer_id, _code(ctx), kind=CaseKind.INQUIRY)
        return intake.submit_case(session, ctx, draft)[0].id


def _case_count(store: OpenedStore) -> int:
    with store.transaction() as session:
        return session.execute(select(func.count()).select_from(cases)).scalar_one()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 3 MB filesystem (tmpfs) that fills up; skipped where mounting is not allowed."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a small filesystem needs root on Linux (mount -t tmpfs)")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not allowed here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_disk_full_during_a_save_keeps_everything_saved_before(
    small_disk: Path, memory_keyring: MemoryKeyring
) -> None:
    settings = make_settings(small_disk / "x", data_dir=str(small_disk / "data"))
    store = open_store(settings)
    try:
        ctx = build_context(store, settings)
        from app.services.customers import register_customer
        from tests.support.customers import KNOWN

        with store.transaction() as session:
            customer_id = register_customer(session, ctx, KNOWN)[0].id
        saved = [_take_in(store, ctx, customer_id)]
        filler = small_disk / "filler"
        with filler.open("wb") as out:  # fill the disk, leaving almost nothing
            try:
                while True:
                    out.write(b"\0" * 65536)
                    out.flush()
            except OSError:
                pass
        failure: BaseException | None = None
        for _ in range(200):
            try:
                saved.append(_take_in(store, ctx, customer_id))
            except OperationalError as exc:
                failure = exc
                break
        assert failure is not None and is_disk_full(failure)
        # A backup onto the full disk fails clearly and leaves no partial file.
        with pytest.raises(BackupFailed):
            create_backup(settings, store.crypto)
        assert not list(settings.data_paths.backups.glob("*.partial"))
        filler.unlink()
        assert _case_count(store) == len(saved)
        saved.append(_take_in(store, ctx, customer_id))  # space again: work goes on
        assert _case_count(store) == len(saved)
    finally:
        store.close()
    from app.store_guard import DiskFull

    assert "磁盘空间已满" in DiskFull().render("zh_CN")


def test_data_dir_not_writable_is_refused_clearly(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings = make_settings(tmp_path, data_dir=str(blocker / "data"))
    with pytest.raises(StoreUnwritable) as refused:
        open_store(settings)
    assert str(blocker / "data") in refused.value.render("en")
    assert blocker.read_text() == "not a folder"


class LockedKeyring(MemoryKeyring):
    """A keyring whose collection is locked (as Secret Service is before the user signs in)."""

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("collection is locked")


def test_keyring_locked_or_unavailable_refuses_without_touching_the_store(
    settings: Settings, store: OpenedStore, known_customer: str
) -> None:
    store.close()
    before = settings.data_paths.store.read_bytes()
    locked = dataclasses.replace(
        settings, values={**settings.values, "keyring_backend": f"{__name__}.LockedKeyring"}
    )
    with pytest.raises(KeyringFailure) as refused:
        open_store(locked)
    assert "KeyringLocked" in refused.value.render("en")
    assert settings.data_paths.store.read_bytes() == before


def test_clock_moved_back_a_day_warns_and_still_saves(
    store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    _take_in(store, ctx, known_customer)
    yesterday = ctx.clock() - dt.timedelta(days=1)
    behind = dataclasses.replace(ctx, clock=lambda: yesterday)
    with store.transaction() as session:
        warning = clock_warning(session, yesterday)
    assert warning is not None and "24" in warning.render("en")
    with store.transaction() as session:
        assert clock_warning(session, ctx.clock()) is None
    other = complaint_for(known_customer, _code(ctx), kind=CaseKind.SERVICE_REQUEST)
    with store.transaction() as session:
        intake.submit_case(session, behind, other)
    assert _case_count(store) == 2


def test_store_file_deleted_while_running_is_written_back(
    settings: Settings, store: OpenedStore, ctx: ServiceContext, known_customer: str
) -> None:
    saved = _take_in(store, ctx, known_customer)
    settings.data_paths.store.unlink()
    with pytest.raises(StoreMissing) as missing:
        rescue_if_missing(store.engine, settings.data_paths.store)
    assert missing.value.rescued and "nothing was lost" in missing.value.render("en")
    assert settings.data_paths.store.exists()
    store.close()
    reopened = open_store(settings)
    try:
        with reopened.transaction() as session:
            ids = list(session.execute(select(cases.c.id)).scalars())
        assert ids == [saved]
    finally:
        reopened.close()


def test_a_second_instance_on_the_same_store_is_refused(tmp_path: Path) -> None:
    data = tmp_path / str(uuid.uuid4())
    with InstanceLock(data):
        with pytest.raises(StoreInUse) as refused:
            InstanceLock(data).acquire()
        assert str(data) in refused.value.render("zh_CN")
        # Another process too (the lock is the OS's, not this process's bookkeeping).
        probe = (
            "import sys; from pathlib import Path; from app.instance_lock import InstanceLock, StoreInUse\n"
            "try:\n    InstanceLock(Path(sys.argv[1])).acquire()\nexcept StoreInUse:\n    sys.exit(3)\n"
        )
        done = subprocess.run([sys.executable, "-c", probe, str(data)], cwd=Path(__file__).parents[2])
        assert done.returncode == 3
    with InstanceLock(data):  # released: the next start works
        pass
