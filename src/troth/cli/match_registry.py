"""`troth match` on the registry's records: opt-in, candidates and the city run.

`match.py` keeps the commands; this module does their registry side (reads, the bulk write
of proposed introductions, the summary lines they add).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import typer

from troth.cli.common import console, emit_json, guarded, parse_date_opt, registry

if TYPE_CHECKING:
    from troth.match.candidates import Candidate, Filters
    from troth.registry.matchmaking import RegistryRun


def today() -> date:
    return registry().clock.today()


@guarded
def opt_in_cmd(
    person: int = typer.Argument(..., help="Id of the person making the choice."),
    out: bool = typer.Option(False, "--out", help="Opt out instead (always allowed)."),
    on: str | None = typer.Option(None, "--on", help="From this date (YYYY-MM-DD); default today."),
) -> None:
    """Record a person's own choice to take part in matchmaking (or, with --out, to stop).

    Only a living adult Alpha or Omega with a scent on record can opt in. Opting in proposes
    nothing by itself; `troth match city` then includes them, and every introduction it
    proposes still awaits the Omega's own consent.

    Examples:

      troth match opt-in 17

      troth match opt-in 17 --out --on 2026-12-01
    """
    from troth.domain.matchmaking import SetMatchmakingOptIn

    reg = registry()
    day = parse_date_opt(on, "--on") or reg.clock.today()
    reg.execute(SetMatchmakingOptIn(person, not out, day), actor="cli")
    console.print(f"#{person} opted {'out of' if out else 'in to'} matchmaking from {day}")


@guarded
def candidates(person: int, top: int, filters: Filters, rate: float | None) -> list[Candidate]:
    from troth.registry.candidate_search import candidates_in_registry

    return candidates_in_registry(registry(), person, top, filters, rate)


@guarded
def city(on: date | None, proposers: str, k: int, method: str, rate: float | None,
         dry_run: bool, progress: Any, runner: Any, recall_sample: int,
         include_courting: bool, stated: Any = None) -> RegistryRun:
    from troth.domain.people import Designation
    from troth.registry.matchmaking import match_registry

    reg = registry()
    return match_registry(reg, on or reg.clock.today(), proposers=Designation(proposers), k=k,
                          method=method, rate=rate, dry_run=dry_run, progress=progress,
                          runner=runner, recall_sample=recall_sample,
                          include_courting=include_courting, stated=stated)


def run_summary(run: RegistryRun) -> dict[str, Any]:
    """What the registry run adds to the engine's summary."""
    src, written = run.source, run.written
    return {
        "on": src.on.isoformat(),
        "registry": {
            "alphas_and_omegas": len(src.population),
            "opted_in": int(src.population.opted_in.sum()),
            "left_out_already_courting": run.courting_left_out,
            "left_out_without_scent": src.without_scent,
            "left_out_other_signature_length": src.other_dims,
            "pairs_excluded": {str(r): int((run.excluded.reasons == r).sum())
                               for r in sorted(set(run.excluded.reasons.tolist()))},
        },
        "written": None if written is None else {
            "batch": written.batch,
            "introductions_proposed": len(written.courtship_ids),
            "first_courtship_id": min(written.courtship_ids, default=None),
            "last_courtship_id": max(written.courtship_ids, default=None),
            "refused_by_rule": dict(sorted(written.refused.items())),
            "status": "proposed, awaiting each Omega's consent",
        },
    }


def print_summary(extra: dict[str, Any], as_json: bool) -> None:
    if as_json:
        emit_json(extra)
        return
    reg = extra["registry"]
    console.print(f"registry on {extra['on']}: {reg['alphas_and_omegas']:,} Alphas and Omegas,"
                  f" {reg['opted_in']:,} opted in; left out:"
                  f" {reg['left_out_already_courting']:,} already courting,"
                  f" {reg['left_out_without_scent']}"
                  f" without a scent, {reg['left_out_other_signature_length']} with another"
                  f" signature length; pairs never proposed: {reg['pairs_excluded'] or 'none'}")
    w = extra["written"]
    if w is None:
        console.print("dry run: nothing written to the registry")
        return
    refused = ", ".join(f"{n} {rule}" for rule, n in w["refused_by_rule"].items()) or "none"
    span = (f" (courtships #{w['first_courtship_id']}..#{w['last_courtship_id']})"
            if w["introductions_proposed"] else "")
    console.print(f"{w['batch']}: {w['introductions_proposed']:,} introductions proposed"
                  f"{span}, each awaiting the Omega's consent; refused by rule: {refused}")
