"""Matchmaking on the registry's own records.

Reads the registry's Alphas and Omegas on a date (``registry.queries.match``),
strikes the pairs that must never be proposed (a live courtship between them, a refusal by
either), runs the engine (:func:`troth.match.city.match_city`, candidate search), and writes
a city matching as ordinary ``ProposeIntroduction`` commands in one transaction
(``Registry.bulk``): each is judged by the same rules as a sponsor's proposal, and each
courtship it opens is "proposed", awaiting the Omega's own consent. Refused proposals are
rolled back one by one and counted by rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np

from troth.domain.commands import ProposeIntroduction
from troth.domain.errors import TrothError
from troth.domain.people import Designation
from troth.match.city import CityResult, introductions, match_city
from troth.match.population import ExcludedPairs, RegistryPopulation
from troth.match.stated import StatedPreferences, set_aside
from troth.match.topk import TopKSettings
from troth.registry.queries import MatchQueries
from troth.registry.service import Registry

__all__ = ["RegistryRun", "Written", "match_registry", "propose_in_registry"]

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Written:
    batch: str
    courtship_ids: list[int] = field(default_factory=list)
    refused: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class RegistryRun:
    result: CityResult
    source: RegistryPopulation
    excluded: ExcludedPairs
    written: Written | None  # None on a dry run
    courting_left_out: int = 0  # opted in, but already in a live courtship


def reads(registry: Registry) -> MatchQueries:
    return registry.queries.match


def match_registry(registry: Registry, on: date, *, proposers: Designation = Designation.ALPHA,
                   k: int = 50, method: str = "auto", rate: float | None = None,
                   dry_run: bool = False, progress: Progress | None = None,
                   runner: Any = None, recall_sample: int = 200,
                   include_courting: bool = False,
                   stated: StatedPreferences | None = None) -> RegistryRun:
    """Stable matching of the registry's opted-in, unbonded adult Alphas and Omegas on
    ``on``; unless ``dry_run``, each pair is proposed as an introduction.

    People already in a live (proposed or open) courtship are left out unless
    ``include_courting``, so a second run does not pile a new proposal on a pending one;
    stated preferences naming them are skipped and counted as ``already_courting``.
    """
    if not dry_run and on > registry.clock.today():
        raise TrothError(f"{on} is after today ({registry.clock.today()}); introductions are"
                         " proposed on or before today (use --dry-run to look ahead)",
                         rule="date_in_future")
    source = reads(registry).population(on)
    excluded = reads(registry).excluded_pairs()
    pop, busy = source.population, 0
    set_off: dict[str, int] = {}
    if not include_courting:
        courting = np.isin(pop.ids, reads(registry).courting()) & pop.opted_in
        busy = int(courting.sum())
        if stated is not None:
            stated, set_off = set_aside(stated, pop, courting, "already_courting")
        pop = replace(pop, opted_in=pop.opted_in & ~courting)
    settings = TopKSettings(k=k, method=method,  # type: ignore[arg-type]
                            rate=registry.customs.true_match_rate if rate is None else rate)
    result = match_city(pop, proposers=proposers, on=on, settings=settings,
                        age_of_majority=registry.customs.age_of_majority,
                        recall_sample=recall_sample, progress=progress, runner=runner,
                        exclude=(excluded.alpha_ids, excluded.omega_ids), stated=stated)
    if result.stated is not None and set_off:
        skipped = {**result.stated.skipped, **set_off}
        result = replace(result, stated=replace(result.stated, skipped=skipped))
    written = None if dry_run else propose_in_registry(registry, result, on, progress)
    return RegistryRun(result, source, excluded, written, busy)


def _note(batch: str, result: CityResult, row: int, columns: dict[str, Any]) -> str:
    return (f"matchmaking {batch}: stable matching, {result.proposers.value}s proposing,"
            f" top {result.k}; ranks {columns['alpha_rank'][row]} (alpha) and"
            f" {columns['omega_rank'][row]} (omega); mutual compatibility"
            f" {columns['mutual_compatibility'][row]:.3f}{_stated_note(columns, row)}")


def _stated_note(columns: dict[str, Any], row: int) -> str:
    who = str(columns["stated_by"][row])
    return "" if not who else f"; stated preference of {'both' if who == 'both' else 'the ' + who}"


def propose_in_registry(registry: Registry, result: CityResult, on: date,
                        progress: Progress | None = None) -> Written:
    """One ProposeIntroduction per pair (sponsor: none, the registry's matchmaking), all
    in one transaction; refusals are rolled back individually and counted by rule."""
    columns = introductions(result)
    batch = f"batch {on.isoformat()}#{registry.queries.people.checkpoint().count + 1}"
    written = Written(batch)
    total = len(columns["alpha_id"])
    with registry.bulk(actor="matchmaking") as bulk:
        for row in range(total):
            cmd = ProposeIntroduction(int(columns["alpha_id"][row]),
                                      int(columns["omega_id"][row]), None, on,
                                      _note(batch, result, row, columns))
            try:
                written.courtship_ids.append(bulk.execute(cmd))
            except TrothError as exc:
                written.refused[exc.rule or type(exc).__name__] += 1
            if progress is not None:
                progress("proposing introductions", 1, total)
        bulk.commit()
    return written
