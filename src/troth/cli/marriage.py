"""`troth marriage ...`: marriages of Betas at the office console.

The console is the registrar's office: no one is signed in as themself here, so a consent or
a petition recorded here is given in person, with the registrar attesting it
(--attested-by USERNAME, an account holding the registrar role)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from troth.cli.common import JSON_OPT, LazyModule, console, emit_json, guarded, parse_date, registry
from troth.domain.errors import InvalidInput
from troth.domain.policy import Role

if TYPE_CHECKING:
    from troth.domain import commands as c
else:
    c = LazyModule("troth.domain.commands")

app = typer.Typer(help="""Marriages of Betas: consents, solemnisation, certificates, and
petitions to dissolve.

Two adult Betas, living, neither married nor bonded, marry by their own consents before an
officiant and at least one witness; no courtship custom applies. Typically:

  troth marriage consent 1 --to 2 --attested-by clerk     (gives notice: prints its id)\n
  troth marriage consent 2 --to 1 --attested-by clerk\n
  troth marriage solemnise 1 --officiant 9 --witness "Luke Skywalker"\n
  troth marriage petition 1 --by 2 --grounds breakdown --attested-by clerk\n
  troth marriage decide 1 --grant --reasons "both spouses heard"
""", no_args_is_help=True)

On = Annotated[str | None, typer.Option("--on", help="Date, YYYY-MM-DD; default today.")]
Attester = Annotated[str | None, typer.Option(
    help="The registrar's account (username) attesting that the person is here in person;"
         " default TROTH_OPERATOR's.")]


def _day(on: str | None) -> date:
    return parse_date(on) if on else registry().clock.today()


def _attester(username: str | None) -> int:
    reg = registry()
    if username:
        aid = reg.queries.accounts.account_id(username)
    else:
        from troth.cli.office import operator

        found = operator()
        if found is None:
            raise InvalidInput("a consent or petition is recorded here in person, attested by"
                               " a registrar: give --attested-by USERNAME or set"
                               " TROTH_OPERATOR", rule="attested_by_registrar")
        aid, username = found, "TROTH_OPERATOR's account"
    if Role.REGISTRAR not in {r for r, _ in reg.queries.accounts.roles_of(aid)}:
        raise InvalidInput(f"'{username}' does not hold the registrar role; a consent or"
                           " petition is recorded here only in person, attested by a"
                           " registrar", rule="attested_by_registrar")
    return aid


@app.command("consent")
@guarded
def consent(person: Annotated[int, typer.Argument(help="The person consenting, present.")],
            to: Annotated[int, typer.Option("--to", help="The person they consent to marry.")],
            attested_by: Attester = None, on: On = None, as_json: bool = JSON_OPT) -> None:
    """Record a person's own consent to marry, given in person at the office.

    The first consent of a pair gives notice of the marriage and prints its id; the
    partner's consent joins it. Refused, with the reason (exit 2), for a minor, an Alpha or
    Omega, someone unpresented, dead, already married or bonded, or oneself.

    Example:  troth marriage consent 1 --to 2 --attested-by clerk --on 2026-05-01
    """
    mid = registry().execute(c.ConsentToMarriage(person, to, _day(on), _attester(attested_by)),
                             actor="cli")
    emit_json({"id": mid}) if as_json else console.print(f"consent recorded: marriage #{mid}")


@app.command("withdraw")
@guarded
def withdraw(marriage: int,
             person: Annotated[int, typer.Option("--by", help="The person withdrawing, present.")],
             attested_by: Attester = None, on: On = None) -> None:
    """A person named in a notice withdraws their own consent before the marriage is
    solemnised, in person at the office; the notice lapses.

    Example:  troth marriage withdraw 1 --by 2 --attested-by clerk
    """
    registry().execute(c.WithdrawMarriageConsent(marriage, person, _day(on),
                                                 _attester(attested_by)), actor="cli")
    console.print(f"consent withdrawn: the notice of marriage #{marriage} lapsed")


@app.command("solemnise")
@guarded
def solemnise(marriage: int,
              officiant: Annotated[int, typer.Option(help="The officiant's registry number.")],
              witness: Annotated[list[str], typer.Option(help="A witness's name (repeatable).")],
              on: On = None, as_json: bool = JSON_OPT) -> None:
    """The officiant solemnises the marriage once both spouses' consents are on record;
    prints the certificate's code (check it with `troth marriage verify CODE`).

    Example:  troth marriage solemnise 1 --officiant 9 --witness "Luke Skywalker"
    """
    reg = registry()
    reg.execute(c.SolemniseMarriage(marriage, officiant, tuple(witness), _day(on)), actor="cli")
    code = reg.queries.marriages.marriage(marriage).certificate_code
    if as_json:
        emit_json({"id": marriage, "certificate_code": code})
    else:
        console.print(f"marriage #{marriage} solemnised; certificate code {code}")


@app.command("show")
@guarded
def show(marriage: int, as_json: bool = JSON_OPT) -> None:
    """A marriage: its spouses, consents, officiant, witnesses, certificate and petitions."""
    reg = registry()
    found = reg.queries.marriages.marriage(marriage)
    petitions = reg.queries.marriages.petitions(marriage_id=marriage)
    if as_json:
        from troth.cli.common import plain

        emit_json({**plain(found), "petitions": plain(petitions)})
        return
    names = reg.queries.dashboards.names([found.spouse1_id, found.spouse2_id,
                                       *([found.officiant_id] if found.officiant_id else [])])
    console.print(f"marriage #{found.id} of {names.get(found.spouse1_id)} (#{found.spouse1_id})"
                  f" and {names.get(found.spouse2_id)} (#{found.spouse2_id}): {found.status}")
    for pid, given in sorted(found.consents.items()):
        console.print(f"  consent of #{pid} on {given}")
    if found.solemnised_on:
        console.print(f"  solemnised on {found.solemnised_on} before"
                      f" {names.get(found.officiant_id or 0)}; witnesses:"
                      f" {', '.join(found.witnesses)}; certificate {found.certificate_code}")
    if found.dissolved_on:
        console.print(f"  dissolved on {found.dissolved_on}")
    for p in petitions:
        console.print(f"  petition #{p.id} by #{p.petitioner_id} ({p.grounds}), {p.status}"
                      + (f" on {p.decided_on}: {p.reasons}" if p.decided_on else ""))


@app.command("list")
@guarded
def list_of(person: int, as_json: bool = JSON_OPT) -> None:
    """A person's marriages, notices waiting to be solemnised included."""
    found = registry().queries.marriages.of_person(person)
    if as_json:
        from troth.cli.common import plain

        emit_json(plain(found))
        return
    if not found:
        console.print(f"no marriage of #{person} on record")
    for m in found:
        when = f", solemnised {m.solemnised_on}" if m.solemnised_on else ""
        gone = f", dissolved {m.dissolved_on}" if m.dissolved_on else ""
        console.print(f"marriage #{m.id} with #{m.other(person)}: {m.status}{when}{gone}")


