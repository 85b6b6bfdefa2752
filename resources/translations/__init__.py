"""Compiled Qt translation catalogues (.qm) and their sources (.ts); see scripts/update_translations.py."""
