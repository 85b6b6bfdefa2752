"""The Windows installer recipe, built with wixl and read back with msiinfo: per-machine, a stable upgrade
code, every bundle file, and the silent-install properties reaching the site config."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

from tests.packaging.conftest import VERSION, Built, run

UPGRADE_CODE = "{0E579425-1216-499C-9358-2AD1862C0F48}"  # never changes: it is how upgrades find us
DEFERRED_EXE_FROM_INSTALLED_FILE_AS_SYSTEM = 18 | 0x400 | 0x800


def _table(msi: Path, name: str) -> list[list[str]]:
    exported = subprocess.run(["msiinfo", "export", msi, name], capture_output=True, text=True, check=True)
    return [line.split("\t") for line in exported.stdout.splitlines()[3:]]  # after names, types, table key


def test_product_is_per_machine_with_the_stable_upgrade_code(built: Built) -> None:
    properties = dict(row[:2] for row in _table(built.msi, "Property"))
    assert properties["UpgradeCode"] == UPGRADE_CODE
    assert properties["ProductVersion"] == VERSION
    assert properties["ALLUSERS"] == "1"
    upgrades = _table(built.msi, "Upgrade")
    assert {row[0] for row in upgrades} == {UPGRADE_CODE}
    assert {row[-1] for row in upgrades} == {"WIX_UPGRADE_DETECTED", "WIX_DOWNGRADE_DETECTED"}
    sequence = {row[0] for row in _table(built.msi, "InstallExecuteSequence")}
    assert {"RemoveExistingProducts", "WriteSiteConfig"} <= sequence
    summary = subprocess.run(
        ["msiinfo", "suminfo", built.msi], capture_output=True, text=True, check=True
    ).stdout
    assert "Template: x64" in summary


def test_file_table_holds_both_executables_and_every_bundle_file(built: Built) -> None:
    files = _table(built.msi, "File")
    names = [row[2].split("|")[-1] for row in files]
    assert "branchdesk.exe" in names and "branchdesk-admin.exe" in names
    assert "branchdesk_zh_CN.qm" in names and "holidays.json" in names
    bundle_files = [p for p in (built.bundle / "_internal").rglob("*") if p.is_file() and not p.is_symlink()]
    assert len(files) == len(bundle_files) + 2


def test_silent_install_properties_write_the_site_config(
    built: Built, frozen_env: dict[str, str], tmp_path: Path
) -> None:
    """Runs the installer's own command line (properties substituted as msiexec does) with the admin tool."""
    (action,) = [row for row in _table(built.msi, "CustomAction") if row[0] == "WriteSiteConfig"]
    assert int(action[1]) == DEFERRED_EXE_FROM_INSTALLED_FILE_AS_SYSTEM
    assert action[2] == "BranchDeskAdminExe"

    def install(**properties: str) -> str:
        command = re.sub(r"\[([A-Z_]+)\]", lambda m: properties.get(m.group(1), ""), action[3])
        finished = run([built.admin, *shlex.split(command)], frozen_env)
        assert finished.returncode == 0, finished.stderr
        return (tmp_path / "xdg-site" / "BranchDesk" / "branchdesk.ini").read_text()

    url = "postgresql://ws@db.hq.example:5432/branchdesk?sslmode=verify-full"
    written = install(CENTRAL_URL=url, BRANCH="0042", WORKSTATION="WS07", LANGUAGE="zh_CN")
    assert (
        f"central_url = {url}" in written and "branch = 0042" in written and "workstation = WS07" in written
    )
    # An upgrade passes no properties: the site config stays as IT wrote it.
    assert install(IDLE_LOCK_MINUTES="10") == written.replace(
        "language = zh_CN\n", "language = zh_CN\nidle_lock_minutes = 10\n"
    )
    shown = run([built.admin, "config", "show"], frozen_env).stdout
    assert re.search(r"branch\s+0042\s+\(site config .*xdg-site/BranchDesk/branchdesk.ini\)", shown)
