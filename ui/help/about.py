"""About BranchDesk: version, where data and settings live, the central database (password masked)."""

from __future__ import annotations

from importlib import metadata
from urllib.parse import urlsplit, urlunsplit

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import paths
from app.config import Settings

MASK = "••••••"


def app_version() -> str:
    try:
        return metadata.version("branchdesk")
    except metadata.PackageNotFoundError:
        return "dev"  # running from a source tree that was not installed


def masked_url(url: str) -> str:
    """The database address with any password replaced, safe to show on a counter screen."""
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit((parts.scheme, f"{user}:{MASK}@{host}{port}", parts.path, parts.query, parts.fragment))


class AboutDialog(QDialog):
    """What IT asks for first when a counter reports a problem; "Copy" puts it on the clipboard."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About BranchDesk"))
        data = settings.data_paths
        central = masked_url(str(settings.central_url)) or self.tr("none configured (working locally only)")
        self.facts: list[tuple[str, str]] = [
            (self.tr("Version"), app_version()),
            (self.tr("Branch / workstation"), f"{settings.branch} / {settings.workstation}"),
            (self.tr("Data folder"), str(data.root)),
            (self.tr("Local store"), str(data.store)),
            (self.tr("Log files"), str(data.logs)),
            (self.tr("Backups"), str(data.backups)),
            (self.tr("User settings"), str(paths.user_config_file())),
            (self.tr("Site settings (IT)"), str(paths.site_config_file())),
            (self.tr("Central database"), central),
        ]
        title = QLabel(
            self.tr("BranchDesk — customer information and case handling for branch counter staff")
        )
        title.setWordWrap(True)
        title.setProperty("role", "value")
        note = QLabel(self.tr("Personal data is stored encrypted and shown masked; every reveal is logged."))
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        form = QFormLayout()
        self.value_labels: dict[str, QLabel] = {}
        for caption, value in self.facts:
            label = QLabel(value)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            label.setAccessibleName(caption)
            form.addRow(caption, label)
            self.value_labels[caption] = label
        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(720, 0)

    def details(self) -> str:
        return "\n".join(f"{caption}: {value}" for caption, value in self.facts)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())
