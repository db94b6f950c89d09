"""Why a request stayed unplaced: the binding constraint, in words a registrar can act on.

Each window of the request is examined against the final roster: a party or the guardian
unavailable or at another Visit; no (or too few) handlers free then within reach; or
handlers in reach who are all taken — at other Visits, travelling, resting after an
evening duty, or at their weekly cap. The preferred window's rule is the request's rule.
"""

from __future__ import annotations

from collections import Counter

from troth.schedule.compile import Compiled
from troth.schedule.model import Unplaced, VisitRequest, describe_slot
from troth.schedule.state import RosterState

_TAKEN_WORDS = {
    "busy": "at other Visits",
    "travel": "travelling between Visits",
    "rest": "resting after an evening duty",
    "cap": "at the weekly cap",
}


def role(req: VisitRequest, person: int) -> str:
    if person == req.alpha_id:
        return f"the Alpha (person {person})"
    if person == req.omega_id:
        return f"the Omega (person {person})"
    return f"the guardian (person {person})"


def _handlers(n: int) -> str:
    return f"{n} handler{'s' if n != 1 else ''}"


def _static(c: Compiled, o: int, slot: str) -> tuple[str, str]:
    rule, detail = c.opt_rule[o], c.opt_detail[o]
    req = c.problem.requests[int(c.opt_req[o])]
    km = f"{c.problem.customs.max_handler_km:g} km"
    need = int(c.req_need[int(c.opt_req[o])])
    if rule == "outside_week":
        return rule, f"the window on {slot} lies outside the week"
    if rule == "party_unavailable":
        return rule, f"{role(req, int(detail))} is unavailable on {slot}"
    if rule == "no_handler_in_reach" and detail == "0":
        return rule, f"no handler free on {slot} within {km}"
    if rule == "no_handler_in_reach":
        return rule, (
            f"only {_handlers(int(detail))} free on {slot} within {km};"
            f" a {req.kind.replace('_', ' ')} needs {need}"
        )
    return rule, (
        f"the {_handlers(int(detail))} free on {slot} within {km} are parties, the guardian,"
        " kin of either, or excluded"
    )


def _dynamic(state: RosterState, o: int, slot: str) -> tuple[int, str, str]:
    """(free handlers, rule, words) for a usable option against the roster."""
    c = state.c
    req = c.problem.requests[int(c.opt_req[o])]
    person = state.busy_person(o)
    if person is not None:
        return -1, "party_busy", f"{role(req, person)} is at another Visit on {slot}"
    blocks = Counter(state.handler_conflict(int(h), o) for h in c.eligible[o])
    free = blocks.pop("", 0)
    need = int(c.req_need[int(c.opt_req[o])])
    km = f"{c.problem.customs.max_handler_km:g} km"
    taken = ", ".join(f"{n} {_TAKEN_WORDS[k]}" for k, n in blocks.most_common())
    total = len(c.eligible[o])
    rule = "handler_cap" if blocks and blocks.most_common(1)[0][0] == "cap" else "handlers_taken"
    if free == 0:
        return free, rule, f"all {_handlers(total)} free on {slot} within {km} are taken ({taken})"
    return free, rule, (
        f"only {free} of the {_handlers(total)} free on {slot} within {km} remain"
        f" and a {req.kind.replace('_', ' ')} needs {need} ({taken})"
    )


def _window_reason(state: RosterState, opts: list[int]) -> tuple[str, str]:
    c = state.c
    slot = describe_slot(int(c.opt_start[opts[0]]))
    usable = [o for o in opts if not c.opt_rule[o]]
    if not usable:
        priority = ("party_unavailable", "no_handler_in_reach", "handlers_excluded")
        pick = min(opts, key=lambda o: priority.index(c.opt_rule[o])
                   if c.opt_rule[o] in priority else -1)
        return _static(c, pick, slot)
    _free, rule, words = max((_dynamic(state, o, slot) for o in usable), key=lambda t: t[0])
    return rule, words


def explain(state: RosterState, r: int) -> Unplaced:
    c = state.c
    req = c.problem.requests[r]
    by_window: dict[int, list[int]] = {}
    for o in c.req_options[r]:
        by_window.setdefault(int(c.opt_win[o]), []).append(o)
    reasons = [_window_reason(state, opts) for _, opts in sorted(by_window.items())]
    words = "; ".join(w for _, w in reasons)
    return Unplaced(req.id, req.courtship_id, reasons[0][0], words)
