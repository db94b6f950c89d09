"""Ids are allocated inside the write transaction (the writer lock makes this safe)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select


def next_id(conn: Connection, column: Any) -> int:
    """One more than the largest id in `column` (1 for an empty table)."""
    return int(conn.execute(select(func.coalesce(func.max(column), 0))).scalar_one()) + 1
