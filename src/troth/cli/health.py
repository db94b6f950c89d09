"""`troth heats record|correct|exclude|list|share|finding` and `troth pregnancy ...`:
private records.

Every command names who acts: who records (`--by`: the Omega herself, or a physician she
has chosen), who reads (`--as`), who shares (`--as`: the Omega herself). Each use is written
to the access log with its command and the operator's account (troth.cli.office).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from troth.cli.common import JSON_OPT, LazyModule, console, emit_json, guarded, parse_date, registry
from troth.cli.office import actor, logged, owner_of

if TYPE_CHECKING:
    from troth.domain import commands as c
    from troth.domain.health import HealthFile
else:
    c = LazyModule("troth.domain.commands")

By = Annotated[int, typer.Option("--by", help="Who records: the Omega or her chosen physician.")]
pregnancy_app = typer.Typer(help="Pregnancy records (private to the Omega).",
                            no_args_is_help=True)


def register(heats: typer.Typer) -> None:
    heats.command("record")(record)
    heats.command("correct")(correct)
    heats.command("exclude")(exclude)
    heats.command("list")(list_heats)
    heats.command("share")(share)
    heats.command("finding")(finding)


@guarded
def record(person: Annotated[int, typer.Argument(help="The Omega's id.")], by: By,
           start: Annotated[str, typer.Option(help="First day, YYYY-MM-DD.")],
           end: Annotated[str | None, typer.Option(help="Last day.")] = None,
           temperature: Annotated[float | None, typer.Option(help="°C.")] = None,
           scent: Annotated[int | None, typer.Option(help="Scent intensity 0-10.")] = None,
           seeks_partner: Annotated[bool, typer.Option(help="Sought the partner's company.")]
           = False, notes: str = "", as_json: bool = JSON_OPT) -> None:
    """Record a heat. Example:  troth heats record 6 --by 6 --start 2026-08-20 --end 2026-08-24"""
    cmd = c.RecordHeat(person, by, parse_date(start), parse_date(end) if end else None,
                       temperature, scent, seeks_partner, notes)
    hid = _write("heats record", person, by, cmd)
    emit_json({"id": hid}) if as_json else console.print(hid)


@guarded
def correct(heat: int, by: By, start: Annotated[str, typer.Option()],
            end: Annotated[str | None, typer.Option()] = None, notes: str = "") -> None:
    """Correct a heat's dates: a new entry; the original stays in the history."""
    cmd = c.CorrectHeat(heat, by, parse_date(start), parse_date(end) if end else None, notes)
    _write("heats correct", owner_of(heat), by, cmd)
    console.print(f"heat #{heat} corrected")


@guarded
def exclude(heat: int, by: By, reason: Annotated[str, typer.Option()] = "",
            include: Annotated[bool, typer.Option(help="Undo an exclusion.")] = False) -> None:
    """Keep a heat out of forecasting (an illness, say), or bring it back."""
    _write("heats exclude", owner_of(heat), by, c.ExcludeHeat(heat, by, reason, not include))
    console.print(f"heat #{heat} {'included' if include else 'excluded'}")


@guarded
def list_heats(person: int, viewer: Annotated[int | None, typer.Option(
        "--as", help="Who is reading (required): the Omega herself, or a physician or"
                     " partner she shares her records with.")] = None,
        as_json: bool = JSON_OPT) -> None:
    """List a person's heats and pregnancies — only for her and those she shares with."""
    from troth.domain.health import named_reader
    from troth.registry.health import readable_file

    reader = named_reader(viewer)
    file = logged("heats list", "health.read", person,
                  lambda: readable_file(registry().queries.health, person, reader),
                  lambda: relation(registry().queries.health.file(person), reader))
    if as_json:
        emit_json({"heats": list(file.heats.values()),
                   "pregnancies": list(file.pregnancies.values())})
        return
    if not file.heats:
        console.print("No heats recorded. Record one with `troth heats record`.")
    table = Table("heat", "start", "end", "notes", "excluded")
    for h in sorted(file.heats.values(), key=lambda h: h.start):
        table.add_row(str(h.id), str(h.start), str(h.end or ""), h.notes,
                      h.exclusion_reason if h.excluded else "")
    if file.heats:
        console.print(table)
    for p in file.pregnancies.values():
        console.print(f"pregnancy #{p.id}: conception ~{p.estimated_conception}, expected"
                      f" {p.expected_birth}" + (f", ended {p.ended_on} ({p.outcome})"
                                                if p.ended_on else ""))


