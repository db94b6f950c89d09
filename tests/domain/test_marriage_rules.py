"""Marriages of Betas: the safeguards (both adults, both Betas, both living, neither married
nor bonded, each one's own consent, nobody marries themself) and dissolution."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from troth.domain import marriage as m
from troth.domain import marriage_rules as mr
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput, Refused
from troth.domain.people import Designation, Person

HAN, LEIA, OFFICIANT = 4, 5, 9
DAY = date(1994, 6, 11)
TODAY = date(2026, 11, 1)
CUSTOMS = Customs()


def beta(pid: int, born: date, designation: Designation | None = Designation.BETA,
         presented: date | None = None, died: date | None = None) -> Person:
    on = presented or date(born.year + 14, born.month, min(born.day, 28))
    return Person(pid, f"#{pid}", born, designation=designation,
                  presented_on=on if designation else None, died=died)


def han() -> Person:
    return beta(HAN, date(1962, 7, 13))


def leia() -> Person:
    return beta(LEIA, date(1966, 10, 21))


def consent(person: Person, partner: Person, found: m.Marriage | None = None,
            married: tuple[int, ...] = (), bonded: tuple[int, ...] = (),
            notices: tuple[m.Marriage, ...] = (), on: date = DAY) -> m.MarriageConsentRecorded:
    return mr.consent(m.ConsentToMarriage(person.id, partner.id, on), found, 1, person,
                      partner, married, bonded, notices, TODAY, CUSTOMS)


def intended(consents: dict[int, date]) -> m.Marriage:
    return m.Marriage(1, HAN, LEIA, consents=consents)


def refused_rule(fn: object, *args: object) -> str:
    with pytest.raises(Refused) as err:
        fn(*args)  # type: ignore[operator]
    return err.value.rule


def test_the_first_consent_gives_notice_and_the_second_joins_it() -> None:
    first = consent(han(), leia())
    assert (first.marriage_id, first.person_id, first.partner_id, first.notice) == (
        1, HAN, LEIA, True)
    second = consent(leia(), han(), found=intended({HAN: DAY}))
    assert (second.marriage_id, second.person_id, second.notice) == (1, LEIA, False)


@given(age=st.integers(min_value=0, max_value=17))
def test_a_minor_cannot_consent_to_marry(age: int) -> None:
    young = beta(LEIA, date(DAY.year - age, 1, 1), presented=date(DAY.year - age, 1, 1))
    with pytest.raises(Refused) as err:
        consent(han(), young)
    assert err.value.rule == "both_adults"
    assert f"#{LEIA} is {young.age_on(DAY)} on {DAY}" in err.value.message


@pytest.mark.parametrize("designation", [Designation.ALPHA, Designation.OMEGA, None])
def test_a_marriage_to_an_alpha_an_omega_or_someone_unpresented_is_refused(
        designation: Designation | None) -> None:
    other = beta(LEIA, date(1966, 10, 21), designation)
    with pytest.raises(Refused) as err:
        consent(han(), other)
    assert err.value.rule == "both_betas"
    assert "a marriage is of two Betas" in err.value.message


def test_a_beta_who_presented_after_the_day_is_not_yet_a_beta_on_it() -> None:
    late = beta(LEIA, date(1966, 10, 21), presented=DAY + timedelta(days=1))
    assert refused_rule(consent, han(), late) == "both_betas"


def test_a_person_cannot_marry_themself() -> None:
    assert refused_rule(consent, han(), han()) == "not_oneself"


def test_the_dead_do_not_marry() -> None:
    gone = beta(LEIA, date(1966, 10, 21), died=DAY - timedelta(days=1))
    assert refused_rule(consent, han(), gone) == "spouses_alive"


@given(who=st.sampled_from([HAN, LEIA]), married=st.booleans())
def test_neither_may_already_be_married_or_bonded(who: int, married: bool) -> None:
    kw = {"married": (who,)} if married else {"bonded": (who,)}
    rule = refused_rule(lambda: consent(han(), leia(), **kw))
    assert rule == ("neither_married" if married else "neither_bonded")


def test_a_second_notice_with_someone_else_waits_for_the_first() -> None:
    other = m.Marriage(3, HAN, 11, consents={HAN: DAY})
    assert refused_rule(lambda: consent(han(), leia(), notices=(other,))) == "one_notice"


def test_a_consent_is_recorded_once() -> None:
    rule = refused_rule(lambda: consent(han(), leia(), found=intended({HAN: DAY})))
    assert rule == "consent_recorded"


def test_a_consent_is_not_recorded_ahead() -> None:
    rule = refused_rule(lambda: consent(han(), leia(), on=TODAY + timedelta(days=1)))
    assert rule == "date_in_future"


def solemnise(found: m.Marriage, on: date = DAY, officiant: int = OFFICIANT,
              witnesses: tuple[str, ...] = ("Chewbacca",),
              spouses: tuple[Person, Person] | None = None) -> m.MarriageSolemnised:
    cmd = m.SolemniseMarriage(found.id, officiant, witnesses, on)
    who = beta(officiant, date(1950, 1, 1)) if officiant != HAN else han()
    return mr.solemnise(found, cmd, spouses or (han(), leia()), who, (), (), "CODE", TODAY,
                        CUSTOMS)


def test_a_marriage_is_solemnised_with_both_consents_and_its_certificate() -> None:
    e = solemnise(intended({HAN: DAY, LEIA: DAY}))
    assert (e.spouse1_id, e.spouse2_id, e.officiant_id, e.certificate_code) == (
        HAN, LEIA, OFFICIANT, "CODE")


@given(missing=st.sampled_from([HAN, LEIA]), late=st.booleans())
def test_without_each_ones_own_consent_by_the_day_nothing_is_solemnised(
        missing: int, late: bool) -> None:
    consents = {HAN: DAY, LEIA: DAY}
    if late:
        consents[missing] = DAY + timedelta(days=1)
    else:
        del consents[missing]
    assert refused_rule(solemnise, intended(consents)) == "own_consents"


def test_a_spouse_cannot_officiate_and_a_witness_is_required() -> None:
    both = intended({HAN: DAY, LEIA: DAY})
    assert refused_rule(lambda: solemnise(both, officiant=HAN)) == "officiant_independent"
    with pytest.raises(InvalidInput):
        solemnise(both, witnesses=(" ",))


def test_safeguards_are_judged_again_on_the_day_of_the_marriage() -> None:
    both = intended({HAN: DAY, LEIA: DAY})
    gone = beta(LEIA, date(1966, 10, 21), died=DAY - timedelta(days=1))
    assert refused_rule(lambda: solemnise(both, spouses=(han(), gone))) == "spouses_alive"


def in_force() -> m.Marriage:
    return m.Marriage(1, HAN, LEIA, consents={HAN: DAY, LEIA: DAY}, status="solemnised",
                      solemnised_on=DAY)


@given(who=st.sampled_from([HAN, LEIA]))
def test_either_spouse_may_petition_to_dissolve(who: int) -> None:
    e = mr.petition(in_force(), m.PetitionDissolution(1, who, "breakdown", TODAY), 2, (), TODAY)
    assert (e.petitioner_id, e.other_id) == (who, LEIA if who == HAN else HAN)


def test_no_one_else_petitions_and_one_petition_waits_at_a_time() -> None:
    cmd = m.PetitionDissolution(1, OFFICIANT, "breakdown", TODAY)
    assert refused_rule(mr.petition, in_force(), cmd, 2, (), TODAY) == "spouses_petition"
    cmd = m.PetitionDissolution(1, HAN, "breakdown", TODAY)
    assert refused_rule(mr.petition, in_force(), cmd, 2, (1,), TODAY) == "one_petition"
    with pytest.raises(InvalidInput):
        mr.petition(in_force(), m.PetitionDissolution(1, HAN, "whim", TODAY), 2, (), TODAY)


def test_a_granted_petition_dissolves_from_its_date_and_needs_reasons() -> None:
    p = m.DissolutionPetition(2, 1, HAN, "breakdown", "", TODAY)
    e = mr.decide(p, in_force(), m.DecideDissolution(2, True, "both heard", TODAY), TODAY)
    assert (e.granted, e.dissolved_on) == (True, TODAY)
    with pytest.raises(InvalidInput):
        mr.decide(p, in_force(), m.DecideDissolution(2, True, " ", TODAY), TODAY)
    done = m.DissolutionPetition(2, 1, HAN, "breakdown", "", TODAY, status="refused")
    cmd = m.DecideDissolution(2, True, "again", TODAY)
    assert refused_rule(mr.decide, done, in_force(), cmd, TODAY) == "petition_state"


@given(who=st.sampled_from([HAN, LEIA]))
def test_either_person_may_withdraw_before_the_marriage_and_no_one_after(who: int) -> None:
    notice = intended({HAN: DAY})
    e = mr.withdraw(notice, m.WithdrawMarriageConsent(1, who, DAY), TODAY)
    assert (e.person_id, e.other_id) == (who, LEIA if who == HAN else HAN)
    cmd = m.WithdrawMarriageConsent(1, who, TODAY)
    assert refused_rule(mr.withdraw, in_force(), cmd, TODAY) == "marriage_state"
    cmd = m.WithdrawMarriageConsent(1, OFFICIANT, DAY)
    assert refused_rule(mr.withdraw, notice, cmd, TODAY) == "own_consent_withdrawn"
