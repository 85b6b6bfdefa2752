"""IT's sync commands against a real PostgreSQL: central init, set-password, sync --once, status."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from app.crypto.keys import KEYRING_SERVICE
from app.services import customers
from app.store import build_context, open_store
from app.sync.credentials import CENTRAL_PASSWORD
from db import central_schema as central
from tests.conftest import make_settings
from tests.support.customers import KNOWN
from tests.support.memory_keyring import MemoryKeyring
from ui.admin import main


def test_init_sync_and_status_from_the_command_line(
    tmp_path: Path, memory_keyring: MemoryKeyring, central_url: str, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    url = central_url.replace("postgresql+psycopg://", "postgresql://")  # an empty database
    settings = make_settings(tmp_path, central_url=url)
    store = open_store(settings)
    with store.transaction() as session:
        customers.register_customer(session, build_context(store, settings), KNOWN)
    store.close()
    args = ["--data-dir", str(settings.data_paths.root), "--set", f"central_url={url}",
            "--set", f"keyring_backend={settings.keyring_backend}", "--set", "language=en"]  # fmt: skip

    assert main([*args, "sync", "--once"]) == 1  # no schema yet: refused clearly, nothing lost
    assert "central init" in capsys.readouterr().err
    assert main([*args, "central", "init"]) == 0
    assert "schema" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-for-sync\n"))
    assert main([*args, "central", "set-password"]) == 0
    assert MemoryKeyring().get_password(KEYRING_SERVICE, CENTRAL_PASSWORD) == "s3cret-for-sync"
    capsys.readouterr()

    assert main([*args, "sync", "--once"]) == 0
    assert "pushed 3" in capsys.readouterr().out
    assert main([*args, "status"]) == 0
    out = capsys.readouterr().out
    assert "pending changes  0" in out and "s3cret" not in out
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(central.customers)).scalar_one() == 1
    engine.dispose()


def test_sync_without_a_central_database_says_so(
    tmp_path: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = make_settings(tmp_path)
    args = ["--data-dir", str(settings.data_paths.root), "--set",
            f"keyring_backend={settings.keyring_backend}", "--set", "language=en"]  # fmt: skip
    assert main([*args, "sync"]) == 1
    assert "No central database is configured" in capsys.readouterr().err
