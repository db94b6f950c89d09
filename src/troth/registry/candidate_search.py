"""What candidate search needs from the registry, read once and kept while nothing changes.

Reading the registry's Alphas and Omegas (their scents decoded into arrays) is most of the
cost of one search: about 2 s at 100,000 people, against about 0.1 s for the search
itself. A one-shot caller (the CLI) reads afresh; a server keeps a :class:`SearchCache`,
which reuses the population, the excluded pairs and the index for as long as the ledger's
head is the same. Every change to the registry appends to the ledger in the same
transaction, so an unchanged head means unchanged records: a search never sees data older
than the last committed command.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from troth.domain.errors import TrothError
from troth.domain.matchmaking import not_searchable
from troth.domain.people import Designation, Person
from troth.match.candidates import Candidate, CandidateIndex, Filters
from troth.match.population import ExcludedPairs, Population
from troth.match.topk import TopKSettings
from troth.registry.service import Registry

__all__ = ["SCAN_LIMIT", "SearchCache", "Searchable", "candidates_in_registry", "check_searcher",
           "searchable"]

SCAN_LIMIT = 50_000  # per designation: up to this many, candidate search scores everyone


@dataclass(frozen=True)
class Searchable:
    population: Population
    excluded: ExcludedPairs
    index: CandidateIndex


def searchable(registry: Registry, on: date, rate: float) -> Searchable:
    """The registry's Alphas and Omegas on ``on``, the pairs never proposed, and an index
    (exact scoring up to SCAN_LIMIT per designation, HNSW above)."""
    reads = registry.queries.match
    pop = reads.population(on).population
    sizes = [
        int((pop.designation == d.value).sum()) for d in (Designation.ALPHA, Designation.OMEGA)
    ]
    if max(sizes) <= SCAN_LIMIT:
        index = CandidateIndex(pop, {}, rate)
    else:
        index = CandidateIndex.build(pop, TopKSettings(rate=rate))
    return Searchable(pop, reads.excluded_pairs(), index)


class SearchCache:
    """One :class:`Searchable`, kept while the day, the rate and the ledger's head stay."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._value: Searchable | None = None

    def get(self, registry: Registry, on: date, rate: float) -> Searchable:
        # The head is read before the records, so what is kept is never older than its key.
        key = (on, rate, registry.queries.people.checkpoint())
        with self._lock:  # concurrent searches wait for one read rather than each reading
            if self._value is None or self._key != key:
                self._value, self._key = searchable(registry, on, rate), key
            return self._value


def check_searcher(pop: Population, person_id: int, on: date, majority: int,
                   person: Person | None = None) -> None:
    """Candidates are searched for a living, presented, adult and unbonded Alpha or Omega
    with a scent, as those listed are; otherwise the exact reason, rule
    ``person_matchable`` (from the person's record, when given, for someone not listed)."""
    listed = bool(np.any(pop.ids == person_id))
    if listed:
        row = pop.row_of(person_id)
        age = int(pop.age(on, np.array([row]))[0])
        if age < majority:
            raise TrothError(
                f"#{person_id} is a minor ({age} on {on}); introductions are for adults"
                f" ({majority} and over)", rule="person_matchable")
        if bool(pop.bonded[row]):
            raise TrothError(
                f"#{person_id} is bonded on {on}; candidates are searched only for unbonded"
                " people", rule="person_matchable")
        return
    dims = int(pop.gives.shape[1]) if len(pop.ids) else None
    why = None if person is None else not_searchable(person, on, majority, False, dims)
    raise TrothError(why or f"#{person_id} is not a living, presented Alpha or Omega with a"
                     f" scent signature on record on {on}", rule="person_matchable")


def candidates_in_registry(registry: Registry, person_id: int, top: int, filters: Filters,
                           rate: float | None = None,
                           cache: SearchCache | None = None) -> list[Candidate]:
    """The most compatible eligible people for ``person_id`` among the registry's records:
    the other designation, adult, unbonded, alive, with a scent, not in a live courtship
    with them and not declined by or having declined them (plus ``filters``). The person
    must be an unbonded adult Alpha or Omega with a scent. A server passes a ``cache``
    (SearchCache) to read the records once per change."""
    rate = registry.customs.true_match_rate if rate is None else rate
    found = (cache.get(registry, filters.on, rate) if cache is not None
             else searchable(registry, filters.on, rate))
    person = (None if np.any(found.population.ids == person_id)
              else registry.queries.people.person(person_id))
    check_searcher(found.population, person_id, filters.on, registry.customs.age_of_majority,
                   person)
    exclude = found.excluded.of(person_id)
    wanted = Filters(on=filters.on, age_of_majority=registry.customs.age_of_majority,
                     min_age=filters.min_age, max_age=filters.max_age,
                     districts=filters.districts,
                     exclude_ids=tuple(sorted({*filters.exclude_ids, *exclude})),
                     opted_in_only=filters.opted_in_only)
    return found.index.search(person_id, top, wanted)
