"""`troth guardian appoint|transfer|revoke|end|of|record`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from troth.cli.common import JSON_OPT, LazyModule, console, emit_json, guarded, parse_date, registry

if TYPE_CHECKING:
    from troth.domain import commands as c
else:
    c = LazyModule("troth.domain.commands")

app = typer.Typer(help="Court guardianships of unbonded Omegas.", no_args_is_help=True)

Ward = Annotated[int, typer.Option("--ward", help="The ward's id.")]
On = Annotated[str, typer.Option("--on", help="Date, YYYY-MM-DD.")]
Court = Annotated[str, typer.Option("--court", help="The court that made the order.")]
Order = Annotated[str, typer.Option("--order", help="The court order's reference.")]
Reason = Annotated[str, typer.Option(
    help="Why, recorded: a custom set aside (a guardian who is not a Beta), or the court"
         " order's stated reason for a ward with living parents.")]
Waiver = Annotated[str, typer.Option(
    "--court-waiver", help="The court's reference waiving the guardian's open welfare"
                           " reviews.")]


@app.command("appoint")
@guarded
def appoint(ward: Ward, guardian: Annotated[int, typer.Option(help="The guardian's id.")],
            court: Court, order: Order,
            start: Annotated[str, typer.Option(help="First day, YYYY-MM-DD.")],
            reason: Reason = "", court_waiver: Waiver = "", as_json: bool = JSON_OPT) -> None:
    """Appoint a court guardian for an unbonded Omega (presented by the start date).

    Example:  troth guardian appoint --ward 1 --guardian 2 --court "Jakku Family Court"
              --order JFC-118 --start 2021-06-01
    """
    gid = registry().execute(c.AppointGuardian(ward, guardian, court, order,
                                               parse_date(start, "--start"), reason,
                                               court_waiver))
    emit_json({"id": gid}) if as_json else console.print(gid)


@app.command("transfer")
@guarded
def transfer(ward: Ward, to: Annotated[int, typer.Option("--to", help="The new guardian's id.")],
             court: Court, order: Order, on: On, reason: Reason = "",
             court_waiver: Waiver = "", as_json: bool = JSON_OPT) -> None:
    """Transfer a guardianship to a new guardian from a date (a ward's petition, a court)."""
    gid = registry().execute(c.TransferGuardianship(ward, to, court, order, parse_date(on),
                                                    reason, court_waiver))
    emit_json({"id": gid}) if as_json else console.print(gid)


@app.command("revoke")
@guarded
def revoke(ward: Ward, on: On, note: Annotated[str, typer.Option()] = "") -> None:
    """Revoke the ward's current guardianship by court order."""
    registry().execute(c.EndGuardianship(ward, parse_date(on), "revoked", note))
    console.print(f"guardianship of #{ward} revoked on {on}")


@app.command("end")
@guarded
def end(ward: Ward, on: On, note: Annotated[str, typer.Option()] = "") -> None:
    """End the ward's current guardianship (bonding ends it by itself)."""
    registry().execute(c.EndGuardianship(ward, parse_date(on), "ended", note))
    console.print(f"guardianship of #{ward} ended on {on}")


@app.command("of")
@guarded
def of(ward: Annotated[int, typer.Argument(help="The ward's id.")],
       on: Annotated[str | None, typer.Option(help="Date; default today.")] = None,
       as_json: bool = JSON_OPT) -> None:
    """Who was the ward's guardian on a date?

    Example:  troth guardian of 1 --on 2020-06-01
    """
    reg = registry()
    day = parse_date(on) if on else reg.clock.today()
    g = reg.queries.people.guardian_of(ward, day)
    if as_json:
        emit_json({"ward_id": ward, "on": day, "guardianship": g})
        return
    if g is None:
        console.print(f"#{ward} had no guardian on {day}")
        return
    guardian = reg.queries.people.person(g.guardian_id)
    console.print(f"on {day}: {guardian.legal_name} (#{g.guardian_id}), from {g.start}"
                  f" by {g.court}, order {g.order_ref}")


@app.command("record")
@guarded
def record(person: Annotated[int, typer.Argument(help="The guardian's id.")],
           as_json: bool = JSON_OPT) -> None:
    """A guardian's record across all wards and years: each guardianship, with the ward's
    incidents and reviews and how each was decided.

    Example:  troth guardian record 5
    """
    r = registry().queries.courtships.guardian_record(person)
    if as_json:
        emit_json(r)
        return
    console.print(f"{r.name} (#{r.guardian_id}): {len(r.wards)} guardianship(s),"
                  f" {r.open_reviews} open review(s)")
    for w in r.wards:
        g = w.guardianship
        until = f"to {g.end} ({g.how_ended})" if g.end else "to date"
        waiver = f"; review waiver {g.court_waiver_ref}" if g.court_waiver_ref else ""
        console.print(f"  {w.ward_name} (#{g.ward_id}): from {g.start} {until}, {g.court}"
                      f" order {g.order_ref}{waiver}")
        for i in w.incidents:
            state = (f"decided {i.decision} on {i.decided_on}: {i.outcome}" if i.decision
                     else "review open" if i.opens_review and i.status == "open"
                     else i.status)
            console.print(f"    #{i.id} {i.kind.replace('_', ' ')} on {i.on} — {state}")
