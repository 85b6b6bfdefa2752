"""Erasure on request: approved by a second supervisor, crypto-shredded in the store and in backups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from app.auth.passwords import hash_password
from app.backup import create_backup, organisation_crypto, restore_backup
from app.backup_erasure import erase_from_backups
from app.config import Settings
from app.context import ServiceContext
from app.domain import CaseKind, ComplaintType, CustomerField, Role
from app.errors import DecryptionFailed, NotFound, SignInRefused
from app.services import intake
from app.services.customers import get_customer, reveal_field
from app.services.erasure import ErasureRefused, approve, erase_customer, flush_wal
from app.services.retention import place_hold, release_hold
from app.store import OpenedStore, build_context, open_store
from db.local_schema import customer_keys, erasures, outbox, staff
from tests.conftest import make_settings
from tests.support.cases import complaint_for
from tests.support.customers import KNOWN, with_role

PASSWORD = "Approve2026"


def _add_supervisor(store: OpenedStore, staff_id: str, username: str) -> None:
    now = dt.datetime.now(dt.UTC)
    with store.transaction() as session:
        session.execute(
            staff.insert(),
            [{
                "id": staff_id, "username": username, "display_name": username, "branch": "0001",
                "role": Role.SUPERVISOR.value, "password_phc": hash_password(PASSWORD), "active": True,
                "created_at": now, "updated_at": now, "version": 1,
                "failed_attempts": 0, "locked_until": None,
            }],
        )  # fmt: skip


@pytest.fixture
def approver(store: OpenedStore) -> str:
    _add_supervisor(store, "sup-2", "wang.sup")
    return "wang.sup"


def _wrapped_key(store: OpenedStore, customer_id: str) -> bytes:
    with store.transaction() as session:
        return session.execute(
            select(customer_keys.c.wrapped_key).where(customer_keys.c.customer_id == customer_id)
        ).scalar_one()


def _store_bytes(settings: Settings) -> bytes:
    store = settings.data_paths.store
    return b"".join(p.read_bytes() for p in store.parent.glob(store.name + "*") if p.is_file())


def test_erasure_destroys_the_key_locally_and_in_backups_taken_before(
    tmp_path: Path,
    settings: Settings,
    store: OpenedStore,
    supervisor_ctx: ServiceContext,
    known_customer: str,
    approver: str,
) -> None:
    wrapped = _wrapped_key(store, known_customer)
    before = create_backup(settings, store.crypto)[0]
    assert wrapped in _plain_backup(tmp_path, settings, before.path)

    with store.transaction() as session:
        approval = approve(session, supervisor_ctx, approver, PASSWORD)
        erase_customer(session, supervisor_ctx, known_customer, approval)
    flush_wal(store.engine)
    rewritten = erase_from_backups(settings, store.crypto, [known_customer], dt.datetime.now(dt.UTC), "sup-2")
    assert rewritten == [before.path]

    # The local store: no wrapped key, no ciphertext, nothing to decrypt.
    raw = _store_bytes(settings)
    assert wrapped not in raw
    for value in (KNOWN.name, KNOWN.id_number, KNOWN.mobile):
        assert value.encode() not in raw
    with store.transaction() as session:
        with pytest.raises(NotFound):
            get_customer(session, supervisor_ctx, known_customer)
        with pytest.raises(NotFound):
            reveal_field(session, supervisor_ctx, known_customer, CustomerField.NAME, "check")
        kept = session.execute(select(erasures)).one()
        assert (kept.requested_by, kept.approved_by, kept.grounds) == (
            supervisor_ctx.actor.staff_id,
            "sup-2",
            "request",
        )
        queued = [p for (p,) in session.execute(select(outbox.c.payload))]
    assert not any(wrapped.hex() in p.hex() for p in queued)

    # The backup taken before the erasure: restored elsewhere, the customer stays unreadable.
    assert wrapped not in _plain_backup(tmp_path, settings, before.path)
    fresh = make_settings(tmp_path / "elsewhere")
    restore_backup(fresh, organisation_crypto(fresh), before.path)
    restored = open_store(fresh)
    try:
        with restored.transaction() as session, pytest.raises(NotFound):
            reveal_field(session, with_role(build_context(restored, fresh), Role.SUPERVISOR),
                         known_customer, CustomerField.ID_NUMBER, "check")  # fmt: skip
    finally:
        restored.close()


def test_erasure_rewrites_incrementals_taken_before_and_no_link_reveals_the_customer(
    tmp_path: Path,
    settings: Settings,
    store: OpenedStore,
    supervisor_ctx: ServiceContext,
    known_customer: str,
    approver: str,
) -> None:
    import dataclasses

    from app.backup_chain import rebuild
    from app.backup_incremental import create_incremental
    from app.services.customers import load_for_edit, update_customer

    wrapped = _wrapped_key(store, known_customer)
    full = create_backup(settings, store.crypto, kind="scheduled")[0]
    links = [full]
    for mobile in ("13812345670", "13812345671"):  # the customer's record changes between backups
        with store.transaction() as session:
            editable = load_for_edit(session, supervisor_ctx, known_customer)
            draft = dataclasses.replace(editable.draft, mobile=mobile)
            update_customer(session, supervisor_ctx, editable.ref, draft, "moved to a new number")
        incremental = create_incremental(settings, store.crypto, links[-1], "scheduled")
        assert incremental is not None
        links.append(incremental[0])
    assert all(link.header.incremental for link in links[1:])

    with store.transaction() as session:
        approval = approve(session, supervisor_ctx, approver, PASSWORD)
        erase_customer(session, supervisor_ctx, known_customer, approval)
    flush_wal(store.engine)
    rewritten = erase_from_backups(settings, store.crypto, [known_customer], dt.datetime.now(dt.UTC), "sup-2")
    assert set(rewritten) == {link.path for link in links}

    for link in links:
        plain = tmp_path / "rebuilt.sqlite"
        rebuild(store.crypto, link.path, plain)  # each link now stands alone and still verifies
        assert wrapped not in plain.read_bytes()
        plain.unlink()
        fresh = make_settings(tmp_path / f"elsewhere-{link.path.stem}")
        restore_backup(fresh, organisation_crypto(fresh), link.path)
        restored = open_store(fresh)
        try:
            with restored.transaction() as session, pytest.raises(NotFound):
                reveal_field(session, with_role(build_context(restored, fresh), Role.SUPERVISOR),
                             known_customer, CustomerField.ID_NUMBER, "check")  # fmt: skip
        finally:
            restored.close()


def _plain_backup(tmp_path: Path, settings: Settings, path: Path) -> bytes:
    from app.backup_file import decrypt_to

    plain = tmp_path / "plain.sqlite"
    decrypt_to(organisation_crypto(settings), path, plain)
    return plain.read_bytes()


def test_the_old_wrapped_key_no_longer_opens_anything(
    store: OpenedStore, supervisor_ctx: ServiceContext, known_customer: str, approver: str
) -> None:
    """Even someone who kept a copy of the ciphertext has nothing: the values are gone with the key."""
    with store.transaction() as session:
        erase_customer(
            session, supervisor_ctx, known_customer, approve(session, supervisor_ctx, approver, PASSWORD)
        )
    with store.transaction() as session, pytest.raises((DecryptionFailed, NotFound)):
        from app.services.customers import masked_fields

        masked_fields(session, supervisor_ctx, known_customer)


def test_approval_needs_another_supervisors_password(
    store: OpenedStore, supervisor_ctx: ServiceContext, known_customer: str, approver: str
) -> None:
    with store.transaction() as session, pytest.raises(SignInRefused):
        approve(session, supervisor_ctx, approver, "wrong-password")
    _add_supervisor(store, supervisor_ctx.actor.staff_id + "-self", "self.sup")
    teller = with_role(supervisor_ctx, Role.TELLER)
    with store.transaction() as session:
        approval = approve(session, teller, approver, PASSWORD)
    assert approval.staff_id == "sup-2"
    myself = with_role(supervisor_ctx, Role.SUPERVISOR)
    import dataclasses

    myself = dataclasses.replace(myself, actor=dataclasses.replace(myself.actor, staff_id="sup-2"))
    with store.transaction() as session, pytest.raises(ErasureRefused):
        approve(session, myself, approver, PASSWORD)


def test_a_legal_hold_or_an_open_case_stops_the_erasure_and_changes_nothing(
    store: OpenedStore, supervisor_ctx: ServiceContext, known_customer: str, approver: str
) -> None:
    with store.transaction() as session:
        hold = place_hold(session, supervisor_ctx, "customer", known_customer, "Court order (2026) J0105-1")
    with store.transaction() as session:
        approval = approve(session, supervisor_ctx, approver, PASSWORD)
    with store.transaction() as session, pytest.raises(ErasureRefused) as refused:
        erase_customer(session, supervisor_ctx, known_customer, approval)
    assert "法律保全" in refused.value.render("zh_CN")
    with store.transaction() as session:
        release_hold(session, supervisor_ctx, hold)
        category = next(
            c.code
            for c in supervisor_ctx.reference.taxonomy.causes()
            if c.internal_type is ComplaintType.SERVICE
        )
        intake.submit_case(
            session, supervisor_ctx, complaint_for(known_customer, category, kind=CaseKind.INQUIRY)
        )
    with store.transaction() as session, pytest.raises(ErasureRefused) as refused:
        erase_customer(session, supervisor_ctx, known_customer, approval)
    assert "open cases" in refused.value.render("en")
    with store.transaction() as session:
        value, _ = reveal_field(session, supervisor_ctx, known_customer, CustomerField.NAME, "still here")
    assert value == KNOWN.name


def test_subject_access_export_holds_everything_decrypted_and_is_logged(
    tmp_path: Path, store: OpenedStore, supervisor_ctx: ServiceContext, known_customer: str, approver: str
) -> None:
    import json

    from app.services.subject_export import subject_record, write_export

    with store.transaction() as session:
        approval = approve(session, supervisor_ctx, approver, PASSWORD)
        record = subject_record(session, supervisor_ctx, known_customer, approval)
    target = write_export(record, tmp_path / "export" / "subject.json")
    loaded = json.loads(target.read_text(encoding="utf-8"))
    assert loaded["customer"]["id_number"] == KNOWN.id_number and loaded["approved_by"] == "sup-2"
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    from db.local_schema import audit_log

    with store.transaction() as session:
        actions = set(session.execute(select(audit_log.c.action)).scalars())
    assert "customer.export" in actions
    teller = with_role(supervisor_ctx, Role.TELLER)
    from app.errors import PermissionDenied

    with store.transaction() as session, pytest.raises(PermissionDenied):
        subject_record(session, teller, known_customer, approval)
