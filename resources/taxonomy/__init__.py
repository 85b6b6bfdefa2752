"""Complaint classification data (JR/T 0169-2018 axes) and the routing of internal types to departments."""

from __future__ import annotations

from pathlib import Path

TAXONOMY_DIR = Path(__file__).resolve().parent
DEFAULT_TAXONOMY_FILE = TAXONOMY_DIR / "jrt0169_2018.json"
DEFAULT_ROUTING_FILE = TAXONOMY_DIR / "routing.json"