@guarded
def share(owner: int, with_: Annotated[int, typer.Option("--with", help="The person's id.")],
          by: Annotated[int, typer.Option("--as", help="Who shares (required): the Omega"
                                          " herself, in person at the office.")],
          role: Annotated[str, typer.Option(help="physician or partner.")] = "physician",
          revoke: bool = False) -> None:
    """The Omega shares her records with a physician or partner (or revokes the share).

    Example:  troth heats share 6 --with 12 --as 6"""
    cmd = c.ShareHealth(owner, with_, role, not revoke, by)
    logged("heats share", "health.share", owner,
           lambda: registry().execute(cmd, actor=actor()), lambda: "self")
    console.print(f"share with #{with_} {'revoked' if revoke else 'granted'}")


@guarded
def finding(person: Annotated[int, typer.Argument(help="The person it concerns.")],
            by: Annotated[int, typer.Option("--by", help="Who records: a physician she chose.")],
            on: Annotated[str, typer.Option(help="Date of the finding, YYYY-MM-DD.")],
            text: Annotated[str, typer.Option(help="The finding, in the physician's words.")],
            kind: Annotated[str, typer.Option(
                help="Empty for a plain finding; no_heats_expected (the forecast then says"
                     " none are expected); no_heats_withdrawn (withdraws that finding).")]
            = "", as_json: bool = JSON_OPT) -> None:
    """A physician she chose records a finding in her health file.

    Example:  troth heats finding 6 --by 12 --on 2026-03-01 --kind no_heats_expected
              --text "malnourished; no heats expected until she recovers"
    """
    fid = _write("heats finding", person, by,
                 c.RecordFinding(person, by, text, parse_date(on), kind))
    emit_json({"id": fid}) if as_json else console.print(fid)


@pregnancy_app.command("record")
@guarded
def pregnancy(person: int, by: By, heat: Annotated[int | None, typer.Option(
                  help="The heat it followed.")] = None,
              conception: Annotated[str | None, typer.Option(help="Estimated date.")] = None,
              as_json: bool = JSON_OPT) -> None:
    """Record a pregnancy; the expected birth follows by human gestation (266 days)."""
    pid = _write("pregnancy record", person, by, c.RecordPregnancy(
        person, by, parse_date(conception) if conception else None, heat))
    emit_json({"id": pid}) if as_json else console.print(pid)


@pregnancy_app.command("end")
@guarded
def end(pregnancy_id: int, by: By, on: Annotated[str, typer.Option()],
        outcome: Annotated[str, typer.Option(help="birth, loss or other.")],
        child: Annotated[int | None, typer.Option(help="The birth registration's id.")] = None
        ) -> None:
    """Record a pregnancy's end, linking the child's public birth registration."""
    _write("pregnancy end", owner_of(pregnancy_id), by,
           c.EndPregnancy(pregnancy_id, by, parse_date(on), outcome, child))
    console.print(f"pregnancy #{pregnancy_id} ended ({outcome})")


def relation(file: HealthFile, person: int) -> str:
    """How the person acting stands to the record, for the access log's rule."""
    return "self" if person == file.person_id else file.shares.get(person, "none")


def _write(command: str, owner: int, by: int, cmd: c.Command) -> int:
    """Execute a health write, logged as `health.write` from the command, in the ledger as
    done by the operator's account."""
    return logged(command, "health.write", owner,
                  lambda: registry().execute(cmd, actor=actor()),
                  lambda: relation(registry().queries.health.file(owner), by))
