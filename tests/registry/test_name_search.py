"""Name search through an index (issue 17), on SQLite (FTS5 trigram) and PostgreSQL
(pg_trgm): substrings anywhere in any name, folded; registry numbers and birth dates;
keyset pages with no duplicates or gaps in either plan; a capped count; the index kept in
the same transaction as the names."""

from __future__ import annotations

import random
import sqlite3
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.registry.helpers import add
from troth.domain import commands as c
from troth.domain.errors import InvalidInput
from troth.domain.people import OtherName
from troth.registry.views import SearchFilter
from troth.store.search import search_key

TODAY = date(2026, 11, 25)
SYLLABLES = ["ann", "bel", "ça", "dor", "él", "ka", "lin", "mar", "ño", "ra", "sol", "ze"]


def names(reg: Any, text: str, **kw: Any) -> list[str]:
    return [p.legal_name for p in reg.queries.people.search(SearchFilter(text, **kw), TODAY,
                                                             per_page=500).items]


def test_a_piece_from_the_middle_of_any_name_is_found_accents_and_case_ignored(
        registry: Any) -> None:
    add(registry, "Zoë Ärnström", date(1990, 1, 1))
    add(registry, "Ben Solo", date(1999, 10, 25), other_names=(OtherName("work", "Kylo Ren"),))
    add(registry, "Leia Organa", date(1977, 5, 25))
    assert names(registry, "RNSTR") == ["Zoë Ärnström"]
    assert names(registry, "oë ärn") == ["Zoë Ärnström"]
    assert names(registry, "lo r") == ["Ben Solo"]  # in the other name, across the space
    assert names(registry, "rgan") == ["Leia Organa"]
    assert names(registry, "olo") == ["Ben Solo"]
    assert names(registry, "xyz") == []
    assert names(registry, "ORGANA", designation="alpha") == []


def test_fewer_than_three_letters_is_refused_with_what_to_type(registry: Any) -> None:
    add(registry, "Ann Li", date(1990, 1, 1))
    for short in ("an", "A", " li ", "%", "æ"):
        with pytest.raises(InvalidInput, match="at least three letters"):
            names(registry, short)
    assert names(registry, "") == ["Ann Li"]  # no text: no name condition


def test_a_registry_number_or_a_birth_date_finds_exactly_those(registry: Any) -> None:
    ids = [add(registry, f"Person {i}", date(1990, 1, 1 + i % 3)) for i in range(7)]
    six = ids[5]
    assert names(registry, f"#{six}") == names(registry, str(six)) == ["Person 5"]
    assert names(registry, f"# {six}") == ["Person 5"]
    assert names(registry, "99999") == []
    assert sorted(names(registry, "1990-01-02")) == ["Person 1", "Person 4"]
    assert names(registry, "1991-01-02") == []
    with pytest.raises(InvalidInput, match="not a date"):
        names(registry, "1990-02-30")
    with pytest.raises(InvalidInput, match="1 to 2147483647"):
        names(registry, "#0")


def test_names_of_a_rolled_back_transaction_are_not_found(registry: Any, db_url: str) -> None:
    add(registry, "Kept Person", date(1990, 1, 1))
    with registry.bulk() as bulk:  # never committed: rolled back on leaving
        bulk.execute(c.RegisterPerson("Ghostly Wren", date(1990, 1, 1),
                                      other_names=(OtherName("alias", "Phantasm"),)))
    assert names(registry, "ghostly") == names(registry, "antasm") == []
    assert names(registry, "kept") == ["Kept Person"]
    add(registry, "Ghostly Wren", date(1991, 1, 1))  # the same rows again, committed
    assert names(registry, "ghostly") == ["Ghostly Wren"]
    if not db_url.startswith("postgresql"):  # FTS5 checks its index against person_names
        with sqlite3.connect(db_url) as conn:
            conn.execute("INSERT INTO person_names_fts(person_names_fts, rank)"
                         " VALUES ('integrity-check', 1)")


def test_the_count_stops_at_the_cap_and_says_more(registry: Any, monkeypatch: Any) -> None:
    from troth.store.reads import search

    for i in range(8):
        add(registry, f"Marianne {i}", date(1990, 1, 1))
    monkeypatch.setattr(search, "COUNT_CAP", 5)
    page = registry.queries.people.search(SearchFilter("marian"), TODAY, per_page=3)
    assert (page.total, page.more, page.total_text) == (5, True, "more than 5")
    exact = registry.queries.people.search(SearchFilter("anne 7"), TODAY)
    assert (exact.total, exact.more) == (1, False)


