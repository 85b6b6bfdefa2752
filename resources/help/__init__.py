"""The local user guide (HTML, one file per language), shown by the Help viewer (F1)."""
