"""Small builders for registry tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from troth.domain import commands as c


def add(reg: Any, name: str, born: date, designation: str | None = None,
        presented: date | None = None, **kw: Any) -> int:
    pid: int = reg.execute(c.RegisterPerson(name, born, **kw))
    if designation:
        on = presented or date(born.year + 14, born.month, min(born.day, 28))
        reg.execute(c.RecordPresentation(pid, designation, on))
    return pid


def ledger_count(reg: Any) -> int:
    return int(reg.queries.people.checkpoint().count)
