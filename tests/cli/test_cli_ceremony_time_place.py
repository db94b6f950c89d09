"""`troth bonding schedule --time --place` (issue #16): kept with the ceremony; a bad time
or a blank place is refused in one line with exit 2, and nothing is scheduled."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.cli.test_cli_safeguards import TODAY, office, troth
from tests.conftest import FixedClock

from troth.bootstrap import build_registry
from troth.domain.customs import Customs

__all__ = ["office"]  # the fixture, shared


def _ceremonies(db: Path, court: int) -> list[object]:
    reg = build_registry(str(db), clock=FixedClock(date.fromisoformat(TODAY)),  # type: ignore[arg-type]
                         customs=Customs())
    try:
        return list(reg.queries.dashboards.ceremonies(courtship_id=court))
    finally:
        reg.close()


def _schedule(db: Path, p: dict[str, int], *extra: str) -> object:
    return troth(db, "bonding", "schedule", "--courtship", str(p["court"]), "--officiant",
                 str(p["ada"]), "--witness", "Han Solo", "--on", "2026-12-05", *extra)


def test_the_time_and_place_are_kept(office: tuple[Path, dict[str, int]]) -> None:
    db, p = office
    r = _schedule(db, p, "--time", "15:00", "--place", "Registry hall, Jakku")
    assert r.returncode == 0, r.stderr  # type: ignore[attr-defined]
    [cer] = _ceremonies(db, p["court"])
    assert (cer.at, cer.place) == ("15:00", "Registry hall, Jakku")  # type: ignore[attr-defined]


def test_a_bad_time_or_a_blank_place_is_refused_in_one_line(
        office: tuple[Path, dict[str, int]]) -> None:
    db, p = office
    for extra, words in ((("--time", "3pm"), "HH:MM"), (("--place", "  "), "blank")):
        r = _schedule(db, p, *extra)
        assert r.returncode == 2 and words in r.stderr, r.stderr  # type: ignore[attr-defined]
        assert "Traceback" not in r.stderr  # type: ignore[attr-defined]
    assert _ceremonies(db, p["court"]) == []
