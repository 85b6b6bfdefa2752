"""Engine for the central PostgreSQL database (psycopg 3): short connect timeout, TLS from the URL, probe."""

from __future__ import annotations

import logging
import math
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

log = logging.getLogger(__name__)

DRIVER = "postgresql+psycopg"
_ACCEPTED_SCHEMES = {"postgresql", "postgres", DRIVER}

# libpq (and psycopg, which follows it) treats any connect_timeout below 2 s as 2 s.
_MIN_CONNECT_TIMEOUT = 2


def central_url(url: str) -> URL:
    """The URL with the psycopg 3 driver; query options (sslmode, sslrootcert, ...) are kept as given."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # ArgumentError echoes the input, which may hold a password
        raise ValueError("not a database URL (expected postgresql://user@host:port/dbname)") from exc
    if parsed.drivername not in _ACCEPTED_SCHEMES:
        raise ValueError(f"not a PostgreSQL URL: scheme {parsed.drivername!r} (expected postgresql://)")
    return parsed.set(drivername=DRIVER)


def safe_url(url: str | URL) -> str:
    """The URL for logs and reports: password masked."""
    parsed = make_url(url) if isinstance(url, str) else url
    return parsed.render_as_string(hide_password=True)


def create_central_engine(url: str, connect_timeout: float = 3.0) -> Engine:
    """An engine that fails fast when the server is unreachable and checks pooled connections before use.

    connect_timeout (seconds, per address tried) overrides one given in the URL: a reachability
    probe must not hang; it is rounded up to whole seconds, and libpq's minimum is 2 s.
    """
    parsed = central_url(url)
    connect_args: dict[str, object] = {
        "connect_timeout": max(_MIN_CONNECT_TIMEOUT, math.ceil(connect_timeout)),
        # A link that dies silently (no reset ever arrives) is noticed in about a minute, not the
        # operating system's default of two hours: a sync round never hangs on a dead branch line.
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 10,
        "keepalives_count": 3,
    }
    if "application_name" not in parsed.query:
        connect_args["application_name"] = "branchdesk"
    engine = create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    event.listen(engine, "connect", without_jit)
    return engine


def without_jit(dbapi_connection: Any, _record: Any = None) -> None:
    """Turn off PostgreSQL's JIT compilation for this session (a driver connection; also a connect event).

    The sync's statements are range scans of one branch's rows. Among a bank's other branches the
    planner's estimates for them (row-level security over millions of rows) pass jit_above_cost, and
    compiling them costs more than running them: 1.4 s of JIT for a 0.2 s count (docs/BENCHMARKS.md).
    A SET after connecting rather than a startup option, which connection poolers may refuse."""
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET jit = off")
    dbapi_connection.commit()


def probe(engine: Engine) -> bool:
    """True when the central database answers SELECT 1; False when it cannot be reached."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as exc:
        # The driver's message names host and port, never the password.
        reason = " ".join(str(exc.orig).split())
        log.info("central database unreachable (%s): %s", safe_url(engine.url), reason)
        return False
    return True
