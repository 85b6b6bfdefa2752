"""Alembic environment for the local SQLite store; always run with a connection handed in by db.migrate."""

from __future__ import annotations

from alembic import context

from db.local_schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite needs table rebuilds for most ALTERs
)
with context.begin_transaction():
    context.run_migrations()
