"""Writes the machine-wide site config (installers and IT tools): validated, merged, replaced atomically."""

from __future__ import annotations

import configparser
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from app import paths
from app.config import SECTION, SETTINGS_BY_NAME
from app.errors import ConfigInvalid


def _check(name: str, raw: str) -> None:
    setting = SETTINGS_BY_NAME.get(name)
    if setting is None:
        raise ConfigInvalid(name, "no such setting (see branchdesk-admin config show)")
    try:
        setting.parse(raw)
    except ValueError as exc:
        raise ConfigInvalid(name, str(exc)) from None
    if name == "central_url" and raw:
        try:
            has_password = make_url(raw).password is not None
        except ArgumentError:
            raise ConfigInvalid(name, "not a database URL") from None
        if has_password:
            # The site config is readable by every user of the PC; the password belongs in the keyring.
            raise ConfigInvalid(name, "no password in the URL: enrol it into the keyring instead")


def write_site_settings(values: Mapping[str, str], target: Path | None = None) -> Path:
    """Set `values` in the site config, keeping every other entry; nothing is written if one is invalid."""
    target = target or paths.site_config_file()
    for name, raw in values.items():
        _check(name, raw)
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(target, encoding="utf-8")
    except configparser.Error as exc:
        raise ConfigInvalid(str(target), str(exc)) from None
    if not parser.has_section(SECTION):
        parser.add_section(SECTION)
    for name, raw in values.items():
        parser.set(SECTION, name, raw)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Readable by every account on the PC (it holds no secrets), replaced in one step so the app never
    # reads half a file.
    handle, temporary = tempfile.mkstemp(prefix=".branchdesk-", suffix=".ini", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write("; Machine-wide BranchDesk settings (branchdesk-admin config set-site / enroll).\n")
            parser.write(file)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
