"""branchdesk-admin: demo data, doctor findings and exit codes, effective configuration."""

from __future__ import annotations

import pytest

from app.case_domain import CaseFilter, CaseSort
from app.config import Settings
from app.domain import CaseStatus
from app.services.cases import case_ids, get_case
from app.services.customers import recent_customers
from app.store import build_context, open_store
from tests.support.memory_keyring import MemoryKeyring
from ui.admin import main


def _args(settings: Settings) -> list[str]:
    return [
        "--data-dir",
        str(settings.data_paths.root),
        "--set",
        f"keyring_backend={settings.keyring_backend}",
    ]


def test_demo_fills_the_store_once(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*_args(settings), "demo", "--customers", "12", "--seed", "7"]) == 0
    assert main([*_args(settings), "demo", "--customers", "12", "--seed", "7", "--if-empty"]) == 0
    assert "already has 12" in capsys.readouterr().out
    store = open_store(settings)
    with store.transaction() as session:
        assert len(recent_customers(session, build_context(store, settings), limit=100)) == 12
    store.close()


def test_doctor_is_happy_with_a_healthy_store(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    open_store(settings).close()
    assert main([*_args(settings), "--set", "language=en", "doctor"]) == 0
    out = capsys.readouterr().out
    assert "PROBLEM" not in out and "integrity check passed" in out


def test_doctor_names_a_missing_key_and_how_to_fix_it(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    open_store(settings).close()
    MemoryKeyring.clear()
    assert main([*_args(settings), "--set", "language=en", "doctor"]) == 1
    out = capsys.readouterr().out
    assert "PROBLEM" in out and "branchdesk-admin enroll" in out


def test_doctor_reports_a_damaged_store(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    settings.data_paths.ensure()
    settings.data_paths.store.write_bytes(b"garbage" * 1000)
    assert main([*_args(settings), "--set", "language=en", "doctor"]) == 1
    assert "PROBLEM" in capsys.readouterr().out


def test_config_show_says_where_each_value_came_from(
    settings: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRANCHDESK_BRANCH", "0755")
    assert main([*_args(settings), "--set", "workstation=WS09", "config", "show"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert "0755" in lines["branch"] and "(environment)" in lines["branch"]
    assert "WS09" in lines["workstation"] and "(command line)" in lines["workstation"]


def test_bad_setting_value_is_named(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*_args(settings), "--set", "cipher=rot13", "--set", "language=en", "config", "show"]) == 2
    assert "cipher" in capsys.readouterr().err


def test_sla_explain_prints_every_clock_of_a_complaint_before_national_day(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [*_args(settings), "--set", "language=en", "sla", "explain", "--kind", "complaint",
         "--severity", "general", "--received", "2026-09-30T15:00+08:00"]
    )  # fmt: skip
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    by_clock = {line.split(":", 1)[0]: line for line in lines}
    assert "2026-09-30 15:05" in by_clock["Counter response"]
    # 7 working days after 30 Sep: the 1–7 Oct holiday is skipped, 10 Oct (Saturday) is worked
    assert "2026-10-15 23:59" in by_clock["Resolution"]
    assert "Regulatory decision deadline" in by_clock


def test_sla_explain_refuses_a_bad_time(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    args = [*_args(settings), "sla", "explain", "--kind", "inquiry", "--received", "yesterday"]
    assert main(args) == 2
    assert "--received" in capsys.readouterr().err


def test_demo_adds_cases_with_history(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*_args(settings), "demo", "--customers", "15", "--cases", "25", "--seed", "4"]) == 0
    assert "added 25 demo cases" in capsys.readouterr().out
    store = open_store(settings)
    try:
        ctx = build_context(store, settings)
        with store.transaction() as session:
            ids = case_ids(session, ctx, CaseFilter(), CaseSort.NEWEST)
            statuses = {get_case(session, ctx, case_id).status for case_id in ids}
        assert len(ids) == 25 and CaseStatus.CLOSED in statuses
    finally:
        store.close()
