"""A counter PC is reinstalled (its data folder and keyring gone) and enrolled again under the same
workstation name: after `branchdesk-admin enroll` it has its cases, timelines and customers back from the
central database, decrypted with the organisation key from IT's enrolment file."""

from __future__ import annotations

import base64
import json
import os
import shutil
from pathlib import Path

import keyring
import pytest
from sqlalchemy import Engine

from app.case_domain import CaseFilter, CaseSort
from app.config import load_settings
from app.crypto.keys import KEYRING_SERVICE, ORG_KEY_USERNAME
from app.domain import ComplaintType
from app.services import case_actions, cases, customers, intake
from app.store import build_context, open_store
from app.sync.engine import sync_once
from tests.conftest import MEMORY_KEYRING, make_settings
from tests.support.cases import complaint_for
from tests.support.customers import KNOWN
from tests.support.memory_keyring import MemoryKeyring
from ui.admin import main as admin_main


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The PC's machine-wide and user config folders (platformdirs reads the XDG variables)."""
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "site"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user"))
    for name in [name for name in os.environ if name.startswith("BRANCHDESK_")]:
        monkeypatch.delenv(name)
    return tmp_path


def test_a_reinstalled_pc_gets_its_work_back_by_enrolling_again(  # type: ignore[no-untyped-def]
    machine: Path, memory_keyring: MemoryKeyring, central_engine: Engine, central_url: str, capsys
) -> None:
    settings = make_settings(machine / "before", branch="0001", workstation="WS01")
    store = open_store(settings)
    ctx = build_context(store, settings)
    with store.transaction() as session:
        customer, _ = customers.register_customer(session, ctx, KNOWN)
        cause = next(
            c.code for c in ctx.reference.taxonomy.causes() if c.internal_type is ComplaintType.SERVICE
        )
        ref, _ = intake.submit_case(session, ctx, complaint_for(customer.id, cause))
        case_actions.add_note(session, ctx, ref, "Called the customer back about the fee")
    assert sync_once(store, central_engine, ctx).ok
    with store.transaction() as session:
        before = cases.get_case(session, ctx, ref.id)
    organisation_key = base64.b64decode(MemoryKeyring().get_password(KEYRING_SERVICE, ORG_KEY_USERNAME))
    store.close()

    # The disk is wiped and the OS reinstalled: no data folder, an empty keyring.
    shutil.rmtree(settings.data_paths.root)
    keyring.get_keyring().delete_password(KEYRING_SERVICE, ORG_KEY_USERNAME)
    enrolment = machine / "enrolment.json"
    enrolment.write_text(
        json.dumps(
            {
                "format": "branchdesk-enrolment",
                "organisation_key": base64.b64encode(organisation_key).decode(),
            }
        ),
        encoding="utf-8",
    )
    data_dir = machine / "after"
    common = [
        "--data-dir",
        str(data_dir),
        "--set",
        f"keyring_backend={MEMORY_KEYRING}",
        "--set",
        "language=en",
    ]
    code = admin_main(
        [*common, "enroll", "--enrolment-file", str(enrolment), "--central-url", central_url,
         "--branch", "0001", "--workstation", "WS01"]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err

    again = load_settings({"data_dir": str(data_dir), "keyring_backend": MEMORY_KEYRING}, environ={})
    assert (again.branch, again.workstation) == ("0001", "WS01")
    store = open_store(again)
    try:
        ctx = build_context(store, again)
        with store.transaction() as session:
            found = customers.find_customers(session, ctx, KNOWN.mobile)
            ids = cases.case_ids(session, ctx, CaseFilter(branch_only=False), CaseSort.NEWEST)
            after = cases.get_case(session, ctx, ref.id)
        assert [summary.id for summary in found] == [customer.id]
        assert ids == [ref.id]
        # The whole timeline, its own events included, decrypts again.
        assert [event.kind for event in after.timeline] == [event.kind for event in before.timeline]
        assert after.summary == before.summary and after.status is before.status
    finally:
        store.close()
