"""Typed settings declared once with defaults; site config < user config < environment < command line."""

from __future__ import annotations

import configparser
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import paths
from app.errors import ConfigInvalid

SECTION = "branchdesk"
ENV_PREFIX = "BRANCHDESK_"


def _parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError("expected true or false")


def _parse_keep(text: str) -> tuple[int, int]:
    head, tail = (int(part) for part in text.split(","))
    if head < 0 or tail < 0:
        raise ValueError("expected two non-negative numbers, e.g. 3,4")
    return head, tail


def _parse_retention_years(text: str) -> int:
    years = int(text)
    if years < 3:
        raise ValueError("operation logs are kept at least 3 years (PBOC 2020 Order No. 5)")
    return years


def _parse_positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise ValueError("expected a whole number of at least 1")
    return number


def _parse_choice(*choices: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in choices:
            raise ValueError("expected one of " + ", ".join(choices))
        return text

    return parse


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    parse: Callable[[str], Any]
    description: str  # shown by `branchdesk-admin config show`


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "", str, "Folder for the local store, logs and backups (empty: per-user default)."),
    Setting("language", "auto", _parse_choice("auto", "zh_CN", "en"), "User interface language."),
    Setting(
        "theme",
        "auto",
        _parse_choice("auto", "light", "dark", "high_contrast"),
        "Colour scheme (auto: system; high_contrast: black and white, thick focus frames).",
    ),
    Setting("welcome_shown", False, _parse_bool, "The first-run welcome and setup check were shown."),
    Setting("branch", "0001", str, "Branch code this workstation belongs to."),
    Setting("workstation", "WS01", str, "Workstation identity within the branch."),
    Setting(
        "keyring_backend",
        "",
        str,
        "Keyring backend class to use explicitly (e.g. keyrings.alt.file.PlaintextKeyring); "
        "empty: the OS keyring, refusing insecure ones.",
    ),
    Setting("cipher", "aes-256-gcm", _parse_choice("aes-256-gcm", "sm4-gcm"), "Field cipher for new values."),
    Setting("mask_name_keep", (1, 0), _parse_keep, "Name characters shown (first,last)."),
    Setting("mask_id_keep", (1, 1), _parse_keep, "ID number characters shown (first,last)."),
    Setting("mask_mobile_keep", (3, 4), _parse_keep, "Mobile number digits shown (first,last)."),
    Setting("mask_card_keep", (6, 4), _parse_keep, "Card number digits shown (first,last)."),
    Setting("mask_address_keep", (6, 0), _parse_keep, "Address characters shown (first,last)."),
    Setting("reveal_seconds", 30, int, "How long a revealed value stays visible."),
    Setting("log_level", "INFO", _parse_choice("DEBUG", "INFO", "WARNING", "ERROR"), "Log file level."),
    Setting("demo", False, _parse_bool, "Fill an empty store with demo customers at start."),
    Setting(
        "central_url",
        "",
        str,
        "Central PostgreSQL database, e.g. postgresql://branchdesk@db.example:5432/branchdesk?sslmode=verify-full.",
    ),
    Setting("sync_interval_seconds", 60, int, "How often to sync when nothing else triggers it."),
    Setting("lockout_attempts", 5, int, "Failed sign-ins before an account is locked on this PC."),
    Setting("lockout_minutes", 15, int, "How long a locked account stays locked."),
    Setting("idle_lock_minutes", 5, int, "Idle time after which the counter PC locks itself."),
    Setting("argon2_memory_kib", 65536, int, "Argon2id memory cost for new staff passwords (KiB)."),
    Setting(
        "audit_retention_years", 3, _parse_retention_years, "Years the operation log is kept (at least 3)."
    ),
    Setting("branch_name", "", str, "Branch name printed on receipts."),
    Setting("branch_phone", "", str, "Branch telephone printed on receipts for follow-up."),
    Setting("hotline", "", str, "Customer service hotline printed on receipts."),
    Setting(
        "calendar_file",
        "",
        str,
        "Extra official holiday / make-up working day data (JSON) published after this release.",
    ),
    Setting(
        "taxonomy_file", "", str, "Complaint classification (JSON) replacing the packaged JR/T 0169 data."
    ),
    Setting("routing_file", "", str, "Complaint type to handling department table (JSON)."),
    Setting("sla_policy_file", "", str, "Deadline policies (JSON) replacing the built-in defaults."),
    # Backups and retention (docs/BACKUP.md).
    Setting("backup_dir", "", str, "Folder for encrypted backups (empty: backups/ in the data folder)."),
    Setting("backup_share_dir", "", str, "Network share that receives a copy of every backup (off the PC)."),
    Setting("backup_interval_hours", 24, _parse_positive, "Hours between scheduled backups."),
    Setting("backup_full_days", 7, _parse_positive, "Most days between full backups (incrementals between)."),
    Setting(
        "backup_keep",
        3,
        _parse_positive,
        "Scheduled backup chains (a full and its incrementals) kept per folder; older chains are removed.",
    ),
    Setting("retention_case_years", 5, _parse_retention_years, "Years a closed case is kept after closing."),
    Setting(
        "retention_customer_years",
        5,
        _parse_retention_years,
        "Years a customer is kept after the last activity.",
    ),
)
SETTINGS_BY_NAME = {setting.name: setting for setting in SETTINGS}


