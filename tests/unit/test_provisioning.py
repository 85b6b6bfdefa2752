"""IT provisioning without the GUI: the site config written by installers and `branchdesk-admin enroll`."""

from __future__ import annotations

import base64
import json
import os
import re
from pathlib import Path

import pytest

from app.config import load_settings
from app.crypto.keys import KEYRING_SERVICE, ORG_KEY_USERNAME
from app.store import open_store
from app.sync.credentials import CENTRAL_PASSWORD
from tests.conftest import MEMORY_KEYRING
from tests.support.memory_keyring import MemoryKeyring
from ui.admin import main

ORG_KEY = bytes(range(100, 132))
DB_PASSWORD = "branch-0042-s3cret"


@pytest.fixture
def site_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """platformdirs reads XDG_CONFIG_DIRS for the machine-wide folder: point it into tmp_path."""
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "site"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user"))
    for name in [name for name in os.environ if name.startswith("BRANCHDESK_")]:
        monkeypatch.delenv(name)
    return tmp_path / "site" / "BranchDesk"


def _admin(tmp_path: Path, *args: str) -> int:
    base = [
        "--data-dir",
        str(tmp_path / "data"),
        "--set",
        f"keyring_backend={MEMORY_KEYRING}",
        "--set",
        "language=en",
    ]
    return main([*base, *args])


def _enrolment_file(tmp_path: Path, key: bytes = ORG_KEY, **extra: str) -> Path:
    path = tmp_path / "enrolment.json"
    document = {"format": "branchdesk-enrolment", "organisation_key": base64.b64encode(key).decode(), **extra}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_set_site_merges_validates_and_config_show_names_the_source(
    tmp_path: Path, site_dir: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _admin(tmp_path, "config", "set-site", "branch=0042", "idle_lock_minutes=3") == 0
    assert (
        _admin(tmp_path, "config", "set-site", "--if-given", "workstation=WS07", "branch=", "language=") == 0
    )
    settings = load_settings(environ={})
    assert (settings.branch, settings.workstation, settings.idle_lock_minutes) == ("0042", "WS07", 3)
    capsys.readouterr()
    assert _admin(tmp_path, "config", "show") == 0
    shown = capsys.readouterr().out
    assert re.search(
        rf"^branch\s+0042\s+\(site config {re.escape(str(site_dir / 'branchdesk.ini'))}\)$", shown, re.M
    )
    assert re.search(r"^workstation\s+WS07\s+\(site config ", shown, re.M)
    assert "keyring_backend" in shown and "(command line)" in shown
    before = (site_dir / "branchdesk.ini").read_text()
    assert _admin(tmp_path, "config", "set-site", "idle_lock_minutes=soon", "branch=9999") == 2
    assert _admin(tmp_path, "config", "set-site", "central_url=postgresql://ws:pw@db/x") == 2
    assert (site_dir / "branchdesk.ini").read_text() == before  # a refused value writes nothing
    assert "pw@" not in capsys.readouterr().err


def test_enroll_stores_secrets_in_the_keyring_and_settings_in_the_site_config(
    tmp_path: Path, site_dir: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    enrolment = _enrolment_file(tmp_path, central_user="ws0042", central_password=DB_PASSWORD)
    url = "postgresql://db.hq.example:5432/branchdesk?sslmode=verify-full"
    code = _admin(tmp_path, "enroll", "--enrolment-file", str(enrolment), "--central-url", url,
                  "--branch", "0042", "--workstation", "WS07", "--no-sync")  # fmt: skip
    assert code == 0
    assert (
        memory_keyring.get_password(KEYRING_SERVICE, ORG_KEY_USERNAME) == base64.b64encode(ORG_KEY).decode()
    )
    assert memory_keyring.get_password(KEYRING_SERVICE, CENTRAL_PASSWORD) == DB_PASSWORD
    site = (site_dir / "branchdesk.ini").read_text()
    assert "central_url = postgresql://ws0042@db.hq.example:5432/branchdesk?sslmode=verify-full" in site
    assert "branch = 0042" in site and DB_PASSWORD not in site
    printed = "".join(capsys.readouterr())
    assert DB_PASSWORD not in printed and base64.b64encode(ORG_KEY).decode() not in printed
    # The app now opens its store with the enrolled key, without creating one of its own.
    store = open_store(load_settings({"data_dir": str(tmp_path / "data"), "keyring_backend": MEMORY_KEYRING}))
    assert not store.created_key
    store.close()


def test_enroll_never_replaces_a_different_key_nor_touches_a_store_sealed_under_it(
    tmp_path: Path, site_dir: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = load_settings(
        {"data_dir": str(tmp_path / "data"), "keyring_backend": MEMORY_KEYRING}, environ={}
    )
    open_store(settings).close()  # this PC made its own key before enrolment
    own_key = memory_keyring.get_password(KEYRING_SERVICE, ORG_KEY_USERNAME)
    store_bytes = settings.data_paths.store.read_bytes()
    enrolment = _enrolment_file(tmp_path)
    assert (
        _admin(tmp_path, "enroll", "--enrolment-file", str(enrolment), "--branch", "0042", "--no-sync") == 2
    )
    assert "key" in capsys.readouterr().err
    assert memory_keyring.get_password(KEYRING_SERVICE, ORG_KEY_USERNAME) == own_key
    assert settings.data_paths.store.read_bytes() == store_bytes
    assert not (site_dir / "branchdesk.ini").exists()  # refused before anything was written


@pytest.mark.parametrize(
    "content",
    ["not json", '{"format": "other"}', '{"format": "branchdesk-enrolment", "organisation_key": "c2hvcnQ="}'],
)
def test_a_bad_enrolment_file_is_refused_clearly(
    tmp_path: Path,
    site_dir: Path,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    content: str,
) -> None:
    path = tmp_path / "enrolment.json"
    path.write_text(content)
    assert _admin(tmp_path, "enroll", "--enrolment-file", str(path), "--no-sync") == 2
    assert "enrolment file is not valid" in capsys.readouterr().err
    assert memory_keyring.get_password(KEYRING_SERVICE, ORG_KEY_USERNAME) is None


def test_config_show_never_prints_a_database_password(
    tmp_path: Path, site_dir: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    user_config = tmp_path / "user" / "BranchDesk" / "branchdesk.ini"
    user_config.parent.mkdir(parents=True)
    user_config.write_text("[branchdesk]\ncentral_url = postgresql://ws:" + DB_PASSWORD + "@db/x\n")
    assert _admin(tmp_path, "config", "show") == 0
    shown = capsys.readouterr().out
    assert DB_PASSWORD not in shown and "postgresql://ws:***@db/x" in shown
