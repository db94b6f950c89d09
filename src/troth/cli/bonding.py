"""`troth bonding ...`, `troth certificate ...`, `troth annulment ...`, `troth incident ...`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from troth.cli.common import JSON_OPT, LazyModule, console, emit_json, guarded, parse_date, registry
from troth.cli.courtship import On, day

if TYPE_CHECKING:
    from troth.domain import commands as c
else:
    c = LazyModule("troth.domain.commands")
from troth.domain.errors import InvalidInput
from troth.domain.policy import Role

bonding_app = typer.Typer(help="Bonding ceremonies and the verdict on a bonding.",
                          no_args_is_help=True)
certificate_app = typer.Typer(help="Bonding certificates.", no_args_is_help=True)
annulment_app = typer.Typer(help="Annulment petitions and decisions.", no_args_is_help=True)
incident_app = typer.Typer(help="Incidents and the welfare queue.", no_args_is_help=True)


@bonding_app.command("verdict")
@guarded
def verdict(courtship: int, on: On = None, as_json: bool = JSON_OPT) -> None:
    """May this courtship be sealed as a bond? Every finding with its reason."""
    reg = registry()
    v = reg.queries.courtships.bonding_verdict(courtship, day(on), reg.customs)
    if as_json:
        emit_json({"outcome": v.outcome, "findings": v.findings})
        return
    console.print(v.outcome)
    for f in v.findings:
        console.print(f"  - {f.reason}  ({f.rule})")


@bonding_app.command("schedule")
@guarded
def schedule(courtship: Annotated[int, typer.Option()],
             officiant: Annotated[int, typer.Option(help="The officiant's id.")],
             witness: Annotated[list[str], typer.Option(help="A witness's name (repeatable).")],
             on: Annotated[str, typer.Option("--on", help="Ceremony date.")],
             at: Annotated[str | None, typer.Option(
                 "--time", help="The time of day, HH:MM (24 hours).")] = None,
             place: Annotated[str | None, typer.Option(
                 "--place", help="Where it is held, e.g. 'Registry hall, Jakku'.")] = None,
             as_json: bool = JSON_OPT) -> None:
    """Schedule a bonding ceremony with an officiant and witnesses, at a time and place."""
    cid = registry().execute(c.ScheduleCeremony(courtship, officiant, tuple(witness),
                                                parse_date(on), at, place))
    emit_json({"id": cid}) if as_json else console.print(cid)


@bonding_app.command("seal")
@guarded
def seal(ceremony: int, officiant: Annotated[int, typer.Option()],
         household: Annotated[str, typer.Option(help="The household's address.")],
         on: On = None, as_json: bool = JSON_OPT) -> None:
    """The officiant seals the bond: both consents must be on record. Prints the bond id."""
    reg = registry()
    bond = reg.execute(c.SealBond(ceremony, officiant, household, day(on)))
    code = reg.queries.courtships.bond(bond).certificate_code
    if as_json:
        emit_json({"id": bond, "certificate_code": code})
    else:
        console.print(f"bond #{bond} sealed; certificate code {code}")


@certificate_app.command("verify")
@guarded
def verify(code: str, as_json: bool = JSON_OPT) -> None:
    """Check a certificate's code against the registry and its ledger. Exit 1 if not genuine."""
    check = registry().queries.courtships.verify_certificate(code)
    if as_json:
        emit_json({"valid": check.valid, "message": check.message})
    else:
        console.print(check.message)
    if not check.valid:
        raise typer.Exit(1)


@certificate_app.command("pdf")
@guarded
def pdf(bond: int, out: Annotated[Path, typer.Option(help="Where to write the PDF.")]) -> None:
    """Write the bonding certificate as a PDF."""
    from troth.documents.certificate import certificate_pdf

    reads = registry().queries.courtships
    code = reads.bond(bond).certificate_code
    out.write_bytes(certificate_pdf(reads.verify_certificate(code), code))
    console.print(f"certificate written to {out}")


@annulment_app.command("petition")
@guarded
def petition(bond: Annotated[int, typer.Option()], by: Annotated[int, typer.Option(
                 help="The petitioning party.")],
             grounds: Annotated[str, typer.Option(
                 help="no_heats, mutual_wish, cruelty, abandonment or other.")],
             evidence: Annotated[str, typer.Option()] = "",
             finding: Annotated[int | None, typer.Option(
                 help="A physician's finding (a health entry id) to attach.")] = None,
             finding_consent_by: Annotated[int | None, typer.Option(
                 help="The person the finding concerns, releasing it in person.")] = None,
             attested_by: Annotated[str | None, typer.Option(
                 help="The registrar's account attesting her release at the office.")] = None,
             on: On = None, as_json: bool = JSON_OPT) -> None:
    """Either party petitions to annul a bond, with grounds and evidence. A finding is
    attached only if the person it concerns releases it here, in person, with the registrar
    attesting it (--finding-consent-by, --attested-by)."""
    attester = _attester(finding, attested_by)
    pid = registry().execute(c.PetitionAnnulment(bond, by, grounds, evidence, day(on), finding,
                                                 finding_consent_by, attester), actor="cli")
    emit_json({"id": pid}) if as_json else console.print(pid)


