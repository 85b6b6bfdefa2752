"""The bundle IT ships: it passes its self-test, carries its data files and upgrades old stores."""

from __future__ import annotations

import base64
import json
import os
import shutil
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest

from bench import frozen_start
from tests.fixtures.make_store_fixture import FIXTURE_KEY
from tests.fixtures.make_store_fixture import FOLDER as FIXTURE_STORES
from tests.packaging.conftest import ROOT, Built, bundle_megabytes, run

# IT's distribution limit for the installed program (docs/BENCHMARKS.md, packaging section).
BUNDLE_LIMIT_MB = 150


def test_the_frozen_app_passes_its_self_test_offscreen(
    built: Built, frozen_env: dict[str, str], tmp_path: Path
) -> None:
    finished = run([built.gui, "--self-test", "--data-dir", tmp_path / "data"], frozen_env)
    assert finished.returncode == 0, finished.stderr
    assert "self-test: main window shown" in finished.stdout
    assert "self-test: store opened" in finished.stdout
    assert (tmp_path / "data" / "branchdesk.sqlite").is_file()


def test_the_bundle_carries_translations_data_and_migrations_but_not_unused_qt(built: Built) -> None:
    internal = built.bundle / "_internal"
    for needed in (
        "resources/translations/branchdesk_zh_CN.qm",
        "resources/icons/branchdesk.svg",
        "resources/taxonomy/jrt0169_2018.json",
        "resources/sla/default_policies.json",
        "resources/calendar/holidays.json",
        "db/migrations/local/env.py",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    ):
        assert (internal / needed).is_file(), needed
    names = {path.name for path in internal.rglob("*")}
    for unused in ("libQt6Quick.so.6", "libQt6Qml.so.6", "libQt6WebEngineCore.so.6", "libQt6Pdf.so.6"):
        assert unused not in names
    assert not list(internal.glob("resources/translations/*.ts"))  # sources stay out
    resources = ROOT / "resources"
    for path in resources.rglob("*"):  # every data file the app reads, including ones added later
        if path.is_file() and path.suffix not in {".ts", ".py", ".pyc"}:
            assert (internal / path.relative_to(ROOT)).is_file(), path.relative_to(ROOT)


def test_the_frozen_admin_tool_enrols_and_the_frozen_app_upgrades_an_old_store(
    built: Built, frozen_env: dict[str, str], tmp_path: Path
) -> None:
    """A PC still on schema 0003 with unsent changes: enrol its key, start the new version, nothing lost."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(FIXTURE_STORES / "0003.sqlite", data / "branchdesk.sqlite")
    queued = _unsent(data / "branchdesk.sqlite")
    assert queued
    enrolment = tmp_path / "enrolment.json"
    enrolment.write_text(
        json.dumps(
            {"format": "branchdesk-enrolment", "organisation_key": base64.b64encode(FIXTURE_KEY).decode()}
        )
    )
    enrolled = run(
        [built.admin, "--data-dir", data, "enroll", "--enrolment-file", enrolment, "--no-sync"], frozen_env
    )
    assert enrolled.returncode == 0, enrolled.stderr
    assert base64.b64encode(FIXTURE_KEY).decode() not in enrolled.stdout + enrolled.stderr

    started = run([built.gui, "--self-test", "--data-dir", data], frozen_env)
    assert started.returncode == 0, started.stderr
    assert list((data / "backups").glob("pre-migrate-0003-*.sqlite"))  # the backup came first
    assert _unsent(data / "branchdesk.sqlite")[: len(queued)] == queued
    status = run([built.admin, "--data-dir", data, "status"], frozen_env)
    assert status.returncode == 0, status.stderr


def _unsent(store: Path) -> list[str]:
    with closing(sqlite3.connect(store)) as connection:
        return [
            row[0]
            for row in connection.execute("SELECT change_id FROM outbox WHERE sent_at IS NULL ORDER BY seq")
        ]


def test_frozen_start_benchmark_runs_against_the_unfrozen_app(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # bench.data moves its keyring file here
    lines = frozen_start.run(customers=5, runs=1, bundle=built.bundle, cache=tmp_path)
    assert lines[0].startswith("frozen bundle start to shown main window")
    assert lines[2].startswith("unfrozen app (venv) start to shown main window")
    assert lines[-1].startswith("bundle size: ")


def test_the_bundle_is_under_its_size_limit(built: Built) -> None:
    size = bundle_megabytes(built.bundle)
    assert size < BUNDLE_LIMIT_MB, f"dist/BranchDesk is {size:.1f} MB, the limit is {BUNDLE_LIMIT_MB} MB"


def test_the_bundled_qt_renders_a_chart_and_prints_pdfs_with_chinese_text(
    built: Built, frozen_env: dict[str, str], tmp_path: Path
) -> None:
    """The bundle's own Qt libraries, plugins, ICU data and modules, loaded as its executables load them."""
    internal = built.bundle / "_internal"
    env = {
        **frozen_env,
        "LD_LIBRARY_PATH": str(internal),
        "QT_PLUGIN_PATH": str(internal / "PySide6" / "Qt" / "plugins"),
        "PYTHONNOUSERSITE": "1",
    }
    script = Path(__file__).with_name("bundle_render.py")
    finished = run([sys.executable, "-S", script, internal, tmp_path], env)
    assert finished.returncode == 0, finished.stderr
    lines = dict(line.split(": ", 1) for line in finished.stdout.splitlines() if ": " in line)
    assert lines["PySide6 from"] == str(internal / "PySide6")
    assert lines["outside the bundle"] == "[]"
    assert int(lines["chart pixels in colour"]) > 1000  # the bars are drawn
    assert lines["sorted"] == "阿明 李四 张三"  # pinyin order: ICU's Chinese collation is in the bundle
    for name in ("printed.pdf", "report.pdf"):
        pdf = (tmp_path / name).read_bytes()
        assert pdf.startswith(b"%PDF"), name
        assert b"/FontFile2" in pdf or b"/FontFile3" in pdf, f"{name}: no embedded font"
    assert os.path.getsize(tmp_path / "chart.png") > 0
