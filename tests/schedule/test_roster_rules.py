"""The rostering records' rules, judged without a store, and availability arithmetic."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from troth.domain.courtship import Courtship, CourtshipStatus
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput, Refused
from troth.domain.people import Person
from troth.domain.rostering import RegisterHandler, RequestVisit, Residence, register_handler
from troth.domain.rostering import request_visit as judge
from troth.schedule.week import subtract

TUE = datetime(2026, 12, 1, 18, 0)
HOME = Residence(3, "2 Yard Lane", "Riverside", 51.5, -0.1)


def _court(status: CourtshipStatus = CourtshipStatus.OPEN) -> Courtship:
    return Courtship(7, 1, 2, None, date(2026, 10, 1), status)


def _ask(windows: list[tuple[datetime, datetime]], kind: str = "tea", **kw: object) -> RequestVisit:
    return RequestVisit(7, kind, tuple(windows), date(2026, 11, 25), **kw)  # type: ignore[arg-type]


def test_a_request_takes_the_omegas_residence_and_its_week() -> None:
    e = judge(_ask([(TUE, TUE + timedelta(hours=2))]), 1, _court(), HOME, Customs())
    assert (e.week, e.place, e.district, e.lat) == ("2026-W49", "2 Yard Lane", "Riverside", 51.5)


def test_a_request_before_the_omegas_consent_is_refused() -> None:
    with pytest.raises(Refused) as exc:
        judge(_ask([(TUE, TUE + timedelta(hours=2))]), 1, _court(CourtshipStatus.PROPOSED),
              HOME, Customs())
    assert exc.value.rule == "courtship_open"


def test_a_window_shorter_than_the_visit_or_across_two_weeks_is_invalid() -> None:
    with pytest.raises(InvalidInput, match="shorter than the 180 minutes"):
        judge(_ask([(TUE, TUE + timedelta(hours=2))], kind="dinner"), 1, _court(), HOME,
              Customs())
    sunday = datetime(2026, 12, 6, 18, 0)
    with pytest.raises(InvalidInput, match="one week"):
        judge(_ask([(sunday, sunday + timedelta(hours=2)),
                    (sunday + timedelta(days=1), sunday + timedelta(days=1, hours=2))]),
              1, _court(), HOME, Customs())


def test_a_first_visit_away_from_the_omegas_residence_needs_a_waiver() -> None:
    ask = _ask([(TUE, TUE + timedelta(hours=2))], at_omega_residence=False, place="Park",
               district="Riverside", lat=51.5, lon=-0.1)
    with pytest.raises(Refused) as exc:
        judge(ask, 1, _court(), HOME, Customs())
    assert exc.value.rule == "first_visits_at_omega_residence"


def test_a_minor_is_never_put_on_the_handlers_list() -> None:
    minor = Person(5, "Young Beta", date(2010, 1, 1))
    with pytest.raises(Refused) as exc:
        register_handler(RegisterHandler(5, 5, date(2026, 11, 25)), 1, minor, None, HOME,
                         Customs())
    assert exc.value.rule == "handler_adult"


minutes = st.integers(0, 7 * 24 * 60)
spans = st.lists(st.tuples(minutes, st.integers(1, 600)), max_size=6)


@given(blocks=spans, holes=spans)
def test_availability_less_unavailability_never_overlaps_a_hole(
        blocks: list[tuple[int, int]], holes: list[tuple[int, int]]) -> None:
    base = datetime(2026, 11, 30)

    def at(m: int) -> datetime:
        return base + timedelta(minutes=m)

    left = subtract(tuple((at(a), at(a + n)) for a, n in blocks),
                    tuple((at(a), at(a + n)) for a, n in holes))
    for w in left:
        assert any(at(a) <= w.start and w.end <= at(a + n) for a, n in blocks)
        assert not any(w.start < at(a + n) and at(a) < w.end for a, n in holes)
    for m in range(0, 7 * 24 * 60 + 600, 37):  # every minute free in both stays free
        free = any(a <= m < a + n for a, n in blocks) and not any(
            a <= m < a + n for a, n in holes)
        assert free == any(w.start <= at(m) < w.end for w in left)
