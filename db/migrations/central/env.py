"""Alembic environment for the central PostgreSQL database; run with a connection from db.central_migrate."""

from __future__ import annotations

from alembic import context

from db.central_schema import central_metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=central_metadata,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
