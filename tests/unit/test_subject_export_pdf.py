"""Subject access export as PDF: the customer's own data readable in the file (Chinese included), approved
and logged like the JSON export, and no file at all when no CJK font is installed."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.context import ServiceContext
from app.domain import CaseKind, ComplaintType
from app.services import intake, subject_export_pdf
from app.services.customers import load_for_edit, update_customer
from app.services.erasure import approve
from app.services.subject_export import subject_record, write_export
from app.services.subject_export_pdf import CJK_FONTS, ExportFontMissing, find_cjk_font
from app.store import OpenedStore
from db.local_schema import audit_log
from tests.support.cases import complaint_for
from tests.support.customers import KNOWN
from tests.unit.test_erasure import PASSWORD, _add_supervisor

needs_font = pytest.mark.skipif(
    not any(Path(p).is_file() for p in CJK_FONTS), reason="no CJK font installed (scripts/setup.sh)"
)


@pytest.fixture
def exported(store: OpenedStore, supervisor_ctx: ServiceContext, known_customer: str) -> dict[str, object]:
    _add_supervisor(store, "sup-2", "wang.sup")
    category = next(
        c.code for c in supervisor_ctx.reference.taxonomy.causes() if c.internal_type is ComplaintType.SERVICE
    )
    with store.transaction() as session:
        intake.submit_case(
            session, supervisor_ctx, complaint_for(known_customer, category, kind=CaseKind.INQUIRY)
        )
        editable = load_for_edit(session, supervisor_ctx, known_customer)
        draft = dataclasses.replace(editable.draft, mobile="13812345670")
        update_customer(session, supervisor_ctx, editable.ref, draft, "new number")
    with store.transaction() as session:
        approval = approve(session, supervisor_ctx, "wang.sup", PASSWORD)
        return subject_record(session, supervisor_ctx, known_customer, approval, "pdf")


@needs_font
def test_the_pdf_holds_the_customers_data_readably_and_the_log_holds_no_values(
    tmp_path: Path,
    store: OpenedStore,
    exported: dict[str, object],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    target = write_export(exported, tmp_path / "export" / "subject.pdf", "pdf")
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert not list(target.parent.glob("*.partial"))
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    for value in (KNOWN.name, KNOWN.id_number, "13812345670", KNOWN.address, "Change history", "Cases"):
        assert value in text, value
    assert "sup-2" in text and "timeline" in text.lower()

    with store.transaction() as session:
        rows = session.execute(select(audit_log)).all()
    export_rows = [row for row in rows if row.action == "customer.export"]
    assert len(export_rows) == 1 and "format=pdf" in export_rows[0].detail
    logged = " ".join(str(value) for row in rows for value in row) + caplog.text
    for value in (KNOWN.name, KNOWN.id_number, KNOWN.mobile, "13812345670", KNOWN.address):
        assert value not in logged


def test_without_a_cjk_font_nothing_is_written_and_the_message_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exported: dict[str, object]
) -> None:
    monkeypatch.setattr(subject_export_pdf, "CJK_FONTS", (str(tmp_path / "absent.ttc"),))
    target = tmp_path / "export" / "subject.pdf"
    with pytest.raises(ExportFontMissing) as refused:
        write_export(exported, target, "pdf")
    assert not target.parent.exists()
    assert "fonts-wqy-microhei" in refused.value.render("en") and "JSON" in refused.value.render("en")
    for value in (KNOWN.name, KNOWN.id_number):
        assert value not in str(refused.value)
    with pytest.raises(ExportFontMissing):
        find_cjk_font(())
