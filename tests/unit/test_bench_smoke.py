"""The benchmarks still run (on a tiny store); timings go to docs/BENCHMARKS.md, never into a test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench import cold_start, customer_lookup


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