@annulment_app.command("release")
@guarded
def release(petition: Annotated[int, typer.Option()],
            finding: Annotated[int, typer.Option(help="Her physician's finding.")],
            by: Annotated[int, typer.Option(help="The person it concerns, present.")],
            attested_by: Annotated[str, typer.Option(
                help="The registrar's account attesting it at the office.")],
            withdraw: Annotated[bool, typer.Option(help="Withdraw the release.")] = False
            ) -> None:
    """She releases her finding for one petition, in person at the office (or withdraws the
    release, until the decision); recorded as attested by the registrar named."""
    attester = _attester(finding, attested_by)
    registry().execute(c.ReleaseFinding(petition, finding, by, not withdraw, attester),
                       actor="cli")
    console.print(f"finding #{finding} {'withdrawn from' if withdraw else 'released for'}"
                  f" petition #{petition}")


def _attester(finding: int | None, username: str | None) -> int | None:
    """The registrar's account attesting an act in person (the CLI is the office console:
    no one is signed in as herself here)."""
    if finding is None:
        return None
    if not username:
        raise InvalidInput("a finding is released here only in person, attested by the"
                           " registrar: give --attested-by", rule="release_by_herself")
    reg = registry()
    aid = reg.queries.accounts.account_id(username)
    if Role.REGISTRAR not in {r for r, _ in reg.queries.accounts.roles_of(aid)}:
        raise InvalidInput(f"'{username}' does not hold the registrar role",
                           rule="attested_by_registrar")
    return aid


@annulment_app.command("decide")
@guarded
def decide(petition: int, grant: Annotated[bool, typer.Option("--grant/--refuse")],
           reasons: Annotated[str, typer.Option()],
           dissolve_on: Annotated[str | None, typer.Option()] = None, on: On = None) -> None:
    """The registrar decides a petition, with reasons."""
    registry().execute(c.DecideAnnulment(petition, grant, reasons, day(on),
                                         parse_date(dissolve_on) if dissolve_on else None))
    console.print(f"petition #{petition} {'granted' if grant else 'refused'}")


@incident_app.command("report")
@guarded
def report(kind: Annotated[str, typer.Option(
               help="contact_breach, assault, force_against_ward, payment_demand, neglect,"
                    " threat (against the ward or her family), other.")],
           by: Annotated[int, typer.Option(help="Who reports.")],
           description: Annotated[str, typer.Option()],
           about: Annotated[int | None, typer.Option(help="Whom it concerns.")] = None,
           visit: Annotated[int | None, typer.Option()] = None,
           guardianship: Annotated[int | None, typer.Option()] = None,
           on: On = None, as_json: bool = JSON_OPT) -> None:
    """Report an incident. Force, payment demands and neglect open a guardianship review (a
    ward's own report need not name the guardianship); a waiver granted after a reported
    threat is flagged on the courtship's verdict."""
    iid = registry().execute(c.ReportIncident(kind, by, day(on), description, about, visit,
                                              guardianship))
    emit_json({"id": iid}) if as_json else console.print(iid)


@incident_app.command("close")
@guarded
def close(incident: int, outcome: Annotated[str, typer.Option()], on: On = None) -> None:
    """Close an incident with its outcome (a welfare review is decided instead)."""
    registry().execute(c.CloseIncident(incident, outcome, day(on)))
    console.print(f"incident #{incident} closed")


@incident_app.command("decide")
@guarded
def decide_review(incident: int,
                  outcome: Annotated[str, typer.Option(help="kept, transferred or revoked.")],
                  reasons: Annotated[str, typer.Option(help="Why; recorded.")],
                  by: Annotated[int, typer.Option(help="The registrar deciding (a person).")],
                  to: Annotated[int | None, typer.Option(
                      "--to", help="For a transfer: the new guardian.")] = None,
                  court: Annotated[str, typer.Option(help="For a transfer: the court.")] = "",
                  order: Annotated[str, typer.Option(help="For a transfer: the order.")] = "",
                  on: On = None) -> None:
    """Decide a welfare review: the guardian kept (with reasons), or the guardianship
    transferred or revoked. The incident leaves the queue.

    Example:  troth incident decide 3 --outcome transferred --reasons "the ward's petition"
              --by 12 --to 9 --court "Jakku Family Court" --order JFC-2026-402
    """
    registry().execute(c.DecideWelfareReview(incident, outcome, reasons, by, day(on), to,
                                             court, order))
    console.print(f"review of incident #{incident} decided: {outcome}")


@incident_app.command("queue")
@guarded
def queue(as_json: bool = JSON_OPT) -> None:
    """The welfare queue: open incidents, oldest first."""
    items = registry().queries.courtships.welfare_queue()
    if as_json:
        emit_json(items)
        return
    if not items:
        console.print("The welfare queue is empty.")
        return
    table = Table("incident", "kind", "on", "about", "review", "description")
    for i in items:
        table.add_row(str(i["id"]), i["kind"], str(i["on"]), f"#{i['about_id'] or '-'}",
                      "yes" if i["opens_review"] else "", i["description"])
    console.print(table)
