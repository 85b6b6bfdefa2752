"""The only module that knows where data, configuration, logs and backups live."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "BranchDesk"
CONFIG_FILE_NAME = "branchdesk.ini"
STORE_FILE_NAME = "branchdesk.sqlite"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILE_NAME


def site_config_file() -> Path:
    """Machine-wide settings written by IT at install time (e.g. /etc/xdg/BranchDesk on Linux)."""
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILE_NAME


@dataclass(frozen=True, slots=True)
class DataPaths:
    """Everything under one data directory, so --data-dir moves all of it together."""

    root: Path

    @property
    def store(self) -> Path:
        return self.root / STORE_FILE_NAME

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def log_file(self) -> Path:
        return self.logs / "branchdesk.log"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    def ensure(self) -> None:
        for folder in (self.root, self.logs, self.backups):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
