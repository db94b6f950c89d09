"""A physician's "no heats expected" finding in the registry (SQLite and PostgreSQL): the
registry's forecast says so from the finding's day, and a later finding withdrawing it
brings the forecast back."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.cycles import forecast
from troth.domain import commands as c
from troth.domain.errors import InvalidInput, Refused
from troth.domain.health import HealthFile, PhysicianFinding
from troth.registry.health import registry_history

TODAY = date(2026, 11, 25)  # the FixedClock's day


def _omega_with_heats(registry: Any) -> tuple[int, int]:
    omega = registry.execute(c.RegisterPerson("Ora Venn", date(1998, 2, 2)))
    registry.execute(c.RecordPresentation(omega, "omega", date(2012, 6, 1)))
    doctor = registry.execute(c.RegisterPerson("Dr Hale", date(1970, 4, 4)))
    registry.execute(c.ShareHealth(omega, doctor, "physician"))
    start = date(2026, 1, 10)
    for i in range(8):  # the last on 2026-09-20
        day = start + timedelta(days=36 * i)
        registry.execute(c.RecordHeat(omega, omega, day, day + timedelta(days=4)))
    return omega, doctor


def _state(registry: Any, omega: int, on: date = TODAY) -> str:
    history = registry_history(registry, omega, registry.queries.health.file(omega), on)
    return forecast(history, on).state.value


def test_a_no_heats_finding_makes_the_forecast_say_so_and_its_withdrawal_brings_it_back(
        registry: Any) -> None:
    omega, doctor = _omega_with_heats(registry)
    before = {day: _state(registry, omega, day) for day in (TODAY, date(2026, 10, 5))}
    assert "none_expected" not in before.values()
    registry.execute(c.RecordFinding(omega, doctor, "underweight; no heats expected",
                                     date(2026, 10, 1), "no_heats_expected"))
    assert _state(registry, omega) == "none_expected"
    fc = forecast(registry_history(registry, omega, registry.queries.health.file(omega),
                                   TODAY), TODAY)
    assert "underweight; no heats expected" in fc.message
    assert _state(registry, omega, date(2026, 9, 30)) != "none_expected"  # not before it
    registry.execute(c.RecordFinding(omega, doctor, "recovered", date(2026, 11, 1),
                                     "no_heats_withdrawn"))
    assert _state(registry, omega) == before[TODAY]
    assert _state(registry, omega, date(2026, 10, 5)) == "none_expected"


def test_a_plain_finding_leaves_the_forecast_alone(registry: Any) -> None:
    omega, doctor = _omega_with_heats(registry)
    before = _state(registry, omega)
    registry.execute(c.RecordFinding(omega, doctor, "a note", date(2026, 10, 1)))
    assert _state(registry, omega) == before != "none_expected"


def test_only_a_finding_in_force_can_be_withdrawn_and_kinds_are_known(registry: Any) -> None:
    omega, doctor = _omega_with_heats(registry)
    with pytest.raises(Refused) as refused:
        registry.execute(c.RecordFinding(omega, doctor, "back", date(2026, 7, 1),
                                         "no_heats_withdrawn"))
    assert refused.value.rule == "no_heats_finding_in_force"
    with pytest.raises(InvalidInput) as bad:
        registry.execute(c.RecordFinding(omega, doctor, "x", date(2026, 7, 1), "barren"))
    assert bad.value.rule == "finding_kind"


def test_only_a_physician_she_chose_records_a_no_heats_finding(registry: Any) -> None:
    omega, _ = _omega_with_heats(registry)
    other = registry.execute(c.RegisterPerson("Dr Other", date(1971, 4, 4)))
    with pytest.raises(Refused) as refused:
        registry.execute(c.RecordFinding(omega, other, "none", date(2026, 7, 1),
                                         "no_heats_expected"))
    assert refused.value.rule == "finding_by_chosen_physician"


KINDS = st.sampled_from(["", "no_heats_expected", "no_heats_withdrawn"])


@settings(max_examples=80, deadline=None)
@given(said=st.lists(st.tuples(st.integers(0, 40), KINDS), max_size=8),
       day=st.integers(0, 40))
def test_the_finding_in_force_is_the_latest_of_either_no_heats_kind_on_or_before_the_day(
        said: list[tuple[int, str]], day: int) -> None:
    start = date(2026, 1, 1)
    file = HealthFile(1, findings={i: PhysicianFinding(i, 1, 2, "t", start + timedelta(d), k)
                                   for i, (d, k) in enumerate(said)})
    relevant = [(d, i, k) for i, (d, k) in enumerate(said) if k and d <= day]
    found = file.no_heats_on(start + timedelta(day))
    if not relevant or max(relevant)[2] != "no_heats_expected":
        assert found is None
    else:
        assert found is not None and found.id == max(relevant)[1]
