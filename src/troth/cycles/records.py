"""A person's heat history as the forecaster sees it: plain, frozen, clock-free.

The registry will build a `History` from its own records (corrections already applied,
exclusions kept as a flag); the CLI reads one from a JSON or CSV file.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from troth.domain.errors import InvalidInput

__all__ = ["HeatRecord", "History", "NoHeatsFinding", "load_history", "parse_history"]


@dataclass(frozen=True)
class HeatRecord:
    """One recorded heat. `excluded` keeps it out of the learning (an illness, say)."""

    start: date
    end: date | None = None
    excluded: bool = False

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise InvalidInput(
                f"a heat cannot end ({self.end}) before it starts ({self.start})",
                rule="heat_dates",
            )


@dataclass(frozen=True)
class NoHeatsFinding:
    """A physician's recorded finding that no heats are expected (e.g. after malnourishment)."""

    recorded_on: date
    reason: str


@dataclass(frozen=True)
class History:
    """Everything the forecast may use about one person.

    `bond_date` is the known change point; `presented_on` lets the forecaster say
    "no heat expected yet"; `pregnant_since` pauses forecasting while a pregnancy is open.
    """

    heats: tuple[HeatRecord, ...] = ()
    bond_date: date | None = None
    presented_on: date | None = None
    pregnant_since: date | None = None
    finding: NoHeatsFinding | None = None
    label: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        starts = [h.start for h in self.heats]
        if len(set(starts)) != len(starts):
            raise InvalidInput("two heats are recorded with the same start date", rule="heat_dates")
        if starts != sorted(starts):
            object.__setattr__(self, "heats", tuple(sorted(self.heats, key=lambda h: h.start)))


def _date(value: Any, what: str) -> date:
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput(f"{what} '{value}' is not a date in the form YYYY-MM-DD",
                           rule="date_format") from None


def _opt_date(value: Any, what: str) -> date | None:
    return None if value in (None, "") else _date(value, what)


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("", "0", "false", "no", "n"):
        return False
    if text in ("1", "true", "yes", "y", "excluded"):
        return True
    raise InvalidInput(f"'excluded' must be true or false, got '{value}'", rule="heat_file")


def _heat(row: dict[str, Any], index: int) -> HeatRecord:
    if "start" not in row or row["start"] in (None, ""):
        raise InvalidInput(f"heat number {index + 1} has no start date", rule="heat_file")
    return HeatRecord(
        start=_date(row["start"], f"start of heat {index + 1}"),
        end=_opt_date(row.get("end"), f"end of heat {index + 1}"),
        excluded=_flag(row.get("excluded", False)),
    )


def _from_mapping(data: dict[str, Any], label: str) -> History:
    heats = data.get("heats", [])
    if not isinstance(heats, list):
        raise InvalidInput("'heats' must be a list of {start, end, excluded}", rule="heat_file")
    finding = data.get("finding")
    return History(
        heats=tuple(_heat(row, i) for i, row in enumerate(heats)),
        bond_date=_opt_date(data.get("bond_date"), "bond_date"),
        presented_on=_opt_date(data.get("presented_on"), "presented_on"),
        pregnant_since=_opt_date(data.get("pregnant_since"), "pregnant_since"),
        finding=None if not finding else NoHeatsFinding(
            recorded_on=_date(finding.get("recorded_on"), "finding.recorded_on"),
            reason=str(finding.get("reason", "")).strip() or "no reason given",
        ),
        label=label,
    )


def parse_history(text: str, fmt: str, label: str = "") -> History:
    """Parse a history from JSON (an object, see docs/heats.md) or CSV (start,end,excluded)."""
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"the history is not valid JSON ({exc.msg}, line {exc.lineno})",
                               rule="heat_file") from None
        if isinstance(data, list):
            data = {"heats": data}
        if not isinstance(data, dict):
            raise InvalidInput("the JSON history must be an object or a list", rule="heat_file")
        return _from_mapping(data, label)
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        return History(heats=tuple(_heat(row, i) for i, row in enumerate(rows)), label=label)
    raise InvalidInput(f"unknown history format '{fmt}' (use json or csv)", rule="heat_file")


def load_history(path: Path) -> History:
    """Read a history file; the format follows the suffix (.json or .csv)."""
    fmt = path.suffix.lower().lstrip(".")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}", rule="heat_file") from None
    return parse_history(text, fmt, label=path.stem)
