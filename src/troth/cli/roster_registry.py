"""`troth roster` on the registry: requests in, a recorded roster out, accepted as Visits.

The planning inputs are read from the registry (Visit requests, handlers on the list with
their availability, everyone's unavailability, kin); the roster is recorded with a ledger
entry; accepting a placement runs the ordinary ScheduleVisit command.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from troth.cli.common import (
    JSON_OPT,
    LazyModule,
    console,
    emit_json,
    err_console,
    guarded,
    registry,
)
from troth.domain.errors import TrothError

if TYPE_CHECKING:
    from troth.domain import rostering as ro
    from troth.registry.service import Registry
    from troth.schedule.model import Roster
    from troth.store.reads.roster import RosterReads
else:
    ro = LazyModule("troth.domain.rostering")


def reads(reg: Registry) -> RosterReads:
    from troth.store.reads.roster import RosterReads

    return RosterReads(reg.engines)


def moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise TrothError(f"'{text}' is not a date and time like 2026-12-01T18:00",
                         rule="datetime_format") from None


def span(text: str) -> ro.Span:
    """'2026-12-01T18:00/2026-12-01T21:00', or '2026-12-01T18:00/21:00' on the same day."""
    start_text, sep, end_text = text.partition("/")
    if not sep:
        raise TrothError(f"'{text}' is not a window like 2026-12-01T18:00/21:00",
                         rule="time_window")
    start = moment(start_text)
    end = (moment(f"{start.date().isoformat()}T{end_text}") if len(end_text.strip()) <= 5
           else moment(end_text))
    return start, end


def plan_in_registry(reg: Registry, week: str, district: str = "", seconds: float = 50.0,
                     baseline: bool = False, workers: int | None = None) -> tuple[int, Roster]:
    """Plan (or re-plan) the week from the registry and record the roster."""
    from troth.schedule.week import plan_week, propose_command

    r = reads(reg)
    inputs = r.week_inputs(week, district)
    roster = plan_week(inputs, r.latest_roster(week, district), reg.customs, seconds=seconds,
                       baseline=baseline, workers=workers)
    roster_id = reg.execute(propose_command(roster, district, reg.clock.today()))
    return roster_id, roster


def recorded(reg: Registry, week: str | None, district: str = "",
             roster_id: int | None = None) -> tuple[int, Roster]:
    """A recorded roster: by id, or the newest for the week and district."""
    from troth.schedule.week import roster_from_record

    r = reads(reg)
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
                       progress: bool = False) -> list[dict[str, object]]:
    """Schedule each placement not yet accepted; one verdict per placement."""
    from rich.progress import track

    rec = reads(reg).roster(roster_id)
    todo = [p.request_id for p in rec.placements
            if p.request_id not in rec.accepted and (only is None or p.request_id in only)]
    results: list[dict[str, object]] = []
    for rid in track(todo, description="Scheduling Visits ...", console=err_console,
                     disable=not progress):
        try:
            vid = reg.execute(ro.AcceptRosterPlacement(roster_id, rid), actor="roster")
            results.append({"request_id": rid, "visit_id": vid, "rule": "", "reason": ""})
        except TrothError as exc:
            results.append({"request_id": rid, "visit_id": None, "rule": exc.rule,
                            "reason": exc.message})
    return results


Week = Annotated[str | None, typer.Option("--week", help="ISO week, e.g. 2026-W49.")]
District = Annotated[str, typer.Option("--district", help="Only this district.")]


def accept_cmd(
    week: Week = None, district: District = "",
    roster: Annotated[int | None, typer.Option("--roster", help="A roster's id.")] = None,
    only: Annotated[str, typer.Option("--only", help="Only these request ids (1,2,3).")] = "",
    as_json: bool = JSON_OPT,
) -> None:
    """Accept the roster: schedule each placement through the ordinary Visit command.

    Each Visit gets the registry's own verdict and ledger entry. A refused placement is
    listed with its rule; plan again to re-place it (accepted Visits stay).

    Example:

        troth roster accept --week 2026-W49 --district Riverside --only 12,31
    """
    reg = registry()
    try:
        roster_id, _ = recorded(reg, week, district, roster)
        ids = {int(x) for x in only.split(",") if x.strip()} or None
    except ValueError:
        raise typer.BadParameter("--only takes request ids like 12,31") from None
    results = accept_in_registry(reg, roster_id, ids, progress=not as_json)
    if as_json:
        emit_json({"roster_id": roster_id, "results": results})
        return
    done = [x for x in results if x["visit_id"] is not None]
    console.print(f"roster #{roster_id}: {len(done)} Visit(s) scheduled,"
                  f" {len(results) - len(done)} refused")
    refused = Table(title="Refused placements")
    for col in ("request", "rule", "reason"):
        refused.add_column(col)
    for x in results:
        if x["visit_id"] is None:
            refused.add_row(str(x["request_id"]), str(x["rule"]), str(x["reason"]))
    if refused.row_count:
        console.print(refused)


def request_cmd(
    courtship: Annotated[int, typer.Option("--courtship", help="The courtship's id.")],
    kind: Annotated[str, typer.Option("--kind", help="introduction, dinner, tea, walk ...")],
    window: Annotated[list[str], typer.Option(
        "--window", help="An acceptable window, most preferred first; repeat the option.")],
    elsewhere: Annotated[bool, typer.Option(
        "--elsewhere", help="Not at the Omega's residence (give --place and coordinates).")
    ] = False,
    place: str = "", district: str = "",
    lat: Annotated[float | None, typer.Option(help="Latitude of the place.")] = None,
    lon: Annotated[float | None, typer.Option(help="Longitude of the place.")] = None,
    optional: Annotated[bool, typer.Option("--optional", help="Not required this week.")
                        ] = False,
    as_json: bool = JSON_OPT,
) -> None:
    """Request a Visit for a week, with its acceptable windows in order of preference.

    By custom the first Visits take place at the Omega's residence (her guardian's house);
    its address and coordinates come from `troth roster residence`.

    Example:

        troth roster request --courtship 3 --kind tea \\
            --window 2026-12-01T14:00/17:00 --window 2026-12-03T15:00/16:30
    """
    reg = registry()
    cmd = ro.RequestVisit(courtship, kind, tuple(span(w) for w in window), reg.clock.today(),
                          not elsewhere, place, district, lat, lon, not optional)
    rid = reg.execute(cmd)
    emit_json({"id": rid}) if as_json else console.print(rid)


def withdraw_cmd(request: int, reason: Annotated[str, typer.Option(help="Why.")] = "") -> None:
    """Withdraw a Visit request that is not yet scheduled (a family cancels).

    Example:  troth roster withdraw 12 --reason "the family asked"
    """
    reg = registry()
    reg.execute(ro.WithdrawVisitRequest(request, reason, reg.clock.today()))
    console.print(f"request #{request} withdrawn")


def unavailable_cmd(
    person: Annotated[int, typer.Option("--person", help="Party, guardian or handler.")],
    start: Annotated[str, typer.Option("--from", help="Start, e.g. 2026-12-01T00:00.")],
    end: Annotated[str, typer.Option("--to", help="End, e.g. 2026-12-04T00:00.")],
    reason: Annotated[str, typer.Option(help="A word, no medical details.")] = "",
) -> None:
    """Record that a person cannot attend Visits for a while (then plan again).

    Example:  troth roster unavailable --person 41 --from 2026-12-01T00:00 --to 2026-12-04T00:00
    """
    reg = registry()
    reg.execute(ro.RecordUnavailability(person, moment(start), moment(end), reg.clock.today(),
                                        reason))
    console.print(f"#{person} unavailable {start} .. {end}")


def residence_cmd(
    person: Annotated[int, typer.Option("--person")],
    address: Annotated[str, typer.Option("--address")],
    district: Annotated[str, typer.Option("--district")],
    lat: Annotated[float, typer.Option("--lat")], lon: Annotated[float, typer.Option("--lon")],
) -> None:
    """Record where a person lives (a guardian's house hosts the first Visits).

    Example:  troth roster residence --person 3 --address "2 Yard Lane" --district Riverside \\
                  --lat 51.50 --lon -0.10
    """
    reg = registry()
    reg.execute(ro.RecordResidence(person, address, district, lat, lon, reg.clock.today()))
    console.print(f"residence of #{person} recorded")


def requests_cmd(week: Annotated[str, typer.Option("--week")], district: District = "",
                 as_json: bool = JSON_OPT) -> None:
    """List a week's Visit requests and whether each is open, scheduled or withdrawn.

    Example:  troth roster requests --week 2026-W49 --json
    """
    items = reads(registry()).requests(week, district)
    if as_json:
        emit_json(items)
        return
    table = Table(title=f"Visit requests, {ro.check_week(week)}")
    for col in ("id", "courtship", "kind", "first window", "place", "status"):
        table.add_column(col)
    for q in items:
        table.add_row(str(q.id), str(q.courtship_id), q.kind,
                      f"{q.windows[0][0]:%a %d %b %H:%M}", q.place, q.status)
    console.print(table)


def attach(app: typer.Typer) -> None:
    for name, fn in (("accept", accept_cmd), ("request", request_cmd),
                     ("withdraw", withdraw_cmd), ("unavailable", unavailable_cmd),
                     ("residence", residence_cmd), ("requests", requests_cmd)):
        app.command(name)(guarded(fn))
