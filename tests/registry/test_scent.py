"""Scent signatures over time (SQLite and PostgreSQL): a physician the person chose records
or re-measures her scent; the registry keeps the current one for matchmaking and reads the
one in force on a date; her history says who measured it and when, never the values."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from tests.store_access import reader
from troth.domain import commands as c
from troth.domain.errors import Refused, TrothError
from troth.domain.people import Scent
from troth.match.candidates import Filters
from troth.registry.candidate_search import candidates_in_registry
from troth.store import tables as t

TODAY = date(2026, 11, 25)  # the FixedClock's day
FIRST = Scent((0.6, 0.8), (0.8, 0.6), "cedar")
LATER = Scent((0.5, 0.9), (0.7, 0.7), "cedar, fainter")


def _family(registry: Any) -> dict[str, int]:
    """An Alpha and an Omega registered with scents, their daughter born into the registry
    (no scent: a birth registration has none), a physician and another Beta."""
    p: dict[str, int] = {}
    for name, born, des in (("alpha", date(1995, 2, 2), "alpha"),
                            ("omega", date(1996, 3, 3), "omega"),
                            ("doctor", date(1970, 4, 4), "beta"),
                            ("stranger", date(1975, 5, 5), "beta"),
                            ("suitor", date(1999, 6, 6), "alpha")):
        p[name] = registry.execute(c.RegisterPerson(
            name.title(), born, scent=FIRST if des != "beta" else None, district="D01"))
        registry.execute(c.RecordPresentation(p[name], des, date(born.year + 14, 6, 1)))
    p["child"] = registry.execute(c.RegisterBirth("Daughter", date(2007, 1, 10),
                                                  (p["alpha"], p["omega"]), "D01"))
    registry.execute(c.RecordPresentation(p["child"], "omega", date(2021, 5, 1)))
    registry.execute(c.ShareHealth(p["child"], p["doctor"], "physician"))
    return p


def _search(registry: Any, pid: int) -> list[Any]:
    return candidates_in_registry(registry, pid, 5, Filters(on=TODAY))


def test_a_registry_born_child_gets_her_scent_from_her_physician_and_becomes_searchable(
        registry: Any) -> None:
    p = _family(registry)
    with pytest.raises(TrothError, match=f"#{p['child']} has no scent signature on record") \
            as no_scent:
        _search(registry, p["child"])
    assert no_scent.value.rule == "person_matchable"
    registry.execute(c.RecordScent(p["child"], p["doctor"], date(2026, 3, 1), FIRST))
    found = _search(registry, p["child"])
    assert p["suitor"] in {x.id for x in found}
    assert registry.queries.people.person(p["child"]).scent == FIRST


def test_a_re_measurement_becomes_current_and_the_one_in_force_on_a_date_is_read(
        registry: Any) -> None:
    p = _family(registry)
    kid = p["child"]
    registry.execute(c.RecordScent(kid, p["doctor"], date(2025, 6, 1), FIRST))
    registry.execute(c.RecordScent(kid, p["doctor"], date(2026, 6, 1), LATER))
    # an older measurement recorded late never displaces the current one
    registry.execute(c.RecordScent(kid, p["doctor"], date(2024, 6, 1), LATER))
    people = registry.queries.people
    assert people.person(kid).scent == LATER
    assert people.scent_on(kid, date(2026, 1, 1)) == FIRST
    assert people.scent_on(kid, date(2024, 12, 1)) == LATER
    assert people.scent_on(kid, date(2024, 1, 1)) is None
    assert people.scent_on(p["alpha"], date(2000, 1, 1)) == FIRST  # given at registration
    with reader(registry) as conn:
        rows = conn.execute(select(t.scent_measurements.c.on, t.scent_measurements.c.by_id)
                            .where(t.scent_measurements.c.person_id == kid)
                            .order_by(t.scent_measurements.c.ledger_seq)).all()
    assert [(r.on, r.by_id) for r in rows] == [(date(2025, 6, 1), p["doctor"]),
                                               (date(2026, 6, 1), p["doctor"]),
                                               (date(2024, 6, 1), p["doctor"])]


@pytest.mark.parametrize("who", ["stranger", "child", "omega"])
def test_only_a_physician_she_chose_records_her_scent(registry: Any, who: str) -> None:
    p = _family(registry)
    with pytest.raises(Refused) as refused:
        registry.execute(c.RecordScent(p["child"], p[who], date(2026, 3, 1), FIRST))
    assert refused.value.rule == "scent_by_chosen_physician"
    assert registry.queries.people.person(p["child"]).scent is None


def test_a_revoked_physician_no_longer_records_her_scent(registry: Any) -> None:
    p = _family(registry)
    registry.execute(c.ShareHealth(p["child"], p["doctor"], grant=False))
    with pytest.raises(Refused, match="a physician the person chose"):
        registry.execute(c.RecordScent(p["child"], p["doctor"], date(2026, 3, 1), FIRST))


@pytest.mark.parametrize(("on", "rule"), [(date(2026, 11, 26), "date_in_future"),
                                           (date(2006, 1, 1), "scent_while_alive")])
def test_a_scent_is_measured_on_a_day_she_was_alive_and_not_after_today(
        registry: Any, on: date, rule: str) -> None:
    p = _family(registry)
    with pytest.raises(Refused) as refused:
        registry.execute(c.RecordScent(p["child"], p["doctor"], on, FIRST))
    assert refused.value.rule == rule


def test_her_history_says_who_measured_her_scent_and_when_never_the_values(
        registry: Any) -> None:
    p = _family(registry)
    registry.execute(c.RecordScent(p["child"], p["doctor"], date(2025, 6, 1), FIRST))
    registry.execute(c.RecordScent(p["child"], p["doctor"], date(2026, 6, 1), LATER))
    told = [h.text for h in registry.queries.people.history(p["child"])
            if h.kind == "scent_measured"]
    assert told == [f"Scent signature of Daughter (#{p['child']}) re-measured by"
                    f" #{p['doctor']} on 2026-06-01",
                    f"Scent signature of Daughter (#{p['child']}) recorded by"
                    f" #{p['doctor']} on 2025-06-01"]
    for text in told:
        assert not any(v in text for v in ("0.5", "0.6", "0.7", "0.8", "0.9", "cedar"))


def test_the_reasons_someone_is_not_searchable_are_exact(registry: Any) -> None:
    p = _family(registry)
    minor = registry.execute(c.RegisterPerson("Young", date(2011, 1, 1), scent=FIRST))
    registry.execute(c.RecordPresentation(minor, "omega", date(2025, 1, 1)))
    unpresented = registry.execute(c.RegisterPerson("Unpresented", date(2000, 1, 1),
                                                    scent=FIRST))
    cases = {minor: f"#{minor} is a minor (15 on {TODAY})",
             unpresented: f"#{unpresented} has not presented by {TODAY}",
             p["doctor"]: f"#{p['doctor']} is a Beta",
             p["child"]: f"#{p['child']} has no scent signature on record"}
    for pid, words in cases.items():
        with pytest.raises(TrothError) as refused:
            _search(registry, pid)
        assert refused.value.rule == "person_matchable"
        assert words in refused.value.message
