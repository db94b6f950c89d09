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
    from troth.registry.queries import RosterQueries
    from troth.registry.service import Registry
else:
    ro = LazyModule("troth.domain.rostering")


def reads(reg: Registry) -> RosterQueries:
    return reg.queries.roster


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
    from rich.progress import track

    from troth.registry.rostering import accept_in_registry, recorded_roster

    reg = registry()
    try:
        roster_id, _ = recorded_roster(reg, week, district, roster)
        ids = {int(x) for x in only.split(",") if x.strip()} or None
    except ValueError:
        raise typer.BadParameter("--only takes request ids like 12,31") from None
    results = accept_in_registry(
        reg, roster_id, ids, each=lambda todo: track(todo, description="Scheduling Visits ...",
                                                     console=err_console.rich(), disable=as_json))
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
