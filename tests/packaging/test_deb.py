"""The Debian package on this machine: dpkg installs it, it passes its self-test, an upgrade keeps the data
and the site config, and removing it leaves every user's data in place."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging.conftest import Built, run

SITE_CONFIG = Path("/etc/xdg/BranchDesk/branchdesk.ini")

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="dpkg -i needs root (CI runs as root)")


def _dpkg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["dpkg", *map(str, args)], capture_output=True, text=True, check=False, timeout=600)


def _installed_version() -> str | None:
    shown = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status} ${Version}", "branchdesk"],
        capture_output=True,
        text=True,
        check=False,
    )
    parts = shown.stdout.split()
    return parts[-1] if shown.returncode == 0 and "installed" in parts[:3] else None


@pytest.fixture
def clean_machine(tmp_path: Path) -> Iterator[None]:
    """Leaves the machine as it found it: package purged, an existing site config put back."""
    if _installed_version() is not None:
        pytest.skip("a branchdesk package is already installed on this machine")
    saved = tmp_path / "site-config-before.ini"
    if SITE_CONFIG.exists():
        shutil.copy2(SITE_CONFIG, saved)
    try:
        yield
    finally:
        _dpkg("--purge", "branchdesk")
        if saved.exists():
            SITE_CONFIG.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(saved, SITE_CONFIG)


def _newer_package(deb: Path, version: str, folder: Path) -> Path:
    """The same payload as a later version (repacked, uncompressed: fast), to exercise dpkg's upgrade path."""
    tree = folder / "tree"
    subprocess.run(["dpkg-deb", "-R", deb, tree], check=True)
    control = tree / "DEBIAN" / "control"
    lines = control.read_text().splitlines()
    control.write_text(
        "\n".join(f"Version: {version}" if ln.startswith("Version:") else ln for ln in lines) + "\n"
    )
    newer = folder / f"branchdesk_{version}_amd64.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Znone", "--build", tree, newer], check=True, capture_output=True
    )
    shutil.rmtree(tree)
    return newer


def test_install_self_test_upgrade_and_remove_keep_user_data(
    built: Built, frozen_env: dict[str, str], tmp_path: Path, clean_machine: None
) -> None:
    installed = _dpkg("-i", built.deb)
    assert installed.returncode == 0, installed.stderr
    assert Path("/usr/share/applications/branchdesk.desktop").is_file()
    assert Path("/usr/share/icons/hicolor/scalable/apps/branchdesk.svg").is_file()
    assert SITE_CONFIG.is_file()  # created from the template for IT to fill in

    # A counter user: default data folder under their home, settings from the machine's site config.
    home = tmp_path / "home"
    env = {**frozen_env, "HOME": str(home)}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CONFIG_DIRS"):
        env.pop(name)
    env["XDG_DATA_HOME"] = str(home / ".local" / "share")  # the file keyring lives there too
    provisioned = run(
        ["/usr/bin/branchdesk-admin", "config", "set-site", "branch=0042", "workstation=WS07"], env
    )
    assert provisioned.returncode == 0, provisioned.stderr
    assert run(["/usr/bin/branchdesk", "--self-test"], env).returncode == 0
    store = home / ".local" / "share" / "BranchDesk" / "branchdesk.sqlite"
    assert store.is_file()
    demo = run(["/usr/bin/branchdesk-admin", "demo", "--customers", "3", "--cases", "2", "--seed", "7"], env)
    assert demo.returncode == 0, demo.stderr
    before = run(["/usr/bin/branchdesk-admin", "status"], env).stdout
    assert "pending changes" in before and "0042 / workstation WS07" in before

    upgraded = _dpkg("-i", _newer_package(built.deb, "99.0.0", tmp_path))
    assert upgraded.returncode == 0, upgraded.stderr
    assert _installed_version() == "99.0.0"
    assert "branch = 0042" in SITE_CONFIG.read_text()  # IT's settings survive the upgrade
    assert run(["/usr/bin/branchdesk", "--self-test"], env).returncode == 0
    assert run(["/usr/bin/branchdesk-admin", "status"], env).stdout == before  # same queue, same identity

    removed = _dpkg("-r", "branchdesk")
    assert removed.returncode == 0, removed.stderr
    assert not Path("/opt/branchdesk").exists()
    assert not Path("/usr/bin/branchdesk").exists()
    assert store.is_file()  # the user's data stays
    assert SITE_CONFIG.is_file()  # and the machine's config until a purge
