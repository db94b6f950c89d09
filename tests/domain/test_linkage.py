"""The linkage model's rules: folding, Jaro–Winkler, the levels and the verdict."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from troth.domain import events as ev
from troth.domain.errors import InvalidInput
from troth.domain.linkage import (
    THRESHOLD,
    LinkRecord,
    PossibleDuplicate,
    fold,
    jaro_winkler,
    judge,
    score,
    settle,
    swapped,
)

words = st.text(st.characters(categories=("Lu", "Ll")), min_size=1, max_size=12)
days = st.dates(date(1900, 1, 1), date(2026, 1, 1))


def test_folding_removes_accents_case_and_punctuation() -> None:
    assert fold("Łukasz  Müller-Brandt") == "lukasz muller brandt"
    assert fold("ÉOWYN o'Neill") == "eowyn oneill"
    assert fold("Straße") == "strasse"


@given(words, words)
def test_jaro_winkler_is_a_symmetric_similarity(a: str, b: str) -> None:
    s = jaro_winkler(a, b)
    assert 0.0 <= s <= 1.0
    assert s == pytest.approx(jaro_winkler(b, a))
    assert jaro_winkler(a, a) == 1.0


def test_jaro_winkler_known_values() -> None:
    assert jaro_winkler("martha", "marhta") == pytest.approx(0.9611, abs=1e-4)
    assert jaro_winkler("dwayne", "duane") == pytest.approx(0.84, abs=1e-4)
    assert jaro_winkler("abc", "xyz") == 0.0


@given(days)
def test_a_swap_exchanges_day_and_month_or_is_none(d: date) -> None:
    s = swapped(d)
    if s is None:
        assert d.day > 12 or d.day == d.month
    else:
        assert (s.month, s.day, s.year) == (d.day, d.month, d.year) and swapped(s) == d


@given(words, words, days, st.sampled_from(["", "North", "South"]))
def test_a_record_is_its_own_duplicate_and_scores_are_symmetric(
        g: str, f: str, born: date, district: str) -> None:
    a = LinkRecord(1, f"{g} {f}", born, district=district)
    b = replace(a, id=2)
    assert score(a, b).probability >= THRESHOLD
    c = LinkRecord(3, f"{f} {g}x", born + timedelta(days=400), district="East")
    assert score(a, c).probability == pytest.approx(score(c, a).probability)


@given(words, words, days, days)
def test_an_exact_name_born_years_apart_is_not_a_duplicate(
        g: str, f: str, a_born: date, b_born: date) -> None:
    if abs((a_born - b_born).days) <= 366 or (a_born.month, a_born.day) == (
            b_born.month, b_born.day):
        return
    a = LinkRecord(1, f"{g} {f}", a_born)
    assert score(replace(a, id=2, born=b_born), a).probability < THRESHOLD


def test_twins_are_not_duplicates_but_a_child_registered_twice_is() -> None:
    luke = LinkRecord(1, "Luke Skywalker", date(1990, 5, 4), (), (7,), "Polis Massa")
    leia = replace(luke, id=2, legal_name="Leia Skywalker")
    assert score(leia, luke).probability < 0.5
    assert score(replace(luke, id=3), luke).probability > 0.99


def test_a_different_designation_weighs_against() -> None:
    a = LinkRecord(1, "Ada Byron", date(1990, 1, 1), designation="alpha")
    assert score(replace(a, id=2, designation="omega"), a).probability < score(
        replace(a, id=2, designation="alpha"), a).probability


def _registered(pid: int = 9) -> ev.PersonRegistered:
    return ev.PersonRegistered(person_id=pid, legal_name="Rey", born=date(2007, 3, 1))


def test_settle_refuses_records_or_clears() -> None:
    rey = LinkRecord(1, "Rey", date(2007, 3, 1))
    matches = judge(LinkRecord(9, "Rey", date(2007, 3, 1)), [rey])
    with pytest.raises(PossibleDuplicate) as refused:
        settle(_registered(), matches, declared=(), reason="", bulk=False)
    assert "possible duplicate of #1 (p=" in refused.value.message
    recorded = settle(_registered(), matches, declared=(), reason="", bulk=True)
    assert recorded.possible_duplicates == (1,) and recorded.duplicate_notes[0].startswith("p=")
    cleared = settle(_registered(), matches, declared=(1,), reason=" seen ", bulk=False)
    assert cleared.not_duplicate_of == (1,) and cleared.not_duplicate_reason == "seen"
    assert cleared.possible_duplicates == ()
    with pytest.raises(InvalidInput):
        settle(_registered(), matches, declared=(1,), reason="  ", bulk=False)
    with pytest.raises(InvalidInput):
        settle(_registered(), matches, declared=(9,), reason="me", bulk=False)
