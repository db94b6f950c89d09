from datetime import date

import pytest

from tests.registry.helpers import add, ledger_count
from troth.domain import commands as c
from troth.domain.errors import InvalidInput, NotFound, Refused
from troth.domain.people import OtherName, Scent
from troth.registry.views import SearchFilter

TODAY = date(2026, 11, 25)


def test_a_registered_person_reads_back_with_names_and_scent(registry) -> None:
    pid = registry.execute(c.RegisterPerson(
        "Ben Solo", date(1999, 10, 25), (OtherName("work", "Kylo"),),
        scent=Scent((0.1, 0.2), (0.3, -0.4), "cedar")))
    p = registry.queries.people.person(pid)
    assert p.legal_name == "Ben Solo"
    assert p.other_names == [OtherName("work", "Kylo")]
    assert p.scent == Scent((0.1, 0.2), (0.3, -0.4), "cedar")


def test_a_birth_links_the_child_to_living_parents(registry) -> None:
    leia = add(registry, "Leia Organa", date(1970, 1, 1))
    han = add(registry, "Han Solo", date(1966, 1, 1))
    ben = registry.execute(c.RegisterBirth("Ben Solo", date(1999, 10, 25), (leia, han)))
    assert registry.queries.people.person(ben).parents == tuple(sorted((leia, han)))


def test_a_refused_command_writes_neither_state_nor_ledger(registry) -> None:
    pid = add(registry, "Rey", date(2007, 3, 1), "omega")
    before = ledger_count(registry)
    with pytest.raises(Refused):
        registry.execute(c.RecordPresentation(pid, "alpha", date(2022, 1, 1)))
    with pytest.raises(NotFound):
        registry.execute(c.RegisterBirth("X", date(2020, 1, 1), (999,)))
    with pytest.raises(InvalidInput):
        registry.execute(c.RecordPresentation(pid, "delta", date(2022, 1, 1)))
    assert ledger_count(registry) == before
    assert registry.queries.people.person(pid).designation == "omega"
    assert registry.queries.people.count_people() == 1


def test_search_ignores_accents_and_case_and_matches_other_names(registry) -> None:
    add(registry, "Zoë Ärnström", date(1990, 1, 1))
    add(registry, "Ben Solo", date(1999, 10, 25), other_names=(OtherName("work", "Kylo"),))
    search = registry.queries.people.search
    names = lambda q: [p.legal_name for p in search(SearchFilter(q), TODAY).items]  # noqa: E731
    assert names("zoe arn") == ["Zoë Ärnström"]
    assert names("KYLO") == ["Ben Solo"]
    assert names("nobody") == []


def test_search_filters_by_designation_and_age_and_paginates(registry) -> None:
    for i in range(25):
        add(registry, f"Omega {i:02d}", date(2000 + i % 10, 1, 1), "omega")
    add(registry, "An Alpha", date(2000, 1, 1), "alpha")
    f = SearchFilter(designation="omega", min_age=20)
    first = registry.queries.people.search(f, TODAY, page=1, per_page=5)
    assert first.total == sum(1 for i in range(25) if TODAY.year - (2000 + i % 10) >= 20)
    assert len(first.items) == 5 and first.pages == -(-first.total // 5)
    last = registry.queries.people.search(f, TODAY, page=first.pages, per_page=5)
    assert {p.id for p in first.items}.isdisjoint({p.id for p in last.items})
    assert all(p.designation == "omega" for p in last.items)


def test_a_death_is_recorded_once(registry) -> None:
    pid = add(registry, "Han Solo", date(1966, 1, 1))
    registry.execute(c.RecordDeath(pid, date(2024, 1, 1)))
    with pytest.raises(Refused) as e:
        registry.execute(c.RecordDeath(pid, date(2024, 2, 1)))
    assert e.value.rule == "death_recorded_once"
