"""Record ids as the web takes them: whole numbers from 1 to 2**31 - 1.

Every table keys its records by a 32-bit INTEGER (PostgreSQL's `integer`; SQLite would
store more, but the registry never issues more), so a number outside the range names no
record, and is refused before it reaches a query (which would fail with a 500 on
PostgreSQL, and on SQLite for numbers past 2**63). Every route that takes an id in its
path uses `RecordId`; forms and query fields naming ids use `valid_id`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

MAX_ID = 2_147_483_647
BOUND = f"registry numbers run from 1 to {MAX_ID}"

RecordId = Annotated[int, Path(ge=1, le=MAX_ID, description=f"A record's id: {BOUND}.")]


def valid_id(value: int) -> bool:
    return 1 <= value <= MAX_ID