@dataclass(frozen=True, slots=True)
class Settings:
    values: Mapping[str, Any]
    sources: Mapping[str, str] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def data_paths(self) -> paths.DataPaths:
        root = Path(self.values["data_dir"]) if self.values["data_dir"] else paths.default_data_dir()
        return paths.DataPaths(root.expanduser())


def _read_ini(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except configparser.Error as exc:
        raise ConfigInvalid(str(path), str(exc)) from exc
    return dict(parser[SECTION]) if parser.has_section(SECTION) else {}


def load_settings(
    overrides: Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
    site_file: Path | None = None,
    user_file: Path | None = None,
) -> Settings:
    """Merge the layers; a value that does not parse is refused with the setting's name."""
    environ = os.environ if environ is None else environ
    layers: list[tuple[str, Mapping[str, str]]] = [
        (
            f"site config {site_file or paths.site_config_file()}",
            _read_ini(site_file or paths.site_config_file()),
        ),
        (
            f"user config {user_file or paths.user_config_file()}",
            _read_ini(user_file or paths.user_config_file()),
        ),
        (
            "environment",
            {
                key[len(ENV_PREFIX) :].lower(): value
                for key, value in environ.items()
                if key.startswith(ENV_PREFIX)
            },
        ),
        ("command line", dict(overrides or {})),
    ]
    values = {setting.name: setting.default for setting in SETTINGS}
    sources = {setting.name: "default" for setting in SETTINGS}
    for source, layer in layers:
        for name, raw in layer.items():
            setting = SETTINGS_BY_NAME.get(name)
            if setting is None:
                continue  # unknown keys are tolerated so newer site configs do not break older apps
            try:
                values[name] = setting.parse(raw) if isinstance(raw, str) else raw
            except ValueError as exc:
                raise ConfigInvalid(name, f"{source}: {exc}") from exc
            sources[name] = source
    return Settings(values, sources)


def save_user_settings(values: Mapping[str, str], user_file: Path | None = None) -> Path:
    """Write choices made in the app (language, theme) to the user config, keeping its other keys.

    Each value is parsed first, so a bad one never reaches the file; the write is atomic.
    """
    target = user_file or paths.user_config_file()
    for name, raw in values.items():
        setting = SETTINGS_BY_NAME.get(name)
        if setting is None:
            raise ConfigInvalid(name, "unknown setting")
        try:
            setting.parse(raw)
        except ValueError as exc:
            raise ConfigInvalid(name, str(exc)) from exc
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(target, encoding="utf-8")
    if not parser.has_section(SECTION):
        parser.add_section(SECTION)
    for name, raw in values.items():
        parser.set(SECTION, name, raw)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        parser.write(handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    return target
