"""A workstation's sync round where a test can strike: in a process of its own, to SIGKILL at a chosen
moment (:class:`SyncWorker`, :class:`WorkerPool`), or on a thread of its own (:class:`BackgroundRound`).

Run as ``python -m tests.support.sync_worker --data-dir D --branch B --workstation W --url U --batch N``
from the project root. The organisation key must be in a keyring every process reads (keyrings.alt's
PlaintextKeyring under $XDG_DATA_HOME); a memory keyring lives in one process only.

Protocol on stdout, one line each: ``imported`` (the slow imports are done; waits for ``go`` on stdin),
``ready`` (the store is open; the round starts now), then one JSON line with the round's report.
The parent side is :class:`SyncWorker`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from app.context import ServiceContext
    from app.sync.engine import SyncReport

PROJECT_ROOT = Path(__file__).resolve().parents[2]
KEYRING_BACKEND = "keyrings.alt.file.PlaintextKeyring"
GO = "go"


def _say(word: str) -> None:
    sys.stdout.write(word + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--branch", required=True)
    parser.add_argument("--workstation", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--batch", type=int, default=5)
    args = parser.parse_args(argv)

    from app.config import load_settings
    from app.store import build_context, open_store
    from app.sync.engine import sync_once
    from db.central_engine import create_central_engine

    _say("imported")
    if sys.stdin.readline().strip() != GO:  # the parent went away or changed its mind
        return 2
    settings = load_settings(
        {
            "data_dir": str(args.data_dir),
            "keyring_backend": KEYRING_BACKEND,
            "branch": args.branch,
            "workstation": args.workstation,
        },
        environ={},
        site_file=args.data_dir / "absent-site.ini",
        user_file=args.data_dir / "absent-user.ini",
    )
    store = open_store(settings)
    ctx = build_context(store, settings)
    engine = create_central_engine(args.url)
    _say("ready")
    started = time.monotonic()
    report = sync_once(store, engine, ctx, batch=args.batch)
    seconds = time.monotonic() - started
    store.close()
    engine.dispose()
    _say(
        json.dumps(
            {
                "ok": report.ok,
                "pushed": report.pushed,
                "duplicates": report.duplicates,
                "pulled": report.pulled,
                "pending": report.pending,
                "error": report.error.code if report.error else None,
                "seconds": seconds,
            }
        )
    )
    return 0 if report.ok else 1


class SyncWorker:
    """The parent's handle on one worker process: start it early (imports are slow), then go/kill."""

    def __init__(
        self, data_dir: Path, branch: str, workstation: str, url: str, batch: int, log: Path
    ) -> None:
        command = [
            sys.executable, "-m", "tests.support.sync_worker", "--data-dir", str(data_dir),
            "--branch", branch, "--workstation", workstation, "--url", url, "--batch", str(batch),
        ]  # fmt: skip
        self._log = log
        with log.open("ab") as stderr:
            self.process = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=dict(os.environ), stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=stderr, text=True, bufsize=1,
            )  # fmt: skip
        self._lines: queue.Queue[str | None] = queue.Queue()
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        with stream:  # ends with the process: EOF once it exited or was killed
            for line in stream:
                self._lines.put(line.strip())
        self._lines.put(None)

    def _next_line(self, timeout: float) -> str:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"sync worker silent for {timeout} s; log:\n{self.log_tail()}") from None
        if line is None:
            raise RuntimeError(f"sync worker exited ({self.process.wait(5)}); log:\n{self.log_tail()}")
        return line

    def expect(self, word: str, timeout: float = 30.0) -> None:
        line = self._next_line(timeout)
        if line != word:
            raise RuntimeError(f"sync worker said {line!r}, expected {word!r}; log:\n{self.log_tail()}")

    def go(self, timeout: float = 30.0) -> None:
        """Wait until it is ready to open the store, let it open it and start the round."""
        self.expect("imported", timeout)
        assert self.process.stdin is not None
        self.process.stdin.write(GO + "\n")
        self.process.stdin.flush()
        self.expect("ready", timeout)

    def report(self, timeout: float = 60.0) -> dict[str, Any]:
        """The round's report; the process has exited."""
        result: dict[str, Any] = json.loads(self._next_line(timeout))
        self.process.wait(timeout)
        return result

    def kill(self) -> None:
        """SIGKILL: no handler, no cleanup, no flush, as when the program crashes or is ended from the task
        manager (unlike a power cut, what the OS already received is kept)."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):  # the pipe's reader is gone
                self.process.stdin.close()

    def log_tail(self) -> str:
        return self._log.read_text(errors="replace")[-3000:] if self._log.exists() else ""


@contextlib.contextmanager
def holding_write_lock(store_file: Path) -> Iterator[None]:
    """Another writer holds the store's write lock: a worker's next local transaction (marking a batch
    sent, say) waits (up to the store's busy timeout) until the block ends."""
    connection = sqlite3.connect(store_file, timeout=10, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        yield
        connection.execute("ROLLBACK")
    finally:
        connection.close()


class BackgroundRound:
    """sync_once on a thread of its own (as on the op runner's network lane): the test strikes meanwhile."""

    def __init__(self, store: Any, engine: Engine, ctx: ServiceContext, batch: int) -> None:
        self._report: SyncReport | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(store, engine, ctx, batch), daemon=True)
        self._thread.start()

    def _run(self, store: Any, engine: Engine, ctx: ServiceContext, batch: int) -> None:
        from app.sync.engine import sync_once

        try:
            self._report = sync_once(store, engine, ctx, batch=batch)
        except BaseException as exc:  # handed to the test's thread
            self._error = exc

    def result(self, timeout: float = 30.0) -> SyncReport:
        """The round's report; AssertionError if it has not ended within ``timeout`` seconds."""
        self._thread.join(timeout)
        assert not self._thread.is_alive(), f"the round did not end within {timeout} s"
        if self._error is not None:
            raise self._error
        assert self._report is not None
        return self._report


class WorkerPool:
    """Workers started ahead of need: the next ones import while the current run goes on. Closing the
    pool kills every worker it started that is still running."""

    def __init__(self, start: Callable[[], SyncWorker], total: int, ahead: int = 2) -> None:
        self._start = start
        self._left = total  # never more processes than runs
        self._ahead = ahead
        self._ready: deque[SyncWorker] = deque()
        self._started: list[SyncWorker] = []
        self._top_up()

    def _top_up(self) -> None:
        while len(self._ready) < min(self._ahead, self._left):
            self._ready.append(self._start())
            self._started.append(self._ready[-1])

    def take(self) -> SyncWorker:
        if not self._left:
            raise RuntimeError("every worker of the pool was taken")
        worker = self._ready.popleft()
        self._left -= 1
        self._top_up()
        return worker

    def close(self) -> None:
        self._ready.clear()
        for worker in self._started:
            worker.kill()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


if __name__ == "__main__":
    sys.exit(main())
