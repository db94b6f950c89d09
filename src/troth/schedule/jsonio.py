"""JSON files for requests, handlers and rosters (the CLI's inputs and outputs).

Times are ISO 8601 local datetimes ("2026-12-01T18:30"); a window is [start, end].
See docs/rostering.md for a worked example of each file.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from troth.domain.errors import InvalidInput
from troth.schedule.model import (
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


def _window(pair: Any) -> Window:
    start, end = pair
    return Window(datetime.fromisoformat(start), datetime.fromisoformat(end))


def _span(w: Window) -> list[str]:
    return [w.start.isoformat(timespec="minutes"), w.end.isoformat(timespec="minutes")]


def _place(d: dict[str, Any]) -> Place:
    return Place(float(d["lat"]), float(d["lon"]), str(d["district"]), str(d.get("label", "")))


def _request(d: dict[str, Any]) -> VisitRequest:
    return VisitRequest(
        id=int(d["id"]), courtship_id=int(d["courtship_id"]), kind=str(d["kind"]),
        duration_minutes=int(d["duration_minutes"]),
        windows=tuple(_window(w) for w in d["windows"]), place=_place(d["place"]),
        alpha_id=int(d["alpha_id"]), omega_id=int(d["omega_id"]),
        guardian_id=None if d.get("guardian_id") is None else int(d["guardian_id"]),
        waiting_since=date.fromisoformat(d["waiting_since"]),
        unavailable=tuple(Unavailable(int(u["person_id"]), _window(u["window"]))
                          for u in d.get("unavailable", ())),
        omega_attends=bool(d.get("omega_attends", True)), required=bool(d.get("required", True)),
    )


def _handler(d: dict[str, Any]) -> Handler:
    return Handler(
        id=int(d["id"]), person_id=int(d["person_id"]), name=str(d.get("name", "")),
        home=_place(d["home"]), available=tuple(_window(w) for w in d["available"]),
        weekly_cap=int(d["weekly_cap"]), kin=frozenset(int(p) for p in d.get("kin", ())),
        excluded=frozenset(int(p) for p in d.get("excluded", ())),
    )


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"cannot read {path}: {exc}", rule="roster_input") from None


def load_problem(requests: Path, handlers: Path, week: str) -> Problem:
    try:
        reqs = tuple(_request(d) for d in _read(requests)["requests"])
        hands = tuple(_handler(d) for d in _read(handlers)["handlers"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInput(f"malformed roster input: {exc!r}", rule="roster_input") from None
    return Problem(week, reqs, hands)


def _place_json(p: Place) -> dict[str, Any]:
    return {"lat": p.lat, "lon": p.lon, "district": p.district, "label": p.label}


def problem_json(problem: Problem) -> tuple[dict[str, Any], dict[str, Any]]:
    """(requests file, handlers file) contents for a problem."""
    reqs = [{
        "id": r.id, "courtship_id": r.courtship_id, "kind": r.kind,
        "duration_minutes": r.duration_minutes, "windows": [_span(w) for w in r.windows],
        "place": _place_json(r.place), "alpha_id": r.alpha_id, "omega_id": r.omega_id,
        "guardian_id": r.guardian_id, "waiting_since": r.waiting_since.isoformat(),
        "unavailable": [{"person_id": u.person_id, "window": _span(u.window)}
                        for u in r.unavailable],
        "omega_attends": r.omega_attends, "required": r.required,
    } for r in problem.requests]
    hands = [{
        "id": h.id, "person_id": h.person_id, "name": h.name, "home": _place_json(h.home),
        "available": [_span(w) for w in h.available], "weekly_cap": h.weekly_cap,
        "kin": sorted(h.kin), "excluded": sorted(h.excluded),
    } for h in problem.handlers]
    return {"week": problem.week, "requests": reqs}, {"week": problem.week, "handlers": hands}


def roster_json(roster: Roster) -> dict[str, Any]:
    s = roster.summary
    return {
        "week": roster.week, "district": roster.district, "headline": s.headline(),
        "summary": {"method": s.method, "requests": s.requests, "required": s.required,
                    "placed": s.placed, "placed_required": s.placed_required,
                    "bound": s.bound, "optimal": s.optimal, "gap": round(s.gap, 6),
                    "seconds": round(s.seconds, 3), "changed": s.changed},
        "placements": [{
            "request_id": p.request_id, "courtship_id": p.courtship_id, "kind": p.kind,
            "start": p.start.isoformat(timespec="minutes"),
            "end": p.end.isoformat(timespec="minutes"),
            "handler_ids": list(p.handler_ids), "window_index": p.window_index,
            "accepted": p.request_id in roster.accepted,
        } for p in roster.placements],
        "unplaced": [vars(u) for u in roster.unplaced],
        "released": [vars(u) for u in roster.released],
    }


def load_roster(path: Path) -> Roster:
    d = _read(path)
    try:
        s = d["summary"]
        placements = tuple(Placement(
            int(p["request_id"]), int(p["courtship_id"]), str(p["kind"]),
            datetime.fromisoformat(p["start"]), datetime.fromisoformat(p["end"]),
            tuple(int(h) for h in p["handler_ids"]), int(p["window_index"]),
        ) for p in d["placements"])
        return Roster(
            str(d["week"]), d.get("district"), placements,
            tuple(Unplaced(**u) for u in d.get("unplaced", ())),
            Summary(s["method"], s["requests"], s["required"], s["placed"],
                    s["placed_required"], s["bound"], s["seconds"], s.get("changed", 0)),
            frozenset(int(p["request_id"]) for p in d["placements"] if p.get("accepted")),
            tuple(Unplaced(**u) for u in d.get("released", ())),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInput(f"malformed roster file {path}: {exc!r}", rule="roster_input") from None
