"""Candidate search as the API and the pages ask it: one policy check, one validated query,
the registry's answer, and what the account may do with each row.

`find` is the whole use case; the API endpoint and the page only parse their input and
present the answer. Who may search for whom is the policy's (`match.candidates`); whether a
row links to the candidate's record (`person.read`) or offers to propose the introduction
(`courtship.propose` on the couple) is the policy's too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from starlette.requests import Request

from troth.domain.errors import InvalidInput
from troth.domain.people import Person
from troth.match.candidates import Candidate, Filters
from troth.registry.candidate_search import SearchCache, candidates_in_registry
from troth.web.access import RequestContext

__all__ = ["MAX_AGE", "MAX_TOP", "CandidateQuery", "Found", "Row", "find", "search_cache"]

MAX_TOP = 100
MAX_AGE = 150


@dataclass(frozen=True)
class CandidateQuery:
    top: int = 20
    min_age: int | None = None
    max_age: int | None = None
    districts: tuple[str, ...] = ()

    def problems(self) -> dict[str, str]:
        """Each bad value, by field, in words that say how to fix it (empty: all good)."""
        out: dict[str, str] = {}
        if not 1 <= self.top <= MAX_TOP:
            out["top"] = f"List between 1 and {MAX_TOP} candidates (asked for {self.top})."
        for name in ("min_age", "max_age"):
            age = getattr(self, name)
            if age is not None and not 0 <= age <= MAX_AGE:
                out[name] = f"Give an age in whole years, from 0 to {MAX_AGE}."
        lo, hi = self.min_age, self.max_age
        if lo is not None and hi is not None and lo > hi and not out:
            out["max_age"] = (
                f"The oldest age ({hi}) is below the youngest ({lo}); swap them or widen the range."
            )
        return out

    def check(self) -> None:
        problems = self.problems()
        if problems:
            raise InvalidInput(" ".join(problems.values()), rule="candidate_query")


@dataclass(frozen=True)
class Row:
    candidate: Candidate
    name: str | None  # None where the account may not read the candidate's record
    alpha_id: int
    omega_id: int
    may_propose: bool


@dataclass(frozen=True)
class Found:
    person: Person
    person_named: bool  # whether the account may read the searching person's record
    on: date
    query: CandidateQuery
    rows: list[Row]


def search_cache(request: Request) -> SearchCache:
    """The app's cache of what candidate search reads (kept while the ledger's head is)."""
    cache: SearchCache = request.app.state.candidate_search
    return cache


def find(
    ctx: RequestContext, person_id: int, query: CandidateQuery, cache: SearchCache | None = None
) -> Found:
    """The candidates for ``person_id`` the account may search, best first.

    Raises Denied (policy), InvalidInput (the query), NotFound (no such person) and
    TrothError rule ``person_matchable`` (not an unbonded adult Alpha or Omega with a
    scent), in that order: a party asking about someone else learns nothing about them.
    """
    ctx.allow("match.candidates", person_id)
    query.check()
    person = ctx.queries.lookups.person(person_id)
    on = ctx.registry.clock.today()
    filters = Filters(
        on=on, min_age=query.min_age, max_age=query.max_age, districts=query.districts
    )
    found = candidates_in_registry(ctx.registry, person_id, query.top, filters, cache=cache)
    readable = [c.id for c in found if ctx.may("person.read", c.id)]
    people = ctx.queries.people.people(readable) if readable else {}
    names = {i: p.legal_name for i, p in people.items()}
    rows = [_row(ctx, person, c, names.get(c.id)) for c in found]
    return Found(person, ctx.may("person.read", person_id), on, query, rows)


def _row(ctx: RequestContext, person: Person, c: Candidate, name: str | None) -> Row:
    alpha, omega = (c.id, person.id) if c.designation == "alpha" else (person.id, c.id)
    return Row(c, name, alpha, omega, ctx.may("courtship.propose", alpha, omega))
