"""A marriage in a person's history: "married to" as of a date (the spouses only, not the
officiant; until a granted dissolution takes effect), and each event in plain words."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from troth.domain import marriage as m
from troth.domain.history import describe, fold

HAN, LEIA, OFFICIANT = 4, 5, 9
WED, ENDED = date(1997, 5, 17), date(2026, 6, 1)
SEALED = m.MarriageSolemnised(1, LEIA, HAN, OFFICIANT, ("Luke Skywalker",), "AB12-CD34", WED)
DISSOLVED = m.DissolutionDecided(2, 1, LEIA, HAN, True, "both heard", ENDED, ENDED)
NAMES = {HAN: "Han Solo", LEIA: "Leia Organa", OFFICIANT: "Lor San Tekka"}


@given(days=st.integers(min_value=-400, max_value=20_000))
def test_the_spouses_are_married_to_each_other_from_the_day_until_a_dissolution(
        days: int) -> None:
    on = WED + timedelta(days=days)
    married = WED <= on < ENDED
    assert fold(HAN, on, [SEALED, DISSOLVED]).married_to == (LEIA if married else None)
    assert fold(LEIA, on, [SEALED, DISSOLVED]).married_to == (HAN if married else None)
    assert fold(OFFICIANT, on, [SEALED, DISSOLVED]).married_to is None


def test_a_refused_petition_leaves_the_marriage() -> None:
    refused = m.DissolutionDecided(2, 1, LEIA, HAN, False, "not shown", None, ENDED)
    assert fold(HAN, ENDED + timedelta(days=1), [SEALED, refused]).married_to == LEIA


def test_each_marriage_event_is_told_in_plain_words() -> None:
    consent = m.MarriageConsentRecorded(1, HAN, LEIA, 3, WED, notice=False)
    assert describe(consent, NAMES) == (
        "Han Solo (#4) consented to marry Leia Organa (#5) on 1997-05-17 (marriage #1),"
        " given in person at the office (attested by account #3)")
    assert describe(SEALED, NAMES) == (
        "Marriage #1 of Leia Organa (#5) and Han Solo (#4) solemnised on 1997-05-17 before"
        " Lor San Tekka (#9); witnesses: Luke Skywalker; certificate AB12-CD34")
    assert describe(DISSOLVED, NAMES).startswith(
        "Petition #2 granted on 2026-06-01: marriage #1 of Leia Organa (#5) and Han Solo (#4)"
        " dissolved from 2026-06-01")
    withdrawn = m.MarriageConsentWithdrawn(1, LEIA, HAN, None, WED)
    assert describe(withdrawn, NAMES) == ("Leia Organa (#5) withdrew their consent to marry"
                                          " Han Solo (#4) on 1997-05-17; the notice of"
                                          " marriage #1 lapsed")
