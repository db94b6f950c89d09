"""Marriages of Betas on real SQLite and PostgreSQL: consents, the officiant solemnises with
a certificate the registry verifies, either spouse petitions to dissolve and the registrar
decides; a refused marriage writes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.registry.helpers import add, ledger_count
from tests.store_access import reader
from troth.domain import marriage as m
from troth.domain.errors import Refused
from troth.store.tables import marriage as tm

DAY = date(2026, 6, 11)
TODAY = date(2026, 11, 25)


def betas(reg: Any) -> tuple[int, int, int]:
    han = add(reg, "Han Solo", date(1962, 7, 13), "beta")
    leia = add(reg, "Leia Organa", date(1966, 10, 21), "beta")
    officiant = add(reg, "Maz Kanata", date(1950, 1, 1), "beta")
    return han, leia, officiant


def marry(reg: Any, a: int, b: int, officiant: int, on: date = DAY) -> int:
    mid: int = reg.execute(m.ConsentToMarriage(a, b, on))
    assert reg.execute(m.ConsentToMarriage(b, a, on, attested_by=1)) == mid
    reg.execute(m.SolemniseMarriage(mid, officiant, ("Chewbacca",), on))
    return mid


def rows(reg: Any) -> int:
    with reader(reg) as conn:
        return int(conn.execute(select(func.count()).select_from(tm.marriages)).scalar_one())


def test_two_betas_marry_with_a_certificate_the_registry_verifies(registry: Any) -> None:
    han, leia, officiant = betas(registry)
    mid = marry(registry, han, leia, officiant)
    found = registry.queries.marriages.marriage(mid)
    assert (found.status, found.solemnised_on, found.officiant_id) == ("solemnised", DAY,
                                                                       officiant)
    check = registry.queries.marriages.verify_certificate(found.certificate_code.lower())
    assert check.valid and check.names == ("Han Solo", "Leia Organa"), check.message
    assert not registry.queries.marriages.verify_certificate("AAAA-BBBB-CCCC-DDDD").valid
    snap = registry.queries.people.snapshot(leia, DAY, recorded_by=TODAY)
    assert snap.married_to == han
    assert registry.queries.people.snapshot(leia, date(2026, 6, 10),
                                            recorded_by=TODAY).married_to is None
    texts = [h.text for h in registry.queries.people.history(han)]
    assert any(t.startswith(f"Marriage #{mid} of Han Solo (#{han}) and Leia Organa (#{leia})"
                            f" solemnised on {DAY} before Maz Kanata") for t in texts), texts
    assert any("given in person at the office" in t
               for t in (h.text for h in registry.queries.people.history(leia)))
    assert registry.queries.people.verify().ok


@pytest.mark.parametrize("designation,born,rule", [
    ("alpha", date(1990, 1, 1), "both_betas"),
    ("omega", date(1990, 1, 1), "both_betas"),
    ("beta", date(2010, 1, 1), "both_adults"),
])
def test_a_marriage_to_an_alpha_an_omega_or_a_minor_is_refused_and_writes_nothing(
        registry: Any, designation: str, born: date, rule: str) -> None:
    han, _, _ = betas(registry)
    other = add(registry, "Other", born, designation)
    before = ledger_count(registry)
    for a, b in ((han, other), (other, han)):
        with pytest.raises(Refused) as err:
            registry.execute(m.ConsentToMarriage(a, b, DAY))
        assert err.value.rule == rule
    assert (ledger_count(registry), rows(registry)) == (before, 0)


def test_a_married_person_cannot_marry_again_until_the_marriage_is_dissolved(
        registry: Any) -> None:
    han, leia, officiant = betas(registry)
    third = add(registry, "Qi'ra", date(1963, 1, 1), "beta")
    mid = marry(registry, han, leia, officiant)
    before = ledger_count(registry)
    with pytest.raises(Refused) as err:
        registry.execute(m.ConsentToMarriage(third, han, TODAY))
    assert err.value.rule == "neither_married"
    assert ledger_count(registry) == before
    pid = registry.execute(m.PetitionDissolution(mid, leia, "breakdown", TODAY))
    assert registry.queries.marriages.petition(pid).status == "filed"
    registry.execute(m.DecideDissolution(pid, True, "both spouses heard", TODAY))
    assert registry.queries.marriages.marriage(mid).dissolved_on == TODAY
    assert registry.execute(m.ConsentToMarriage(third, han, TODAY)) > mid


def test_either_spouse_may_petition_and_a_refused_petition_leaves_the_marriage(
        registry: Any) -> None:
    han, leia, officiant = betas(registry)
    mid = marry(registry, han, leia, officiant)
    pid = registry.execute(m.PetitionDissolution(mid, han, "mutual_wish", TODAY, "both ask"))
    registry.execute(m.DecideDissolution(pid, False, "not shown", TODAY))
    assert registry.queries.marriages.marriage(mid).status == "solemnised"
    registry.execute(m.PetitionDissolution(mid, leia, "breakdown", TODAY))
    with pytest.raises(Refused) as err:
        registry.execute(m.PetitionDissolution(mid, officiant, "breakdown", TODAY))
    assert err.value.rule == "spouses_petition"


def test_without_the_second_consent_the_officiant_cannot_solemnise(registry: Any) -> None:
    han, leia, officiant = betas(registry)
    mid = registry.execute(m.ConsentToMarriage(han, leia, DAY))
    before = ledger_count(registry)
    with pytest.raises(Refused) as err:
        registry.execute(m.SolemniseMarriage(mid, officiant, ("Chewbacca",), DAY))
    assert err.value.rule == "own_consents"
    assert ledger_count(registry) == before
    assert registry.queries.marriages.marriage(mid).status == "intended"


def test_a_withdrawn_consent_lets_the_notice_lapse_and_frees_both_for_another(
        registry: Any) -> None:
    han, leia, officiant = betas(registry)
    third = add(registry, "Qi'ra", date(1963, 1, 1), "beta")
    mid = registry.execute(m.ConsentToMarriage(han, leia, DAY))
    with pytest.raises(Refused) as err:
        registry.execute(m.ConsentToMarriage(han, third, DAY))
    assert err.value.rule == "one_notice"
    registry.execute(m.WithdrawMarriageConsent(mid, leia, DAY))
    assert registry.queries.marriages.marriage(mid).status == "withdrawn"
    with pytest.raises(Refused) as err:
        registry.execute(m.SolemniseMarriage(mid, officiant, ("W",), DAY))
    assert err.value.rule == "marriage_state"
    assert registry.execute(m.ConsentToMarriage(han, third, DAY)) > mid
    assert any("withdrew their consent to marry Han Solo" in h.text
               for h in registry.queries.people.history(han))


def test_a_married_betas_designation_is_not_corrected_while_the_marriage_is_in_force(
        registry: Any) -> None:
    from troth.domain import correction as co
    from troth.domain.identity import CreateAccount
    from troth.domain.policy import Role

    han, leia, officiant = betas(registry)
    mid = marry(registry, han, leia, officiant)
    maker = registry.execute(CreateAccount("maker", "not-a-real-hash", (Role.REGISTRAR,)))
    before = ledger_count(registry)
    with pytest.raises(Refused) as err:
        registry.execute(co.RequestCorrection(han, "designation", "alpha", "court order",
                                              maker, court_order_ref="C-1"))
    assert err.value.rule == "designation_in_use"
    assert f"marriage #{mid}" in err.value.message
    assert ledger_count(registry) == before
