"""The sync benchmarks still run (tiny sizes, on the session's PostgreSQL server) and print their lines;
timings go to docs/BENCHMARKS.md, never into a test."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import sync_many, sync_pull, sync_push


@pytest.fixture
def isolated_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The benchmarks point the XDG data folder (the file keyring) into their cache: undo that afterwards.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def _starts(lines: list[str], prefix: str) -> bool:
    return any(line.startswith(prefix) for line in lines)


def test_push_benchmark_runs_and_compares_with_copy_and_orm(
    tmp_path: Path, isolated_xdg: None, pg_server: str
) -> None:
    lines = sync_push.run(changes=60, runs=1, cache=tmp_path, pg_url=pg_server)
    assert lines[0].startswith("queued changes: 60 (")
    for prefix in (
        "push 60 queued changes",
        "COPY of the same 60 rows",
        "ratio to floor: median x",
        "ORM row by row, 60 rows",
        "ratio to ORM row by row",
        "full sync round (push 60",
        "push time split (median run): wall",
        "target push at least 2,000 changes/s: ",
        "target push within 5x of the COPY floor: ",
    ):
        assert _starts(lines, prefix), prefix


def test_pull_benchmark_runs_and_reuses_the_prepared_central_tables(
    tmp_path: Path, isolated_xdg: None, pg_server: str
) -> None:
    first = sync_pull.run(rows=90, runs=1, cache=tmp_path, pg_url=pg_server)
    assert first[0].startswith("central side: 90 rows for the branch (") and "pushed through" in first[0]
    for prefix in (
        "first pull of 90 rows into an empty store",
        "COPY ... TO STDOUT of the same 90 rows",
        "ratio to floor: median x",
        "ORM row by row into SQLite, 90 rows",
        "pull time split (median run): wall",
        "target first pull of 90 rows under 60 s: ",
    ):
        assert _starts(first, prefix), prefix
    # Beside other branches' rows: the pull (checked against the branch's central rows) and the floors
    # still bring exactly the branch's 90.
    again = sync_pull.run(rows=90, runs=1, cache=tmp_path, pg_url=pg_server, other_branches=2)
    assert "loaded from the cached tables" in again[0]
    copied = 3 * (90 - 3)  # the branch's and two copies; staff accounts (3) are not copied: names are unique
    assert f"beside 2 other branches' copies of its rows: {copied} rows" in again[0]
    assert _starts(again, "COPY ... TO STDOUT of the same 90 rows")


def test_many_workstations_benchmark_runs_and_checks_exactly_once(
    tmp_path: Path, isolated_xdg: None, pg_server: str
) -> None:
    lines = sync_many.run(workstations=3, branches=2, changes=40, runs=1, cache=tmp_path, pg_url=pg_server)
    assert lines[0].startswith("fleet: 3 workstations (processes) in 2 branches")
    assert _starts(lines, "all 3 rounds, first start to last finish: median")
    assert _starts(lines, "round 3: 0 changes pushed and 0 rows pulled in all; CPU per run: workstation")
    assert "exactly-once check: passed (1 runs)" in lines
    assert lines[-1] == "target no errors and exactly-once counts: meets"
