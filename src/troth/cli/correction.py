"""`troth correction request|approve|reject|list`: corrections by two hands.

The registrar at the console is the account named by TROTH_OPERATOR: it is recorded as the
one who requested or decided, and a request is decided by a different registrar's account
(the same account is refused, exit 2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from troth.cli.common import JSON_OPT, LazyModule, console, emit_json, guarded, registry
from troth.domain.errors import InvalidInput

if TYPE_CHECKING:
    from troth.domain import correction as co
else:
    co = LazyModule("troth.domain.correction")

app = typer.Typer(
    help="Correct a registered fact by two hands: one registrar requests the correction with"
         " evidence, a different registrar approves or rejects it. The original stays in the"
         " person's history. The registrar at the console is TROTH_OPERATOR's account.",
    no_args_is_help=True)

Evidence = Annotated[str, typer.Option(
    "--evidence", help="What the correction rests on, in words (a hospital record's"
                       " reference, a court order ...). Required.")]


def _operator() -> int:
    from troth.cli.office import operator

    op = operator()
    if op is None:
        raise InvalidInput("a correction is requested and decided by registrars' accounts:"
                           " set TROTH_OPERATOR to your registrar account's username",
                           rule="operator_account")
    return op


@app.command("request")
@guarded
def request(
    person: Annotated[int, typer.Argument(help="The person's registry number.")],
    field: Annotated[str, typer.Argument(
        help="The fact: legal_name, other_names, born, parents, district, scent or"
             " designation.")],
    value: Annotated[str, typer.Argument(
        help="The corrected value: a name; a date YYYY-MM-DD; parents '3,4' (or 'none');"
             " other names 'work: Kylo; family: Solo'; a scent 'GIVES | DRAWS | NOTES'"
             " ('0.6,0.8 | 0.8,0.6 | cedar'); a designation alpha, beta or omega.")],
    evidence: Evidence,
    court_order: Annotated[str, typer.Option(
        "--court-order", help="The court order's reference: required to correct a"
                              " designation.")] = "",
    as_json: bool = JSON_OPT,
) -> None:
    """Request the correction of a registered fact; it waits for another registrar.

    Example:  TROTH_OPERATOR=clerk troth correction request 1 born 2007-05-01
              --evidence "hospital record H-1182"
    """
    op = _operator()
    cid = registry().execute(co.RequestCorrection(person, field, value, evidence, op,
                                                  court_order), actor=f"account:{op}")
    if as_json:
        emit_json({"id": cid})
    else:
        console.print(f"correction #{cid} requested; a different registrar approves or"
                      f" rejects it: troth correction approve {cid}")


@app.command("approve")
@guarded
def approve(
    correction: Annotated[int, typer.Argument(help="The correction's number.")],
    reason: Annotated[str, typer.Option("--reason", help="Why, recorded (optional).")] = "",
) -> None:
    """Approve a correction requested by another registrar: the fact is corrected today.

    Example:  TROTH_OPERATOR=checker troth correction approve 3 --reason "record seen"
    """
    op = _operator()
    registry().execute(co.ApproveCorrection(correction, op, reason), actor=f"account:{op}")
    console.print(f"correction #{correction} approved")


@app.command("reject")
@guarded
def reject(
    correction: Annotated[int, typer.Argument(help="The correction's number.")],
    reason: Annotated[str, typer.Option("--reason", help="Why it is rejected. Required.")],
) -> None:
    """Reject a correction requested by another registrar; nothing else changes.

    Example:  TROTH_OPERATOR=checker troth correction reject 3 --reason "no evidence"
    """
    op = _operator()
    registry().execute(co.RejectCorrection(correction, op, reason), actor=f"account:{op}")
    console.print(f"correction #{correction} rejected")


@app.command("list")
@guarded
def list_corrections(
    state: Annotated[str | None, typer.Option(
        "--state", help="Only pending, approved or rejected ones.")] = None,
    person: Annotated[int | None, typer.Option("--person", help="Only this person's.")] = None,
    as_json: bool = JSON_OPT,
) -> None:
    """Corrections, newest first (the pending ones wait for a second registrar).

    Example:  troth correction list --state pending
    """
    items = registry().queries.corrections.list(state, person)
    if as_json:
        emit_json(items)
        return
    if not items:
        console.print("No corrections" + (f" {state}." if state else "."))
        return
    table = Table("#", "person", "fact", "from", "to", "state", "requested by", "decided by")
    for x in items:
        table.add_row(str(x.id), f"#{x.person_id}", co.FIELDS[x.field],
                      co.shown(x.field, x.old), co.shown(x.field, x.new), x.state,
                      f"account #{x.requested_by} on {x.requested_on}",
                      f"account #{x.decided_by} on {x.decided_on}" if x.decided_by else "-")
    console.print(table)
