"""The operation-log viewer (supervisors, auditors, administrators)."""
