"""branchdesk-admin report writes the month's PDF, spreadsheet and CSV."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Settings
from app.context import ServiceContext
from app.store import OpenedStore
from tests.conftest import MEMORY_KEYRING
from tests.support.reports import build_report_cases
from ui.admin import main


def test_report_command_writes_three_files(
    store: OpenedStore, ctx: ServiceContext, known_customer: str, settings: Settings, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    build_report_cases(store, ctx, known_customer)
    store.close()
    out = tmp_path / "out"
    args = [
        "--data-dir",
        str(settings.data_paths.root),
        "--set",
        f"keyring_backend={settings.keyring_backend}",
    ]
    assert main([*args, "--set", "language=en", "report", "--month", "2026-10", "--out", str(out)]) == 0
    names = sorted(path.name for path in out.iterdir())
    assert names == [
        "service-quality-2026-10-cases.csv",
        "service-quality-2026-10.pdf",
        "service-quality-2026-10.xlsx",
    ]
    assert len((out / "service-quality-2026-10-cases.csv").read_text(encoding="utf-8-sig").splitlines()) == 5
    assert main([*args, "report", "--month", "2026-13", "--out", str(out)]) == 2


def test_without_the_ui_layer_a_pdf_command_says_so_and_writes_nothing(
    tmp_path: Path,
    memory_keyring: object,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """app/ never imports Qt: run through app.cli alone, the report is refused clearly."""
    from app import cli, pdf_documents

    monkeypatch.setattr(pdf_documents, "_installed", [])
    out = tmp_path / "out"
    code = cli.main(["--data-dir", str(tmp_path / "data"), "--set", f"keyring_backend={MEMORY_KEYRING}",
                     "--set", "language=en", "report", "--month", "2026-10", "--out", str(out)])  # fmt: skip
    assert code == 2 and "branchdesk-admin that comes with the installed app" in capsys.readouterr().err
    assert not out.exists()
