"""Packaging tests: scripts/package.sh builds dist/ once per run (and not at all when dist/ is current)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
# The explicit file keyring from keyrings.alt, bundled for headless PCs: a CI machine has no OS keyring.
FILE_KEYRING = "keyrings.alt.file.PlaintextKeyring"


@dataclass(frozen=True, slots=True)
class Built:
    bundle: Path
    deb: Path
    msi: Path

    @property
    def gui(self) -> Path:
        return self.bundle / "branchdesk"

    @property
    def admin(self) -> Path:
        return self.bundle / "branchdesk-admin"


_report: list[str] = []


def bundle_megabytes(bundle: Path) -> float:
    """Bytes on disk of the folder's files (symlinks count once, as the files they point to)."""
    files = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files) / 2**20


@pytest.fixture(scope="session")
def built() -> Built:
    missing = [tool for tool in ("dpkg-deb", "wixl", "wixl-heat", "msiinfo") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"packaging tools missing: {', '.join(missing)} (run scripts/setup.sh)")
    finished = subprocess.run(
        ["bash", str(ROOT / "scripts" / "package.sh")], capture_output=True, text=True, check=False
    )
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    _report.extend(line for line in finished.stdout.splitlines() if line.startswith(("built", "  ", "dist/")))
    result = Built(
        DIST / "BranchDesk", DIST / f"branchdesk_{VERSION}_amd64.deb", DIST / f"BranchDesk-{VERSION}.msi"
    )
    _report.append(f"bundle size: {bundle_megabytes(result.bundle):.0f} MB (dist/BranchDesk)")
    return result


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _report:  # CI prints what was built and how big it is
        terminalreporter.write_sep("-", "packaging")
        for line in _report:
            terminalreporter.write_line(line)


@pytest.fixture
def frozen_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Offscreen Qt, the explicit file keyring, and XDG folders inside tmp_path (the keyring file too)."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": FILE_KEYRING,
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
        "XDG_CONFIG_DIRS": str(tmp_path / "xdg-site"),
        "LANG": "C.UTF-8",
    }
    for name in [name for name in env if name.startswith("BRANCHDESK_")]:
        del env[name]
    yield env


def run(
    command: list[str | Path], env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
