"""The benchmarks still run (on a tiny store); timings go to docs/BENCHMARKS.md, never into a test."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bench import cold_start, customer_lookup
from bench.data import KEYRING_BACKEND


@pytest.fixture
def isolated_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # bench.data points the XDG data folder at its cache; keep that inside tmp_path
    monkeypatch.setenv("XDG_DATA_HOME", os.environ.get("XDG_DATA_HOME", str(tmp_path / "xdg")))


def test_lookup_benchmark_runs_and_compares_with_its_floor(tmp_path: Path, isolated_xdg: None) -> None:
    lines = customer_lookup.run(customers=30, seed=3, lookups=10, cache=tmp_path)
    assert lines[0].startswith("find_customers by ID, 30 customers: median")
    assert lines[1].startswith("plain indexed SQLite lookup")
    assert lines[2].startswith("ratio to floor")


def test_start_benchmark_runs_the_real_self_test(tmp_path: Path, isolated_xdg: None) -> None:
    lines = cold_start.run(customers=5, runs=1, cache=tmp_path)
    assert lines[0].startswith("BranchDesk start to shown main window")
    assert lines[2].startswith("bare PySide6 window")


def test_the_self_test_reports_a_store_it_cannot_open_and_exits(tmp_path: Path) -> None:
    """IT runs `branchdesk --self-test` unattended: a failure must print why and exit, never wait on a
    dialog nobody will answer."""
    data = tmp_path / "data"
    data.mkdir()
    with sqlite3.connect(data / "branchdesk.sqlite") as connection:  # a store from a newer version
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES ('9999')")
    connection.close()
    command = [str(Path(sys.executable).with_name("branchdesk")), "--self-test", "--data-dir", str(data),
               "--set", f"keyring_backend={KEYRING_BACKEND}", "--set", "language=en"]  # fmt: skip
    # the plaintext keyring keeps its file under XDG_DATA_HOME: inside tmp_path, and never reached here
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "xdg")}
    finished = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert finished.returncode != 0
    assert "self-test: store not opened" in finished.stderr and "9999" in finished.stderr
