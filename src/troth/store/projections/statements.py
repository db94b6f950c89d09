"""Helpers for the statements projections build once at import (named parameters), so
each execution is a hit in SQLAlchemy's compiled cache."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam


def typed(column: Any, name: str) -> Any:
    """A named parameter of the column's type (for the SET clause of a prebuilt UPDATE)."""
    return bindparam(name, type_=column.type)
