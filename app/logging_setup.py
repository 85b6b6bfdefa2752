"""Rotating log file in the data dir. Only ids and codes are ever logged, never personal values."""

from __future__ import annotations

import logging
import logging.handlers

from app.paths import DataPaths

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 5 * 1024 * 1024
BACKUP_COUNT = 10


def configure_logging(paths: DataPaths, level: str = "INFO") -> None:
    paths.logs.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "branchdesk", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        paths.log_file, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.branchdesk = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    # SQLAlchemy's engine logger would print bound parameters; keep it quiet whatever the level.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
