"""`troth courtship ...` and `troth visit ...`."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from troth.cli.common import JSON_OPT, LazyModule, console, emit_json, guarded, parse_date, registry

if TYPE_CHECKING:
    from troth.domain import commands as c
else:
    c = LazyModule("troth.domain.commands")
from troth.domain.errors import TrothError

app = typer.Typer(help="Courtships: introductions, consents, waivers, endings.",
                  no_args_is_help=True)
visit_app = typer.Typer(help="Visits: schedule, then record as held, missed or cancelled.",
                        no_args_is_help=True)

On = Annotated[str | None, typer.Option("--on", help="Date, YYYY-MM-DD; default today.")]


def day(on: str | None) -> date:
    return parse_date(on) if on else registry().clock.today()


def when(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise TrothError(f"'{text}' is not a date and time like 2026-03-07T18:00",
                         rule="datetime_format") from None


@app.command("propose")
@guarded
def propose(alpha: Annotated[int, typer.Option(help="The Alpha's id.")],
            omega: Annotated[int, typer.Option(help="The Omega's id.")],
            sponsor: Annotated[int | None, typer.Option(help="The sponsor's id.")] = None,
            note: str = "", on: On = None, as_json: bool = JSON_OPT) -> None:
    """Propose an introduction. It waits for the Omega's own consent.

    Example:  troth courtship propose --alpha 4 --omega 6 --sponsor 1
    """
    cid = registry().execute(c.ProposeIntroduction(alpha, omega, sponsor, day(on), note))
    emit_json({"id": cid}) if as_json else console.print(cid)


@app.command("consent")
@guarded
def consent(courtship: Annotated[int, typer.Argument(help="The courtship's id.")],
            person: Annotated[int, typer.Option(help="The party consenting (their own id).")],
            decline: Annotated[bool, typer.Option(help="Record a refusal instead.")] = False,
            stage: Annotated[str, typer.Option(help="courtship or bonding.")] = "courtship",
            on: On = None) -> None:
    """Record a party's own consent (or refusal). A guardian's never stands in for it.

    Example:  troth courtship consent 1 --person 6 --stage bonding
    """
    registry().execute(c.RecordConsent(courtship, person, not decline, day(on), stage))
    console.print(f"{'refusal' if decline else 'consent'} recorded")


@app.command("acknowledge")
@guarded
def acknowledge(courtship: int, guardian: Annotated[int, typer.Option()], on: On = None) -> None:
    """The guardian acknowledges being notified (not a consent)."""
    registry().execute(c.AcknowledgeAsGuardian(courtship, guardian, day(on)))
    console.print("acknowledged")


@app.command("end")
@guarded
def end(courtship: int, by: Annotated[int, typer.Option(help="The party ending it.")],
        reason: str = "", on: On = None) -> None:
    """Either party may end a courtship at any time, with or without a reason."""
    registry().execute(c.EndCourtship(courtship, by, day(on), reason))
    console.print(f"courtship #{courtship} ended")


@app.command("waive")
@guarded
def waive(courtship: int,
          custom: Annotated[str, typer.Option(help="The custom, e.g. min_visits_before_bonding.")],
          by: Annotated[str, typer.Option(help="registrar or families.")],
          reason: Annotated[str, typer.Option(help="Why; recorded.")], on: On = None,
          grantor: Annotated[list[str] | None, typer.Option(
              help="A person who grants it, ID or ID:RELATION (e.g. 4:the Alpha's mother;"
                   " the relation of a party, the sponsor or the guardian is read from the"
                   " record). Repeatable.")] = None) -> None:
    """Record a waiver of a custom, with who grants it. Safeguards are never waived.

    Example:  troth courtship waive 1 --custom min_visits_before_bonding --by families
              --reason "both families agree" --grantor "4:the Alpha's mother" --grantor 5
    """
    ids, relations = _grantors(grantor or [])
    registry().execute(c.GrantWaiver(courtship, custom, by, reason, day(on), ids, relations))
    console.print(f"custom '{custom}' waived for courtship #{courtship}")


def _grantors(items: list[str]) -> tuple[tuple[int, ...], tuple[str, ...]]:
    ids: list[int] = []
    relations: list[str] = []
    for item in items:
        head, _, rel = item.partition(":")
        if not head.strip().isdigit():
            raise TrothError(f"'{item}' is not ID or ID:RELATION", rule="waiver_grantor")
        ids.append(int(head))
        relations.append(rel.strip())
    return tuple(ids), tuple(relations)


@app.command("show")
@guarded
def show(courtship: int, as_json: bool = JSON_OPT) -> None:
    """A courtship with its consents, Visits, waivers, and the verdict on bonding."""
    reg = registry()
    court = reg.queries.courtships.courtship(courtship)
    verdict = reg.queries.courtships.bonding_verdict(courtship, reg.clock.today(), reg.customs)
    if as_json:
        emit_json({"courtship": court, "verdict": {"outcome": verdict.outcome,
                                                   "findings": verdict.findings}})
        return
    console.print(f"courtship #{court.id}: Alpha #{court.alpha_id}, Omega"
                  f" #{court.omega_id} — {court.status}")
    for k in court.consents:
        console.print(f"  {k.on}  #{k.person_id} {'consented to' if k.given else 'declined'}"
                      f" the {k.stage}")
    table = Table("visit", "kind", "when", "place", "status", "counted", "flag")
    for v in court.visits:
        table.add_row(str(v.id), v.kind.value, v.starts_at.isoformat(" ", "minutes"), v.place,
                      v.status.value, "yes" if v.counted else "no", v.flag)
    if court.visits:
        console.print(table)
    for w in court.waivers:
        console.print(f"  waiver: {w.custom} by the {w.granted_by} — {w.reason}")
    if court.status.value in ("bonded", "ended", "declined"):
        console.print(f"this courtship is {court.status.value}; no bonding verdict applies")
        return
    console.print(f"bonding verdict: {verdict.outcome}")
    for f in verdict.findings:
        console.print(f"  - {f.reason}  ({f.rule})")


@visit_app.command("schedule")
@guarded
def schedule(courtship: Annotated[int, typer.Option(help="The courtship's id.")],
             kind: Annotated[str, typer.Option(
                 help="introduction, dinner, tea, walk, film, outing.")],
             at: Annotated[str, typer.Option(help="Start, e.g. 2026-03-07T18:00.")],
             place: Annotated[str, typer.Option(help="Where.")],
             handler: Annotated[list[int], typer.Option(help="A handler's id (repeatable).")] = [],  # noqa: B006
             elsewhere: Annotated[bool, typer.Option(
                 help="Not at the Omega's residence.")] = False,
             as_json: bool = JSON_OPT) -> None:
    """Schedule a Visit with its handlers. Prints its id; a custom it departs from (too few
    handlers) is said at once, on stderr.

    Example:  troth visit schedule --courtship 1 --kind dinner --at 2026-03-14T19:00
              --place "Plutt's Yard" --handler 9 --handler 10
    """
    from troth.cli.common import err_console
    from troth.domain.courtship import visit_notes

    reg = registry()
    vid = reg.execute(c.ScheduleVisit(courtship, kind, when(at), place, not elsewhere,
                                      tuple(handler)))
    notes = [f for v in reg.queries.courtships.courtship(courtship).visits if v.id == vid
             for f in visit_notes(v, reg.customs)]
    if as_json:
        emit_json({"id": vid, "notes": notes})
        return
    console.print(vid)
    for f in notes:  # said at once, on stderr, so that stdout stays the Visit's id
        err_console.print(f"note: {f.reason}  ({f.rule})", highlight=False, markup=False)


@visit_app.command("held")
@guarded
def held(visit: int,
         handler: Annotated[list[int], typer.Option(help="A handler present (repeatable).")] = [],  # noqa: B006
         note: str = "") -> None:
    """Record a Visit as held, with the handlers who were present."""
    registry().execute(c.RecordVisitHeld(visit, tuple(handler), True, note))
    console.print(f"Visit #{visit} recorded as held")


@visit_app.command("missed")
@guarded
def missed(visit: int, reason: Annotated[str, typer.Option(help="absent, late or unwilling.")],
           note: str = "") -> None:
    """Record that a Visit did not take place. It is not held against the Omega."""
    registry().execute(c.RecordVisitMissed(visit, reason, note))
    console.print(f"Visit #{visit} recorded as missed ({reason})")


@visit_app.command("cancel")
@guarded
def cancel(visit: int, reason: Annotated[str, typer.Option()]) -> None:
    """Cancel a scheduled Visit."""
    registry().execute(c.CancelVisit(visit, reason))
    console.print(f"Visit #{visit} cancelled")
