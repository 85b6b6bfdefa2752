"""A throwaway PostgreSQL server for integration tests (or the one named by BRANCHDESK_TEST_PG_URL)."""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

# Set it to use an existing server instead of starting one, e.g. postgresql://me:pw@db-host:5432/postgres.
# Its database is used only to create and drop one fresh database per test.
ENV_URL = "BRANCHDESK_TEST_PG_URL"

DEBIAN_BIN_GLOB = "/usr/lib/postgresql/*/bin"
SERVER_USER = "postgres"
START_TIMEOUT_S = 30

_MISSING = (
    "PostgreSQL server binaries (initdb, pg_ctl) not found in {where} or on PATH: the integration tests "
    "need them. Run scripts/setup.sh (it installs the Debian package 'postgresql'), or set "
    f"{ENV_URL} to a server the tests may create databases on."
)


def find_bin_dir() -> Path:
    """The newest /usr/lib/postgresql/<version>/bin with initdb and pg_ctl, else the one on PATH."""

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", path.parent.name)) or (0,)

    candidates = [Path(p) for p in sorted(Path("/").glob(DEBIAN_BIN_GLOB.lstrip("/")))]
    candidates = [p for p in candidates if (p / "initdb").is_file() and (p / "pg_ctl").is_file()]
    if candidates:
        return max(candidates, key=version)
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    raise RuntimeError(_MISSING.format(where=DEBIAN_BIN_GLOB))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def conninfo(url: str) -> str:
    """A libpq URI for psycopg from a SQLAlchemy URL (drops the +driver part)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class ThrowawayCluster:
    """initdb into a temp dir, pg_ctl start on a free 127.0.0.1 port, stop and delete it all at the end.

    PostgreSQL refuses to run as root, so as root the temp dir is handed to the `postgres` user and
    every server command runs through `runuser -u postgres --`.
    """

    def __init__(self, bin_dir: Path | None = None) -> None:
        self.bin_dir = bin_dir or find_bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="branchdesk-pg-"))
        self.data_dir = self.root / "data"
        self.socket_dir = self.root / "run"
        self.log_file = self.data_dir / "server.log"  # inside the data dir: writable by the server user
        self.port = 0
        self._as_root = os.geteuid() == 0
        self._started = False

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{SERVER_USER}@127.0.0.1:{self.port}"

    def _run(self, program: str, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / program), *args]
        if self._as_root:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        # No PG* variables from the caller's environment (PGPORT, PGDATA ...) leak into the cluster.
        env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        return subprocess.run(
            command, cwd=self.root, env=env, capture_output=True, text=True, timeout=START_TIMEOUT_S + 30
        )

    def _check(self, result: subprocess.CompletedProcess[str], what: str) -> None:
        if result.returncode != 0:
            log = self.log_file.read_text(errors="replace")[-4000:] if self.log_file.exists() else ""
            raise RuntimeError(f"{what} failed ({result.returncode}):\n{result.stdout}{result.stderr}\n{log}")

    def start(self) -> str:
        self.socket_dir.mkdir()
        if self._as_root:
            try:
                owner = pwd.getpwnam(SERVER_USER)
            except KeyError:
                raise RuntimeError(_MISSING.format(where=f"user {SERVER_USER!r} (running as root)")) from None
            for path in (self.root, self.socket_dir):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        self._check(
            self._run(
                "initdb", "-D", str(self.data_dir), "-A", "trust", "-U", SERVER_USER,
                "-E", "UTF8", "--locale=C", "--no-sync",
            ),
            "initdb",
        )  # fmt: skip
        for _attempt in range(3):  # the free port may be taken between probing and binding
            self.port = _free_port()
            options = (
                f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            result = self._run(
                "pg_ctl", "-D", str(self.data_dir), "-l", str(self.log_file), "-o", options,
                "-w", "-t", str(START_TIMEOUT_S), "start",
            )  # fmt: skip
            if result.returncode == 0:
                self._started = True
                break
            log = self.log_file.read_text(errors="replace") if self.log_file.exists() else ""
            if "Address already in use" not in log:
                break
        self._check(result, "pg_ctl start")
        wait_until_ready(self.url)
        return self.url

    def stop(self) -> None:
        if self._started:
            # Immediate: the data is thrown away, so no clean shutdown checkpoint is needed.
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
            self._started = False
        shutil.rmtree(self.root, ignore_errors=True)


def wait_until_ready(url: str, timeout: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with psycopg.connect(conninfo(url), connect_timeout=2) as connection:
                connection.execute("SELECT 1")
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextlib.contextmanager
def running_server() -> Iterator[str]:
    """The base URL of a server for the session: BRANCHDESK_TEST_PG_URL's, or a throwaway cluster's."""
    external = os.environ.get(ENV_URL)
    if external:
        url = make_url(external)
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        base = url.render_as_string(hide_password=False)
        wait_until_ready(base, timeout=5)
        yield base
        return
    cluster = ThrowawayCluster()
    try:
        yield cluster.start()
    finally:
        cluster.stop()


@contextlib.contextmanager
def fresh_database(base_url: str) -> Iterator[str]:
    """CREATE DATABASE test_<uuid> on the server; its URL; dropped (connections and all) at the end."""
    name = f"test_{uuid.uuid4().hex}"
    with psycopg.connect(conninfo(base_url), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    try:
        yield make_url(base_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(conninfo(base_url), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- for fault tests: a server of the test's own to restart, and a gate on the push transactions ---


@contextlib.contextmanager
def dedicated_cluster() -> Iterator[ThrowawayCluster]:
    """A throwaway cluster of the caller's own (never BRANCHDESK_TEST_PG_URL's): restarting it disturbs no
    other test. Needs the server binaries; raises RuntimeError when they are missing."""
    cluster = ThrowawayCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


def restart_cluster(cluster: ThrowawayCluster, mode: str = "fast") -> None:
    """pg_ctl restart, same data and port (pg_ctl reuses postmaster.opts): every connection is dropped,
    committed data stays. ``immediate`` is a crash: no shutdown checkpoint, recovery from the WAL."""
    result = cluster._run(
        "pg_ctl", "-D", str(cluster.data_dir), "-l", str(cluster.log_file), "-m", mode,
        "-w", "-t", str(START_TIMEOUT_S), "restart",
    )  # fmt: skip
    cluster._check(result, f"pg_ctl restart -m {mode}")
    wait_until_ready(cluster.url)


GATE_LOCK_TIMEOUT = "10s"


@contextlib.contextmanager
def advisory_gate(url: str, key: int) -> Iterator[psycopg.Connection]:
    """Hold the session-level advisory lock ``key`` on the database of ``url``. A transaction that takes
    the same key (pg_advisory_xact_lock) waits there, inside its BEGIN, until let_one_through() or the
    end of the block. The connection is yielded; it is closed (lock released) at the end."""
    connection = psycopg.connect(conninfo(url), autocommit=True, connect_timeout=5)
    try:
        connection.execute(f"SET lock_timeout = '{GATE_LOCK_TIMEOUT}'")  # never wait forever
        connection.execute("SELECT pg_advisory_lock(%s)", (key,))
        yield connection
    finally:
        with contextlib.suppress(psycopg.Error):
            connection.execute("SELECT pg_advisory_unlock_all()")
        with contextlib.suppress(psycopg.Error):
            connection.close()


def lock_waiters(gate: psycopg.Connection) -> int:
    """How many sessions of the gate's database wait for an advisory lock."""
    row = gate.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        " AND wait_event_type = 'Lock' AND wait_event = 'advisory'"
    ).fetchone()
    return int(row[0]) if row else 0


def wait_for_lock_waiter(gate: psycopg.Connection, timeout: float = 10.0) -> None:
    """Until a transaction waits at the gate; TimeoutError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while lock_waiters(gate) == 0:
        if time.monotonic() > deadline:
            raise TimeoutError(f"no transaction reached the advisory gate within {timeout} s")
        time.sleep(0.005)


def let_one_through(gate: psycopg.Connection, key: int) -> None:
    """Release the gate and take it back: the waiting transaction gets the lock first, so this returns
    once that one transaction has ended (committed or rolled back)."""
    gate.execute("SELECT pg_advisory_unlock(%s)", (key,))
    gate.execute("SELECT pg_advisory_lock(%s)", (key,))


def let_through(gate: psycopg.Connection, key: int, transactions: int) -> None:
    """Wait for a transaction at the gate, let ``transactions`` through one by one; the next one then
    waits at it (there must be one)."""
    wait_for_lock_waiter(gate)
    for _ in range(transactions):
        let_one_through(gate, key)
        wait_for_lock_waiter(gate)
