"""Duplicates at registration and across the registry, on SQLite and PostgreSQL: each kind
of planted variation is refused with the candidates and why; different people with common
names, and twins, are registered; a registrar's "not a duplicate" and an import's likely
duplicates are recorded; the scan finds what slipped in and leaves declared pairs out."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.registry.helpers import add, ledger_count
from troth.domain import commands as c
from troth.domain.errors import InvalidInput, NotFound
from troth.domain.linkage import PossibleDuplicate
from troth.domain.people import OtherName
from troth.registry.duplicates import find_duplicates

BORN = date(1991, 4, 7)


def _original(reg: Any) -> int:
    return add(reg, "Józef Wiśniewski", BORN, district="Northgate",
               other_names=(OtherName("work", "Joe Wisner"),))


VARIANTS = {
    "typo": c.RegisterPerson("Józef Wiśniewsky", BORN, district="Northgate"),
    "transliteration": c.RegisterPerson("Jozef Wisniewski", BORN, district="Northgate"),
    "other name": c.RegisterPerson("Joe Wisner", BORN),
    "day/month swap": c.RegisterPerson("Józef Wiśniewski", date(1991, 7, 4),
                                       district="Northgate"),
    "moved district": c.RegisterPerson("JOZEF WISNIEWSKI", BORN, district="Eastmarch"),
}


@pytest.mark.parametrize("kind", sorted(VARIANTS))
def test_each_kind_of_planted_duplicate_is_refused_with_the_candidate_and_why(
        registry: Any, kind: str) -> None:
    orig = _original(registry)
    before = ledger_count(registry)
    with pytest.raises(PossibleDuplicate) as refused:
        registry.execute(VARIANTS[kind])
    best = refused.value.matches[0]
    assert best.other_id == orig and best.probability >= 0.9
    assert refused.value.rule == "possible_duplicate"
    assert f"possible duplicate of #{orig} (p=" in refused.value.message
    assert best.reasons and all(isinstance(r, str) for r in best.reasons)
    assert ledger_count(registry) == before  # nothing written


def test_the_reasons_say_what_made_the_match(registry: Any) -> None:
    _original(registry)
    with pytest.raises(PossibleDuplicate) as swap:
        registry.execute(VARIANTS["day/month swap"])
    assert "birth day and month swapped" in swap.value.matches[0].reasons
    with pytest.raises(PossibleDuplicate) as other:
        registry.execute(VARIANTS["other name"])
    assert "through another name" in other.value.matches[0].reasons


def test_different_people_with_a_common_name_are_registered(registry: Any) -> None:
    first = add(registry, "John Smith", date(1980, 5, 1), district="Northgate")
    second = add(registry, "John Smith", date(1986, 11, 23), district="Northgate")
    third = add(registry, "Mary Smith", date(1980, 5, 1), district="Northgate")
    assert len({first, second, third}) == 3


def test_twins_are_two_people(registry: Any) -> None:
    mother = add(registry, "Padmé Amidala", date(1960, 1, 1))
    luke = add(registry, "Luke Skywalker", date(1990, 5, 4), parents=(mother,),
               district="Polis Massa")
    leia = add(registry, "Leia Skywalker", date(1990, 5, 4), parents=(mother,),
               district="Polis Massa")
    assert luke != leia
    with pytest.raises(PossibleDuplicate):  # Luke again is Luke
        registry.execute(c.RegisterPerson("Luke Skywalker", date(1990, 5, 4),
                                          parents=(mother,)))


def test_not_a_duplicate_is_recorded_with_the_reason(registry: Any) -> None:
    orig = add(registry, "Rey", date(2007, 3, 1), district="Jakku")
    pid = registry.execute(c.RegisterPerson(
        "Rey", date(2007, 3, 1), district="Jakku", not_duplicate_of=(orig,),
        not_duplicate_reason="another Rey: both seen at the office, different mothers"))
    event = registry.queries.people.events_of(pid)[0][1]
    assert event.not_duplicate_of == (orig,)
    assert event.not_duplicate_reason.startswith("another Rey")
    reviews = registry.queries.identity.duplicate_reviews("not_duplicate")
    assert [(r.person_id, r.other_id) for r in reviews] == [(pid, orig)]
    assert registry.queries.people.verify().ok


def test_not_a_duplicate_needs_a_reason_and_a_registered_person(registry: Any) -> None:
    orig = add(registry, "Rey", date(2007, 3, 1))
    before = ledger_count(registry)
    with pytest.raises(InvalidInput, match="reason"):
        registry.execute(c.RegisterPerson("Rey", date(2007, 3, 1), not_duplicate_of=(orig,)))
    with pytest.raises(NotFound):
        registry.execute(c.RegisterPerson("Finn", date(2005, 1, 1), not_duplicate_of=(999,),
                                          not_duplicate_reason="no one"))
    assert ledger_count(registry) == before


def test_a_bulk_import_records_likely_duplicates_instead_of_refusing(registry: Any) -> None:
    orig = _original(registry)
    with registry.bulk() as bulk:
        dup = bulk.execute(VARIANTS["transliteration"])
        other = bulk.execute(c.RegisterPerson("Anakin Skywalker", date(1941, 1, 1)))
        bulk.commit()
    reviews = registry.queries.identity.duplicate_reviews("open")
    assert [(r.person_id, r.other_id) for r in reviews] == [(dup, orig)]
    assert reviews[0].note.startswith("p=")
    assert other not in {r.person_id for r in reviews}
    assert registry.queries.people.verify().ok


def test_the_scan_finds_what_slipped_in_and_leaves_declared_pairs_out(registry: Any) -> None:
    orig = _original(registry)
    rey = add(registry, "Rey", date(2007, 3, 1), district="Jakku")
    add(registry, "Rey", date(2007, 3, 1), district="Jakku", not_duplicate_of=(rey,),
        not_duplicate_reason="two people, seen")
    add(registry, "Finn", date(2005, 1, 1))
    with registry.bulk() as bulk:
        dup = bulk.execute(VARIANTS["typo"])
        bulk.commit()
    seen: list[str] = []
    pairs = find_duplicates(registry.queries, min_p=0.5, progress=seen.append)
    assert [(p.left, p.right) for p in pairs] == [(orig, dup)]
    assert pairs[0].probability >= 0.9 and "same birth date" in pairs[0].reasons
    assert any("read" in s for s in seen)
