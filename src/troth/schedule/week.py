"""From the registry's records to the planner's problem, and back to a roster record.

The registry reads one week's inputs (`troth.domain.rostering.WeekInputs`); this module
turns them into a `Problem`, plans it (keeping every request already scheduled as a Visit:
the Visit's own start and handlers are the accepted placement), and turns the result into
the `ProposeRoster` command the registry records. Nothing here reads or writes a store.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from troth.domain.courtship import DURATION_MINUTES, VisitKind
from troth.domain.customs import Customs as DomainCustoms
from troth.domain.rostering import (
    Left,
    PlannedVisit,
    ProposeRoster,
    RosterRecord,
    Span,
    VisitRequestRecord,
    WeekInputs,
)
from troth.schedule.model import (
    Customs,
    Handler,
    Place,
    Placement,
    Problem,
    Roster,
    Summary,
    Unavailable,
    Unplaced,
    VisitRequest,
    Window,
)
from troth.schedule.planner import greedy, plan


def customs_for(d: DomainCustoms) -> Customs:
    """The planner's customs from the jurisdiction's: handlers at a dinner and elsewhere."""
    return Customs(handlers_per_kind={VisitKind.DINNER.value: d.handlers_per_dinner},
                   default_handlers=d.handlers_per_visit)


def minutes(kind: str) -> int:
    return DURATION_MINUTES[VisitKind(kind)]


def subtract(spans: tuple[Span, ...], holes: tuple[Span, ...]) -> tuple[Window, ...]:
    """The parts of `spans` outside every hole (availability less unavailability)."""
    out: list[Span] = list(spans)
    for a, b in holes:
        nxt: list[Span] = []
        for s, e in out:
            if b <= s or e <= a:
                nxt.append((s, e))
                continue
            nxt += [x for x in ((s, a), (b, e)) if x[1] > x[0]]
        out = nxt
    return tuple(Window(s, e) for s, e in sorted(out))


def _request(q: VisitRequestRecord, inputs: WeekInputs) -> VisitRequest:
    p = inputs.parties[q.courtship_id]
    persons = [x for x in (p.alpha_id, p.omega_id, p.guardian_id) if x is not None]
    return VisitRequest(
        id=q.id, courtship_id=q.courtship_id, kind=q.kind, duration_minutes=minutes(q.kind),
        windows=tuple(Window(s, e) for s, e in q.windows),
        place=Place(q.lat, q.lon, q.district, q.place), alpha_id=p.alpha_id,
        omega_id=p.omega_id, guardian_id=p.guardian_id, waiting_since=p.waiting_since,
        unavailable=tuple(Unavailable(x, Window(a, b)) for x in persons
                          for a, b in inputs.busy.get(x, ())),
        required=q.required)


def problem_from(inputs: WeekInputs, customs: DomainCustoms) -> Problem:
    requests = tuple(_request(q, inputs) for q in inputs.requests)
    handlers = tuple(Handler(
        id=h.id, person_id=h.person_id, name=h.name, home=Place(h.lat, h.lon, h.district),
        available=subtract(inputs.available.get(h.id, ()), inputs.busy.get(h.person_id, ())),
        weekly_cap=h.weekly_cap, kin=inputs.kin.get(h.person_id, frozenset()),
    ) for h in inputs.handlers)
    return Problem(inputs.week, requests, handlers, customs_for(customs))


def _window_of(q: VisitRequestRecord, start: datetime, end: datetime) -> int:
    return next((i for i, (a, b) in enumerate(q.windows) if a <= start and end <= b), 0)


def previous_from(inputs: WeekInputs, record: RosterRecord | None
                  ) -> tuple[Roster | None, set[int], list[Unplaced]]:
    """The earlier roster as the planner sees it: its placements, with every scheduled
    request placed where its Visit is (accepted). Visits whose handler is not on this list
    are reported rather than planned around."""
    reqs = {q.id: q for q in inputs.requests}
    by_person = {h.person_id: h.id for h in inputs.handlers}
    out: dict[int, Placement] = {}
    for p in record.placements if record else ():
        q = reqs.get(p.request_id)
        if q is not None and q.status == "open":
            out[q.id] = Placement(q.id, q.courtship_id, q.kind, p.starts_at, p.ends_at,
                                  p.handler_ids, p.window_index)
    lost: list[Unplaced] = []
    for rid, (start, persons) in inputs.visits.items():
        q = reqs[rid]
        end = start + timedelta(minutes=minutes(q.kind))
        if any(x not in by_person for x in persons):
            lost.append(Unplaced(rid, q.courtship_id, "accepted_released",
                                 f"Visit #{q.visit_id} has a handler not on this list;"
                                 " it stays as scheduled"))
            continue
        out[rid] = Placement(rid, q.courtship_id, q.kind, start, end,
                             tuple(by_person[x] for x in persons), _window_of(q, start, end))
    if not out:
        return None, set(), lost
    summary = Summary("cp-sat", 0, 0, 0, 0, 0, 0.0)
    accepted = frozenset(inputs.visits) - {u.request_id for u in lost}
    return (Roster(inputs.week, inputs.district or None, tuple(out.values()), (), summary,
                   accepted), set(accepted), lost)


def plan_week(inputs: WeekInputs, record: RosterRecord | None, customs: DomainCustoms, *,
              seconds: float = 50.0, baseline: bool = False, workers: int | None = None
              ) -> Roster:
    """Plan (or re-plan) the week: scheduled requests stay where their Visits are."""
    problem = problem_from(inputs, customs)
    district = inputs.district or None
    if baseline:
        return greedy(problem, district)
    previous, accepted, lost = previous_from(inputs, record)
    skip = {u.request_id for u in lost}
    if skip:
        problem = Problem(problem.week, tuple(r for r in problem.requests if r.id not in skip),
                          problem.handlers, problem.customs)
    roster = plan(problem, seconds=seconds, workers=workers, previous=previous,
                  accept=accepted, district=district)
    return Roster(roster.week, roster.district, roster.placements, roster.unplaced,
                  roster.summary, roster.accepted, (*roster.released, *lost))


def propose_command(roster: Roster, district: str, on: date) -> ProposeRoster:
    s = roster.summary
    return ProposeRoster(
        roster.week, district, s.method, s.required, s.bound, round(s.seconds, 3),
        tuple(PlannedVisit(p.request_id, p.start, p.end, p.handler_ids, p.window_index)
              for p in roster.placements),
        tuple(Left(u.request_id, u.rule, u.reason) for u in roster.unplaced),
        tuple(Left(u.request_id, u.rule, u.reason) for u in roster.released), on)


def roster_from_record(rec: RosterRecord, requests: dict[int, VisitRequestRecord]) -> Roster:
    """A recorded roster in the planner's terms (for `troth roster show`)."""
    def courtship(rid: int) -> int:
        q = requests.get(rid)
        return q.courtship_id if q else 0

    placements = tuple(
        Placement(p.request_id, courtship(p.request_id), requests[p.request_id].kind,
                  p.starts_at, p.ends_at, p.handler_ids, p.window_index)
        for p in rec.placements)
    placed_required = sum(1 for p in rec.placements if requests[p.request_id].required)
    summary = Summary(rec.method, len(rec.placements) + len(rec.unplaced), rec.required,
                      len(rec.placements), placed_required, rec.bound, rec.seconds)
    return Roster(
        rec.week, rec.district or None, placements,
        tuple(Unplaced(u.request_id, courtship(u.request_id), u.rule, u.reason)
              for u in rec.unplaced), summary, rec.accepted,
        tuple(Unplaced(u.request_id, courtship(u.request_id), u.rule, u.reason)
              for u in rec.released))
