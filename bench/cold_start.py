"""Benchmark: process start to a shown main window, BranchDesk against a bare PySide6 window.

Both are started as fresh processes, alternately, and timed until they print that their main window
is shown: each prints it on the turn of the event loop after its first paint (a zero timer armed at
show() would fire before Qt paints anything). BranchDesk runs with `--self-test` on a store of demo
customers; it paints its tab bar and Customers page first, then opens the store in the background and
builds the other pages, as it does for a user.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.data import CACHE, KEYRING_BACKEND, prepare_store
from bench.stats import Timing, ratio

READY_LINE = "main window shown"
STALL_SECONDS = 180.0
OPENED_LINE = "store opened"


def _time_until(command: list[str], env: dict[str, str], lines: tuple[str, ...]) -> list[float]:
    """Seconds from spawning the process until each of `lines` appears on its standard output."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    # A start that hangs silently would block the read below for ever: kill it after a generous wait.
    watchdog = threading.Timer(STALL_SECONDS, process.kill)
    watchdog.start()
    seen: list[float] = []
    try:
        for line in process.stdout:
            if lines[len(seen)] in line:
                seen.append(time.perf_counter() - started)
                if len(seen) == len(lines):
                    break
    finally:
        watchdog.cancel()
    process.stdout.close()
    code = process.wait(timeout=60)
    if len(seen) < len(lines):
        raise RuntimeError(f"{command[0]} stopped before reporting {lines[len(seen)]!r} (exit {code})")
    return seen


def run(customers: int, runs: int, cache: Path = CACHE) -> list[str]:
    settings = prepare_store(customers, seed=1, cache=cache)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # As an installed program starts: with its bytecode cached (the bundle ships it; the warm-up runs
    # below write it). Without the cache every start compiles each module from source first.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    app_command = [
        str(Path(sys.executable).with_name("branchdesk")),
        "--self-test",
        "--data-dir",
        str(settings.data_paths.root),
        "--set",
        f"keyring_backend={KEYRING_BACKEND}",
    ]
    bare_command = [sys.executable, "-m", "bench.bare_window"]
    _time_until(app_command, env, (READY_LINE, OPENED_LINE))  # warm the OS file cache and bytecode
    _time_until(bare_command, env, (READY_LINE,))
    shown, opened, bare_times = [], [], []
    for _ in range(runs):
        app_shown, app_opened = _time_until(app_command, env, (READY_LINE, OPENED_LINE))
        shown.append(app_shown)
        opened.append(app_opened)
        bare_times.extend(_time_until(bare_command, env, (READY_LINE,)))
    app = Timing.of(f"BranchDesk start to shown main window ({customers} customers)", shown)
    ready = Timing.of("BranchDesk start to store open and panel enabled", opened)
    bare = Timing.of("bare PySide6 window start to shown", bare_times)
    verdict = "meets" if app.median_ms < 2 * bare.median_ms else "MISSES"
    return [
        app.line(),
        ready.line(),
        bare.line(),
        ratio(app, bare),
        f"target: shown main window under 2x the bare window: {verdict}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    for line in run(args.customers, args.runs):
        print(line)


if __name__ == "__main__":
    main()
