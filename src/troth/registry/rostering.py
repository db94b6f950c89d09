"""Rostering on the registry: plan a week from its records and record the roster; accept
placements as Visits. One workflow, called by `troth roster` and the roster page alike.

Planning reads the week's inputs (Visit requests, handlers and their availability,
everyone's unavailability, kin) through `registry.queries.roster`, plans them
(troth.schedule, imported only when a plan runs) and records a `ProposeRoster`; accepting
runs the ordinary `AcceptRosterPlacement` command per placement, each with its own verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypedDict

from troth.domain import rostering as ro
from troth.domain.errors import TrothError
from troth.registry.service import Registry

if TYPE_CHECKING:
    from troth.schedule.model import Roster

__all__ = ["PlacementResult", "accept_in_registry", "plan_in_registry", "recorded_roster"]


class PlacementResult(TypedDict):
    """One placement's verdict: the Visit scheduled, or the rule and reason it was refused."""

    request_id: int
    visit_id: int | None
    rule: str
    reason: str


def plan_in_registry(reg: Registry, week: str, district: str = "", seconds: float = 50.0,
                     baseline: bool = False, workers: int | None = None
                     ) -> tuple[int, Roster]:
    """Plan (or re-plan) the week from the registry and record the roster."""
    from troth.schedule.week import plan_week, propose_command

    r = reg.queries.roster
    inputs = r.week_inputs(week, district)
    roster = plan_week(inputs, r.latest_roster(week, district), reg.customs, seconds=seconds,
                       baseline=baseline, workers=workers)
    roster_id = reg.execute(propose_command(roster, district, reg.clock.today()))
    return roster_id, roster


def recorded_roster(reg: Registry, week: str | None, district: str = "",
                    roster_id: int | None = None) -> tuple[int, Roster]:
    """A recorded roster: by id, or the newest for the week and district."""
    from troth.schedule.week import roster_from_record

    r = reg.queries.roster
    if roster_id is not None:
        rec = r.roster(roster_id)
    else:
        if week is None:
            raise TrothError("name the week (--week 2026-W49) or the roster (--roster 3)",
                             rule="roster_week")
        found = r.latest_roster(week, district)
        if found is None:
            where = f" in {district}" if district else ""
            raise TrothError(f"no roster recorded for {ro.check_week(week)}{where}; run"
                             " `troth roster plan` first", rule="roster_exists")
        rec = found
    requests = {q.id: q for q in r.requests(rec.week)}
    return rec.id, roster_from_record(rec, requests)


def accept_in_registry(reg: Registry, roster_id: int, only: set[int] | None = None,
                       actor: str = "roster",
                       each: Callable[[list[int]], Iterable[int]] = iter
                       ) -> list[PlacementResult]:
    """Schedule each placement not yet accepted (or only those named), in `actor`'s name:
    one verdict per placement. `each` wraps the work list (a progress bar on the CLI)."""
    rec = reg.queries.roster.roster(roster_id)
    todo = [p.request_id for p in rec.placements
            if p.request_id not in rec.accepted and (only is None or p.request_id in only)]
    results: list[PlacementResult] = []
    for rid in each(todo):
        try:
            vid = reg.execute(ro.AcceptRosterPlacement(roster_id, rid), actor=actor)
            results.append({"request_id": rid, "visit_id": vid, "rule": "", "reason": ""})
        except TrothError as exc:
            results.append({"request_id": rid, "visit_id": None, "rule": exc.rule,
                            "reason": exc.message})
    return results
