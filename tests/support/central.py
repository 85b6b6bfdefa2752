"""Reading the central database in tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, text


def column_values(engine: Engine, statement: str, **params: Any) -> list[Any]:
    """The first column of what `statement` returns, in order."""
    with engine.connect() as connection:
        return list(connection.execute(text(statement), params).scalars())
