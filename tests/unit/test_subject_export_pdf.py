"""Subject access export as PDF, laid out with Qt: the customer's own data readable in the file (Chinese
included), approved and logged like the JSON export, and no file at all when the PDF cannot be made."""

from __future__ import annotations

import dataclasses
import io
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.config import Settings
from app.context import ServiceContext
from app.domain import CaseKind, ComplaintType
from app.services import intake
from app.services.customers import load_for_edit, update_customer
from app.services.erasure import approve
from app.services.subject_export import subject_record, write_export
from app.store import OpenedStore, open_store
from db.local_schema import audit_log
from tests.support.approvals import APPROVER_PASSWORD, add_staff
from tests.support.cases import complaint_for
from tests.support.customers import KNOWN
from ui.admin import main
from ui.privacy import subject_pdf
from ui.privacy.subject_pdf import ExportFontMissing, render_subject_pdf

PERSONAL = (KNOWN.name, KNOWN.id_number, KNOWN.mobile, "13812345670", KNOWN.address)


@pytest.fixture
def cjk_font(qapp: QApplication) -> None:
    if not subject_pdf.cjk_families():
        pytest.skip("no CJK font installed (scripts/setup.sh)")


def _history(store: OpenedStore, ctx: ServiceContext, customer_id: str) -> None:
    """A case with a timeline and a changed mobile number, so every section has something in it."""
    category = next(
        c.code for c in ctx.reference.taxonomy.causes() if c.internal_type is ComplaintType.SERVICE
    )
    with store.transaction() as session:
        intake.submit_case(session, ctx, complaint_for(customer_id, category, kind=CaseKind.INQUIRY))
        editable = load_for_edit(session, ctx, customer_id)
        draft = dataclasses.replace(editable.draft, mobile="13812345670")
        update_customer(session, ctx, editable.ref, draft, "new number")


@pytest.fixture
def exported(
    qapp: QApplication, store: OpenedStore, supervisor_ctx: ServiceContext, known_customer: str
) -> dict[str, Any]:
    add_staff(store, "sup-2", "wang.sup")
    _history(store, supervisor_ctx, known_customer)
    with store.transaction() as session:
        approval = approve(session, supervisor_ctx, "wang.sup", APPROVER_PASSWORD)
        return subject_record(session, supervisor_ctx, known_customer, approval, "pdf")


def _pdf_text(path: Path) -> str:
    """The PDF's text without whitespace: Qt's PDF spaces words with tabs and pypdf breaks a line where
    Chinese and Latin text meet, so values are compared without spaces."""
    return "".join("".join(page.extract_text() for page in PdfReader(path).pages).split())


def _shown(value: str, text: str) -> bool:
    return "".join(value.split()) in text


def _logged(store: OpenedStore) -> tuple[list[Any], str]:
    """The operation log's rows and their text."""
    with store.transaction() as session:
        rows = list(session.execute(select(audit_log)).all())
    return rows, " ".join(str(value) for row in rows for value in row)


def _logged_after_command(settings: Settings) -> tuple[list[Any], str]:
    reopened = open_store(settings)
    try:
        return _logged(reopened)
    finally:
        reopened.close()


@pytest.mark.usefixtures("cjk_font")
def test_the_pdf_holds_the_customers_data_readably_and_the_log_holds_no_values(
    tmp_path: Path, store: OpenedStore, exported: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    target = write_export(exported, tmp_path / "export" / "subject.pdf", "pdf", render_subject_pdf)
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert not list(target.parent.glob("*.partial"))
    text = _pdf_text(target)
    for value in (*PERSONAL[:2], "13812345670", KNOWN.address, "客户信息", "Change history", "Cases"):
        assert _shown(value, text), value
    assert _shown("sup-2", text) and "timeline" in text.lower()
    assert PdfReader(target).metadata.title == "Subject access export"  # no personal value in metadata

    rows, logged = _logged(store)
    export_rows = [row for row in rows if row.action == "customer.export"]
    assert len(export_rows) == 1 and "format=pdf" in export_rows[0].detail
    for value in PERSONAL:
        assert value not in logged + caplog.text


def test_without_a_cjk_font_nothing_is_written_and_the_message_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exported: dict[str, Any]
) -> None:
    monkeypatch.setattr(subject_pdf, "cjk_families", lambda: [])
    target = tmp_path / "export" / "subject.pdf"
    with pytest.raises(ExportFontMissing) as refused:
        write_export(exported, target, "pdf", render_subject_pdf)
    assert not target.parent.exists()
    assert "fonts-wqy-microhei" in refused.value.render("en") and "JSON" in refused.value.render("en")
    for value in PERSONAL[:2]:
        assert value not in str(refused.value)


def test_a_failure_while_laying_out_or_writing_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exported: dict[str, Any]
) -> None:
    def broken(_record: Mapping[str, Any]) -> bytes:
        raise RuntimeError("layout failed")

    target = tmp_path / "requests" / "subject.pdf"
    with pytest.raises(RuntimeError):
        write_export(exported, target, "pdf", broken)
    with pytest.raises(ValueError):
        write_export(exported, target, "pdf")  # app/ itself has no PDF renderer
    monkeypatch.setattr("os.replace", lambda *_args: (_ for _ in ()).throw(OSError(28, "No space")))
    with pytest.raises(OSError):
        write_export(exported, target, "pdf", lambda _record: b"%PDF-1.4")
    assert list(target.parent.iterdir()) == []  # not even the .partial


def _admin(settings: Settings) -> list[str]:
    return [
        "--data-dir",
        str(settings.data_paths.root),
        "--set",
        f"keyring_backend={settings.keyring_backend}",
    ]


@pytest.mark.usefixtures("cjk_font")
def test_the_admin_command_writes_the_pdf_after_approval(
    tmp_path: Path,
    store: OpenedStore,
    supervisor_ctx: ServiceContext,
    known_customer: str,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_staff(store, "sup-1", "li.sup")
    add_staff(store, "sup-2", "wang.sup")
    _history(store, supervisor_ctx, known_customer)
    store.close()
    target = tmp_path / "out" / "subject.pdf"
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{APPROVER_PASSWORD}\n{APPROVER_PASSWORD}\n"))
    command = ["customer", "export", known_customer, "--requester", "li.sup", "--approver", "wang.sup"]
    assert main([*_admin(settings), *command, "--out", str(target), "--format", "pdf"]) == 0
    text = _pdf_text(target)
    assert _shown(KNOWN.name, text) and _shown(KNOWN.id_number, text)
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    _rows, logged = _logged_after_command(settings)
    assert "format=pdf" in logged


def test_the_admin_command_refuses_without_a_cjk_font_before_anything_is_approved(
    qapp: QApplication,
    tmp_path: Path,
    store: OpenedStore,
    known_customer: str,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_staff(store, "sup-1", "li.sup")
    add_staff(store, "sup-2", "wang.sup")
    before, _logged_text = _logged(store)
    store.close()
    monkeypatch.setattr(subject_pdf, "cjk_families", lambda: [])
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{APPROVER_PASSWORD}\n{APPROVER_PASSWORD}\n"))
    target = tmp_path / "out" / "subject.pdf"
    command = ["customer", "export", known_customer, "--requester", "li.sup", "--approver", "wang.sup"]
    assert main([*_admin(settings), *command, "--out", str(target), "--format", "pdf"]) == 2
    assert "fonts-wqy-microhei" in capsys.readouterr().err
    assert not target.parent.exists()
    after, _logged_text = _logged_after_command(settings)
    assert len(after) == len(before)  # not even a sign-in or an approval attempt
