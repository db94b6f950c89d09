"""Ids are allocated inside the write transaction (the writer lock makes this safe)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, func, select

_MAX: dict[Any, Select[Any]] = {}  # column -> its statement, built once (compiled-cache hits)


def next_id(conn: Connection, column: Any) -> int:
    """One more than the largest id in `column` (1 for an empty table)."""
    stmt = _MAX.get(column)
    if stmt is None:
        stmt = _MAX.setdefault(column, select(func.coalesce(func.max(column), 0)))
    return int(conn.execute(stmt).scalar_one()) + 1
