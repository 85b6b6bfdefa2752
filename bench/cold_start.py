"""Benchmark: process start to a shown main window, BranchDesk against a bare PySide6 window.

Both are started as fresh processes, alternately, and timed until they print that their main window
is shown. BranchDesk runs with `--self-test` on a store of demo customers; it shows its window first
and opens the store in the background, as it does for a user.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.data import KEYRING_BACKEND, prepare_store
from bench.stats import Timing, ratio

READY_LINE = "main window shown"


def _time_until_shown(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    for line in process.stdout:
        if READY_LINE in line:
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError(f"{command[0]} never reported its window (exit {process.wait()})")
    process.stdout.close()
    process.wait(timeout=60)
    return elapsed


def run(customers: int, runs: int) -> list[str]:
    settings = prepare_store(customers, seed=1)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    app_command = [
        str(Path(sys.executable).with_name("branchdesk")),
        "--self-test",
        "--data-dir",
        str(settings.data_paths.root),
        "--set",
        f"keyring_backend={KEYRING_BACKEND}",
    ]
    bare_command = [sys.executable, "-m", "bench.bare_window"]
    _time_until_shown(app_command, env)  # warm the OS file cache for both, as a second start would
    _time_until_shown(bare_command, env)
    app_times, bare_times = [], []
    for _ in range(runs):
        app_times.append(_time_until_shown(app_command, env))
        bare_times.append(_time_until_shown(bare_command, env))
    app = Timing.of(f"BranchDesk start to shown main window ({customers} customers)", app_times)
    bare = Timing.of("bare PySide6 window start to shown", bare_times)
    verdict = "meets" if app.median_ms < 2 * bare.median_ms else "MISSES"
    return [app.line(), bare.line(), ratio(app, bare), f"target under 2x the bare window: {verdict}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    for line in run(args.customers, args.runs):
        print(line)


if __name__ == "__main__":
    main()