@app.command("petition")
@guarded
def petition(marriage: int, by: Annotated[int, typer.Option(help="The petitioning spouse.")],
             grounds: Annotated[str, typer.Option(
                 help="breakdown, mutual_wish, cruelty, desertion or other.")],
             attested_by: Attester = None,
             evidence: Annotated[str, typer.Option()] = "", on: On = None,
             as_json: bool = JSON_OPT) -> None:
    """Either spouse petitions to dissolve the marriage, in person at the office; the
    registrar decides (`troth marriage decide`). Prints the petition's id."""
    pid = registry().execute(c.PetitionDissolution(marriage, by, grounds, _day(on), evidence,
                                                   _attester(attested_by)), actor="cli")
    emit_json({"id": pid}) if as_json else console.print(f"petition #{pid} filed")


@app.command("decide")
@guarded
def decide(petition: int, grant: Annotated[bool, typer.Option("--grant/--refuse")],
           reasons: Annotated[str, typer.Option()],
           dissolve_on: Annotated[str | None, typer.Option(
               help="The day the marriage ends; default the decision's.")] = None,
           on: On = None) -> None:
    """The registrar decides a petition to dissolve, with reasons."""
    registry().execute(c.DecideDissolution(petition, grant, reasons, _day(on),
                                           parse_date(dissolve_on) if dissolve_on else None),
                       actor="cli")
    console.print(f"petition #{petition} {'granted' if grant else 'refused'}")


@app.command("verify")
@guarded
def verify(code: str, as_json: bool = JSON_OPT) -> None:
    """Check a marriage certificate's code against the registry and its ledger. Exit 1 if
    not genuine."""
    check = registry().queries.marriages.verify_certificate(code)
    if as_json:
        emit_json({"valid": check.valid, "message": check.message})
    else:
        console.print(check.message)
    if not check.valid:
        raise typer.Exit(1)
