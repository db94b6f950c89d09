"""Scent signatures over time, in the domain: who may record one (a physician the person
chose), on which days, and which is in force on a date ("as of", corrections applied)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.domain import commands as c
from troth.domain import events as ev
from troth.domain import people_rules as rp
from troth.domain.errors import Refused
from troth.domain.history import TELLERS, describe, scent_on
from troth.domain.people import Person, Scent

TODAY = date(2026, 11, 25)
BORN = date(2007, 1, 10)
S1 = Scent((0.1, 0.9), (0.9, 0.1), "linen")
S2 = Scent((0.4, 0.6), (0.6, 0.4))


def _person(scent: Scent | None = None, died: date | None = None) -> Person:
    return Person(7, "Daughter", BORN, scent=scent, died=died)


def test_a_physician_she_did_not_choose_is_refused() -> None:
    with pytest.raises(Refused) as refused:
        rp.record_scent(_person(), c.RecordScent(7, 12, date(2026, 1, 1), S1), False, TODAY)
    assert refused.value.rule == "scent_by_chosen_physician"


@pytest.mark.parametrize(("on", "died", "rule"), [
    (TODAY + timedelta(days=1), None, "date_in_future"),
    (BORN - timedelta(days=1), None, "scent_while_alive"),
    (date(2026, 2, 1), date(2026, 1, 1), "scent_while_alive"),
])
def test_a_scent_is_measured_on_a_day_she_lived_and_not_after_today(
        on: date, died: date | None, rule: str) -> None:
    with pytest.raises(Refused) as refused:
        rp.record_scent(_person(died=died), c.RecordScent(7, 12, on, S1), True, TODAY)
    assert refused.value.rule == rule


@settings(max_examples=60)
@given(days=st.integers(0, (TODAY - BORN).days), had=st.booleans())
def test_a_chosen_physician_records_the_scent_as_measured_on_any_day_of_her_life(
        days: int, had: bool) -> None:
    on = BORN + timedelta(days=days)
    e = rp.record_scent(_person(S2 if had else None), c.RecordScent(7, 12, on, S1), True,
                        TODAY)
    assert (e.person_id, e.by_id, e.on, e.gives, e.draws, e.notes) == (
        7, 12, on, S1.gives, S1.draws, "linen")
    assert e.remeasured is had and e.subjects == (7,) and e.effective == on
    told = describe(e, {7: "Daughter"})
    assert "#12" in told and str(on) in told and "0.1" not in told and "linen" not in told
    assert TELLERS[ev.ScentMeasured] is not None


def _registered(scent: Scent | None) -> ev.PersonRegistered:
    return ev.PersonRegistered(7, "Daughter", BORN, scent_gives=scent.gives if scent else (),
                               scent_draws=scent.draws if scent else ())


def _measured(on: date, s: Scent) -> ev.ScentMeasured:
    return ev.ScentMeasured(7, 12, on, s.gives, s.draws, s.notes)


SCENTS = st.sampled_from([S1, S2, Scent((0.3, 0.3), (0.2, 0.2))])


@settings(max_examples=80)
@given(at_birth=st.one_of(st.none(), SCENTS),
       measured=st.lists(st.tuples(st.integers(0, 5000), SCENTS), max_size=6),
       day=st.integers(-10, 6000))
def test_the_scent_in_force_is_the_latest_on_or_before_the_day_in_ledger_order(
        at_birth: Scent | None, measured: list[tuple[int, Scent]], day: int) -> None:
    events: list[ev.Event] = [_registered(at_birth)]
    events += [_measured(BORN + timedelta(days=d), s) for d, s in measured]
    on = BORN + timedelta(days=day)
    candidates = [(0, -1, Scent(at_birth.gives, at_birth.draws))] if at_birth else []
    candidates += [(d, i, s) for i, (d, s) in enumerate(measured)]
    in_force = [x for x in candidates if x[0] <= day]
    expected = max(in_force, key=lambda x: (x[0], x[1]))[2] if in_force else None
    assert scent_on(7, on, events) == expected
