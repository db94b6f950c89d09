"""Time as rules: the dates the registry keeps, and the order in which things happen.

Every date or time a command carries lies between EARLIEST (1 January 1900: nobody on record
was born earlier) and HORIZON_YEARS after the registry's today (Visits and ceremonies are
planned ahead, never further). Outside that range a command is refused with one sentence —
never an overflow. Within it, nothing is held, sealed or decided before it starts or before
what it depends on; those rules live with the records they concern (courtship_rules,
bonding) and use `not_before` below.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime

from troth.domain.errors import InvalidInput
from troth.domain.verdicts import refuse

EARLIEST = date(1900, 1, 1)
HORIZON_YEARS = 5


def latest(today: date) -> date:
    """The last date the registry keeps: HORIZON_YEARS after today (28 Feb for 29 Feb)."""
    day = 28 if (today.month, today.day) == (2, 29) else today.day
    return date(today.year + HORIZON_YEARS, today.month, day)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def check_date(value: date | datetime, what: str, today: date) -> None:
    day, last = _day(value), latest(today)
    if not EARLIEST <= day <= last:
        raise InvalidInput(
            f"{what} {day.isoformat()} is outside the dates the registry keeps:"
            f" {EARLIEST.isoformat()} to {last.isoformat()} ({HORIZON_YEARS} years after"
            " today)", rule="date_range")


def check_command_dates(cmd: object, today: date) -> None:
    """Every date and time in a command lies within the registry's range."""
    for f in fields(cmd):  # type: ignore[arg-type]
        value = getattr(cmd, f.name)
        if isinstance(value, date):
            check_date(value, f.name.replace("_", " "), today)


def not_before(day: date | datetime, earliest: date | datetime, what: str, after: str,
               rule: str) -> None:
    """`what` on `day` cannot come before `after`, which was on `earliest`."""
    if _day(day) < _day(earliest):
        raise refuse(rule, f"{what} ({_day(day).isoformat()}) cannot come before {after}"
                     f" ({_day(earliest).isoformat()})")