def _population(registry: Any) -> list[tuple[str, int, tuple[str, ...]]]:
    """Forty people, names drawn from a few syllables: many shared pieces, equal names."""
    rng = random.Random(17)
    people = []
    with registry.bulk() as bulk:
        for _ in range(40):
            legal = " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 2)))
                             .capitalize() for _ in range(2))
            other = (OtherName("alias", rng.choice(SYLLABLES) * 2),) if rng.random() < .3 \
                else ()
            pid = bulk.execute(c.RegisterPerson(legal, date(1990, 1, 1), other_names=other))
            people.append((legal, pid, tuple(o.name for o in other)))
        bulk.commit()
    return people


@pytest.mark.parametrize("plan", ["index", "walk"])
def test_pages_forward_and_back_have_no_duplicates_or_gaps(registry: Any, monkeypatch: Any,
                                                            plan: str) -> None:
    from troth.store.reads import search

    if plan == "walk":  # every name piece counts as common: people walked in name order
        monkeypatch.setattr(search, "SORT_LIMIT", 0)
    people = _population(registry)
    pieces = sorted({search_key(n)[i:i + 3] for legal, _, others in people
                     for n in (legal, *others) for i in range(len(n) - 2)}
                    - {""})
    pieces = [p for p in pieces if p == p.strip()]  # the search strips what is typed

    @settings(max_examples=25, deadline=None)
    @given(st.sampled_from(pieces), st.integers(1, 7))
    def pages_match_the_sorted_matches(piece: str, per_page: int) -> None:
        expected = sorted((legal, pid) for legal, pid, others in people
                          if any(piece in search_key(n) for n in (legal, *others)))
        seen, after, number = [], None, 1
        while True:
            page = registry.queries.people.search(SearchFilter(piece), TODAY, number,
                                                  per_page, after=after)
            seen += [(p.legal_name, p.id) for p in page.items]
            assert page.total == len(expected) and len(page.items) <= per_page
            if page.next_after is None:
                break
            after, number = page.next_after, number + 1
        assert seen == expected
        if len(seen) <= per_page:
            return
        back: list[tuple[str, int]] = []  # from the last per_page back to the first
        before: int | None = seen[-per_page][1]
        while before is not None:
            page = registry.queries.people.search(SearchFilter(piece), TODAY, 2, per_page,
                                                  before=before)
            back = [(p.legal_name, p.id) for p in page.items] + back
            before = page.prev_before
        assert back == seen[:-per_page]

    pages_match_the_sorted_matches()


def test_numbered_pages_still_work_and_agree_with_keyset_pages(registry: Any) -> None:
    _population(registry)
    f = SearchFilter(designation=None)
    by_number = [p.id for n in (1, 2, 3) for p in
                 registry.queries.people.search(f, TODAY, n, 6).items]
    first = registry.queries.people.search(f, TODAY, 1, 6)
    second = registry.queries.people.search(f, TODAY, 2, 6, after=first.next_after)
    third = registry.queries.people.search(f, TODAY, 3, 6, after=second.next_after)
    assert by_number == [p.id for pg in (first, second, third) for p in pg.items]
    assert len(set(by_number)) == 18 and first.prev_before is None
    assert second.prev_before == second.items[0].id


def test_the_migration_indexes_the_names_already_there_and_downgrades(
        registry: Any, db_url: str) -> None:
    from alembic import command

    from troth.store.engine import make_engines
    from troth.store.schema import _config

    add(registry, "Zoë Ärnström", date(1990, 1, 1),
        other_names=(OtherName("alias", "Marigold"),))
    engines = make_engines(db_url)
    cfg = _config()
    try:
        with engines.writer.begin() as conn:  # back to 0012: no index, names stay
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0012")
        with engines.writer.begin() as conn:  # a name written before 0013
            conn.exec_driver_sql(
                "INSERT INTO person_names (person_id, kind, name, search_key)"
                " VALUES (1, 'alias', 'Ödette', 'odette')")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    finally:
        engines.dispose()
    assert names(registry, "MARIGO") == names(registry, "dett") == ["Zoë Ärnström"]
    assert names(registry, "rnstr") == ["Zoë Ärnström"]


def test_a_corrected_name_is_found_by_the_new_name_and_not_the_old(registry: Any) -> None:
    """A correction approved by a second registrar rewrites the person's names: the index
    follows in the same transaction."""
    from troth.domain import correction as co
    from troth.domain.identity import CreateAccount
    from troth.domain.policy import Role

    maker, checker = (registry.execute(CreateAccount(n, "not-a-real-hash", (Role.REGISTRAR,)))
                      for n in ("maker", "checker"))
    ray = add(registry, "Ray Niima", date(2007, 3, 1), "omega")
    assert names(registry, "niima") == ["Ray Niima"]
    cid = registry.execute(co.RequestCorrection(ray, "legal_name", "Rey Nyima",
                                                "birth certificate JFC-1", maker))
    registry.execute(co.ApproveCorrection(cid, checker, "certificate seen"))
    assert names(registry, "nyima") == ["Rey Nyima"]
    assert names(registry, "niima") == [] and names(registry, "ray n") == []
