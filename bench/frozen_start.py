"""Benchmark: cold start of the frozen bundle (dist/BranchDesk) against the unfrozen app, in the same run.

Both run `branchdesk --self-test` on the same store of demo customers as fresh processes, alternately, and
are timed until they print that the main window is shown and that the store is open. Build the bundle
first with `bash scripts/package.sh`. Also prints the bundle's size on disk.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bench.cold_start import OPENED_LINE, READY_LINE, _time_until
from bench.data import CACHE, KEYRING_BACKEND, prepare_store
from bench.stats import Timing, ratio

BUNDLE = Path(__file__).resolve().parents[1] / "dist" / "BranchDesk"
BUNDLE_TARGET_MB = 150


def bundle_size_mb(bundle: Path) -> float:
    """MiB on disk of the folder's files; symlinks count once, as the files they point to."""
    files = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files) / 2**20


def run(customers: int, runs: int, bundle: Path = BUNDLE, cache: Path = CACHE) -> list[str]:
    if not (bundle / "branchdesk").is_file():
        raise SystemExit(f"no bundle at {bundle}: run `bash scripts/package.sh` first")
    settings = prepare_store(customers, seed=1, cache=cache)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    arguments = [
        "--self-test",
        "--data-dir",
        str(settings.data_paths.root),
        "--set",
        f"keyring_backend={KEYRING_BACKEND}",
    ]
    frozen_command = [str(bundle / "branchdesk"), *arguments]
    unfrozen_command = [str(Path(sys.executable).with_name("branchdesk")), *arguments]
    lines = (READY_LINE, OPENED_LINE)
    _time_until(frozen_command, env, lines)  # warm the OS file cache for both
    _time_until(unfrozen_command, env, lines)
    frozen: tuple[list[float], list[float]] = ([], [])
    unfrozen: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for command, times in ((frozen_command, frozen), (unfrozen_command, unfrozen)):
            shown, opened = _time_until(command, env, lines)
            times[0].append(shown)
            times[1].append(opened)
    frozen_shown = Timing.of(f"frozen bundle start to shown main window ({customers} customers)", frozen[0])
    frozen_opened = Timing.of("frozen bundle start to store open", frozen[1])
    unfrozen_shown = Timing.of("unfrozen app (venv) start to shown main window", unfrozen[0])
    unfrozen_opened = Timing.of("unfrozen app (venv) start to store open", unfrozen[1])
    size = bundle_size_mb(bundle)
    verdict = "meets" if size < BUNDLE_TARGET_MB else "MISSES"
    return [
        frozen_shown.line(),
        frozen_opened.line(),
        unfrozen_shown.line(),
        unfrozen_opened.line(),
        "shown, frozen vs unfrozen: " + ratio(frozen_shown, unfrozen_shown).removeprefix("ratio to floor: "),
        "store open, frozen vs unfrozen: "
        + ratio(frozen_opened, unfrozen_opened).removeprefix("ratio to floor: "),
        f"bundle size: {size:.0f} MB on disk; target under {BUNDLE_TARGET_MB} MB: {verdict}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--bundle", type=Path, default=BUNDLE)
    args = parser.parse_args()
    for line in run(args.customers, args.runs, args.bundle):
        print(line)


if __name__ == "__main__":
    main()
