"""Candidate search: the most compatible eligible people for one person (issue 6).

Ids and ages travel in the URL; no names do. Who may search for whom is the policy's
(`match.candidates`); the use case is troth.web.candidates.find.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from troth.registry.candidate_search import SearchCache
from troth.web.access import Ctx
from troth.web.api.schemas import NO_NUL
from troth.web.candidates import MAX_AGE, MAX_TOP, CandidateQuery, Found, find, search_cache
from troth.web.ids import RecordId

router = APIRouter(tags=["matchmaking"])

District = Annotated[str, Field(min_length=1, max_length=100, pattern=NO_NUL)]
Age = Annotated[int | None, Query(ge=0, le=MAX_AGE, description="Whole years, inclusive.")]


class CandidateOut(BaseModel):
    id: int
    designation: str
    legal_name: str | None = Field(
        description="null where the account may not read the candidate's record"
    )
    age: int
    district: str
    compatibility: float = Field(description="mutual: the geometric mean of both directions")
    attraction_to: float = Field(description="the searching person's attraction to them")
    attraction_from: float = Field(description="their attraction to the searching person")
    true_match: bool = Field(description="overwhelming in both directions")
    may_propose: bool = Field(
        description="whether this account may propose the introduction (POST /courtships)"
    )


class CandidatesOut(BaseModel):
    person_id: int
    on: date
    top: int
    min_age: int | None
    max_age: int | None
    districts: list[str]
    items: list[CandidateOut]


def candidates_out(found: Found) -> CandidatesOut:
    q = found.query
    items = [
        CandidateOut(
            id=r.candidate.id,
            designation=r.candidate.designation,
            legal_name=r.name,
            age=r.candidate.age,
            district=r.candidate.district,
            compatibility=r.candidate.compatibility,
            attraction_to=r.candidate.attraction_to,
            attraction_from=r.candidate.attraction_from,
            true_match=r.candidate.true_match,
            may_propose=r.may_propose,
        )
        for r in found.rows
    ]
    return CandidatesOut(
        person_id=found.person.id,
        on=found.on,
        top=q.top,
        min_age=q.min_age,
        max_age=q.max_age,
        districts=list(q.districts),
        items=items,
    )


@router.get("/match/candidates/{person_id}", response_model=CandidatesOut)
def candidates(
    person_id: RecordId,
    ctx: Ctx,
    cache: Annotated[SearchCache, Depends(search_cache)],
    top: Annotated[int, Query(ge=1, le=MAX_TOP)] = 20,
    min_age: Age = None,
    max_age: Age = None,
    district: Annotated[list[District], Query(max_length=20)] = [],  # noqa: B006
) -> CandidatesOut:
    """The eligible people for this person (the other designation, adult, unbonded, not in
    a live courtship with them, neither having declined the other), best first by mutual
    compatibility, within the age range and districts given. Registry staff and sponsors
    may search for anyone; a party for themself only."""
    query = CandidateQuery(top, min_age, max_age, tuple(dict.fromkeys(district)))
    return candidates_out(find(ctx, person_id, query, cache))
