"""`troth match`: candidate search and stable matching for a whole city.

`candidates` and `city` read the registry's own records by default (living, presented
Alphas and Omegas with a scent; `troth match opt-in` records who takes part) and `city`
writes proposed introductions that await each Omega's consent. With --population they read
a population file instead (Parquet: id, designation, born, district, gives, draws,
opted_in[, bonded]; `troth match generate` writes one) and `city` writes a Parquet file.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from troth.cli.match_summary import report

# troth.match.compat.DEFAULT_TRUE_MATCH_RATE, written out so that `troth --help` need not
# import NumPy; tests/cli/test_startup.py checks that the two agree.
DEFAULT_TRUE_MATCH_RATE = 1e-4

app = typer.Typer(
    help="Matchmaking: scent compatibility, candidate search and stable matching.",
    no_args_is_help=True,
)
console = Console(emoji=False)  # a name with ":smile:" in it is printed as written
err_console = Console(stderr=True, emoji=False)


class Side(StrEnum):
    alpha = "alpha"
    omega = "omega"


class MethodChoice(StrEnum):
    auto = "auto"
    exact = "exact"
    scan = "scan"
    hnsw = "hnsw"


POP_OPT = typer.Option(..., "--population", "-p", help="Population Parquet file.")
POP_OR_REGISTRY = typer.Option(
    None, "--population", "-p", help="Population Parquet file (default: the registry)."
)
REGISTRY_OPT = typer.Option(
    False, "--registry", help="Use the registry's records (the default without --population)."
)
ON_OPT = typer.Option(None, "--on", help="Ages as of this date (YYYY-MM-DD). Default: today.")
RATE_OPT = typer.Option(
    DEFAULT_TRUE_MATCH_RATE, "--true-match-rate", help="Share of pairs that are true matches."
)
RATE_OR_CUSTOMS = typer.Option(
    None, "--true-match-rate",
    help=f"Share of pairs that are true matches (default: the customs', else"
    f" {DEFAULT_TRUE_MATCH_RATE}).",
)  # fmt: skip
JSON_OPT = typer.Option(False, "--json", help="Print JSON instead of tables.")
PREFS_OPT = typer.Option(
    None,
    "--preferences",
    help="Stated preferences, CSV or Parquet: person_id, preferred_id, rank (1 = most"
    " preferred); placed ahead of the computed lists.",
)


def _fail(message: str) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(2)


@contextmanager
def _guard() -> Iterator[None]:
    try:
        yield
    except (ValueError, OSError) as exc:
        raise _fail(str(exc)) from None
    except KeyError as exc:
        raise _fail(f"no person with id {exc.args[0]} in the population") from None


def _registry_day(text: str | None) -> date:
    if text:
        return _day(text)
    from troth.cli import match_registry

    return match_registry.today()


def _day(text: str | None) -> date:
    try:
        return date.fromisoformat(text) if text else date.today()
    except ValueError:
        raise _fail(f"date '{text}' is not in the form YYYY-MM-DD") from None


def _source(population: Path | None, use_registry: bool) -> Path | None:
    """The population file, or None for the registry (the default)."""
    if population is not None and use_registry:
        raise _fail("give either --population FILE or --registry, not both")
    return population


def _load(path: Path) -> Any:
    from troth.match.population import read_population

    if not path.exists():
        raise _fail(f"population file {path} does not exist")
    with _guard():
        return read_population(path)


@app.command("generate")
def generate_cmd(
    out: Path = typer.Option(..., "--out", "-o", help="Parquet file to write."),
    alphas: int = typer.Option(5000, "--alphas", min=0, help="Number of Alphas."),
    omegas: int = typer.Option(5000, "--omegas", min=0, help="Number of Omegas."),
    betas: int = typer.Option(0, "--betas", min=0, help="Number of Betas."),
    dims: int = typer.Option(16, "--dims", min=2, max=64, help="Numbers per signature."),
    districts: int = typer.Option(12, "--districts", min=1, help="Number of districts."),
    seed: int = typer.Option(0, "--seed", help="Random seed (same seed, same file)."),
) -> None:
    """Write a synthetic population (isotropic scent signatures, ages 14-70, 85% opted in).

    Example:  troth match generate --alphas 20000 --omegas 20000 --out people.parquet
    """
    from troth.match.population import generate, write_population

    with _guard():
        pop = generate(alphas, omegas, betas, dims=dims, districts=districts, seed=seed)
        write_population(pop, out)
    console.print(f"wrote {len(pop):,} people to {out}")


def _index(path: Path, pop: Any, rate: float, rebuild: bool = False) -> Any:
    from troth.match.candidates import CandidateIndex

    folder = path.with_name(path.name + ".index")
    found = None if rebuild else CandidateIndex.load(pop, folder, path, rate)
    if found is not None:
        return found
    from troth.match.topk import TopKSettings

    with console.status("building the candidate index") as status:
        index = CandidateIndex.build(
            pop,
            TopKSettings(rate=rate),
            on_side=lambda d: status.update(f"building the candidate index: {d}s"),
        )
        index.save(folder, path)
    return index


@app.command("index")
def index_cmd(population: Path = POP_OPT, rate: float = RATE_OPT) -> None:
    """Build (or rebuild) the candidate-search index saved beside the population file.

    `troth match candidates` builds it on first use too; this only does it ahead of time.

    Example:  troth match index --population people.parquet
    """
    pop = _load(population)
    with _guard():
        _index(population, pop, rate, rebuild=True)
    console.print(f"index saved in {population.name}.index/")


@app.command("candidates")
def candidates_cmd(
    person: int = typer.Argument(..., help="Id of the person searching (an Alpha or Omega)."),
    population: Path | None = POP_OR_REGISTRY,
    use_registry: bool = REGISTRY_OPT,
    top: int = typer.Option(20, "--top", min=1, max=1000, help="How many candidates."),
    min_age: int | None = typer.Option(None, "--min-age", help="Youngest age to list."),
    max_age: int | None = typer.Option(None, "--max-age", help="Oldest age to list."),
    district: list[str] = typer.Option([], "--district", help="Only these districts."),
    exclude: list[int] = typer.Option([], "--exclude", help="Ids to leave out (declined ...)."),
    opted_in_only: bool = typer.Option(False, "--opted-in-only", help="Only opted-in people."),
    on: str | None = ON_OPT,
    rate: float | None = RATE_OR_CUSTOMS,
    json_out: bool = JSON_OPT,
) -> None:
    """List the most compatible eligible people for PERSON, from an index (not a scan).

    Eligible: the other designation of the pair, adult, unbonded, within the filters; in
    the registry also living, with a scent, and neither in a live courtship with PERSON nor
    declined by or having declined PERSON. Ranked by mutual compatibility; "drawn to" and
    "drawn back" are the two directions.

    Examples:

      troth match candidates 17 --top 20              # the registry's records

      troth match candidates 17 --population people.parquet --top 20

      troth match candidates 17 -p people.parquet --min-age 20 --max-age 30 --district D03

      troth match candidates 17 -p people.parquet --exclude 4410 --json
    """
    from troth.match.candidates import Filters

    path = _source(population, use_registry)
    filters = Filters(
        on=_registry_day(on) if path is None else _day(on), min_age=min_age, max_age=max_age,
        districts=tuple(district), exclude_ids=tuple(exclude), opted_in_only=opted_in_only,
    )  # fmt: skip
    if path is None:
        from troth.cli import match_registry

        with _guard():
            found = match_registry.candidates(person, top, filters, rate)
    else:
        pop = _load(path)
        with _guard():
            if person not in set(pop.ids[pop.ids == person].tolist()):
                raise KeyError(person)
            found = _index(path, pop, rate or DEFAULT_TRUE_MATCH_RATE).search(person, top, filters)
    if json_out:
        sys.stdout.write(json.dumps([asdict(c) for c in found], indent=2) + "\n")
        return
    table = Table(title=f"Candidates for {person}")
    for col in ("#", "id", "age", "district", "compatibility", "drawn to", "drawn back", "true"):
        table.add_column(col, justify="right" if col not in ("district", "true") else "left")
    for i, c in enumerate(found, 1):
        table.add_row(str(i), str(c.id), str(c.age), c.district, f"{c.compatibility:.3f}",
                      f"{c.attraction_to:.3f}", f"{c.attraction_from:.3f}",
                      "yes" if c.true_match else "")  # fmt: skip
    console.print(table if found else "no eligible candidates match these filters")


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str, int, int], None]]:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    bars = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, disable=not enabled,
    )  # fmt: skip
    tasks: dict[str, Any] = {}

    def update(stage: str, advance: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=total)
        bars.advance(tasks[stage], advance)

    with bars:
        yield update


@app.command("city")
def city_cmd(
    population: Path | None = POP_OR_REGISTRY,
    use_registry: bool = REGISTRY_OPT,
    proposers: Side = typer.Option(
        Side.alpha, "--proposers", "--proposer", help="Which side proposes."
    ),
    top_k: int = typer.Option(50, "--top-k", min=1, max=1000, help="Candidates per person."),
    method: MethodChoice = typer.Option(
        MethodChoice.auto,
        "--method",
        help="Top-k lists: exact (certified; auto up to 1e8 pairs), scan (4-bit codes of "
        "everyone, best re-ranked exactly; auto above) or hnsw (graph index).",
    ),
    ray: str | None = typer.Option(None, "--ray", help="Ray cluster ADDRESS, 'auto' or 'local'."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Compute and report; write nothing."),
    out: Path = typer.Option(
        Path("introductions.parquet"), "--out", help="With --population: the Parquet file to write."
    ),
    on: str | None = ON_OPT,
    rate: float | None = RATE_OR_CUSTOMS,
    recall_sample: int = typer.Option(200, "--recall-sample", help="Rows checked for recall."),
    include_courting: bool = typer.Option(
        False, "--include-courting", help="Registry: keep people already in a live courtship."
    ),
    preferences: Path | None = PREFS_OPT,
    json_out: bool = JSON_OPT,
) -> None:
    """Match every adult, unbonded, opted-in Alpha and Omega (stable matching, Gale–Shapley).

    Each person lists their --top-k most compatible people on the other side.

    Each orders that list by their own attraction; the proposing side gets its best
    stable outcome. Each pair is a proposed introduction awaiting the Omega's consent.

    With --preferences, a person's stated people come first in their list, in their order,
    then the computed ones. A stated preference makes the pair acceptable from that side
    only: the pair is matched only if the other person lists them too. Rows naming someone
    not taking part (bonded, under age, not opted in) are skipped and counted.

    On the registry (the default) it takes those who opted in (`troth match opt-in`),
    leaves out people already in a live courtship (unless --include-courting), never
    pairs two people with a refusal between them, and records each pair as
    a ProposeIntroduction (no sponsor: the registry's matchmaking; the note names the
    batch), all in one transaction; refusals are counted by rule.

    Examples:

      troth match city --dry-run                      # the registry; nothing written

      troth match city --proposer omega --top-k 30    # the registry; introductions proposed

      troth match city --population people.parquet --dry-run

      troth match city -p people.parquet --proposers omega --top-k 30 --out intros.parquet

      troth match city -p people.parquet --ray auto --json

      troth match city -p people.parquet --preferences stated.csv --dry-run
    """
    from troth.domain.people import Designation
    from troth.match.city import match_city
    from troth.match.report import write_introductions
    from troth.match.topk import TopKSettings

    path = _source(population, use_registry)
    stated = _stated(preferences)
    runner = None
    if ray is not None:
        from troth.match.distributed import ray_runner

        with _guard():
            runner = ray_runner(ray)
    if path is None:
        from troth.cli import match_registry

        day = _day(on) if on else None
        with _guard(), _progress(not json_out) as progress:
            run = match_registry.city(
                day, proposers.value, top_k, method.value, rate, dry_run, progress, runner,
                recall_sample, include_courting, stated,
            )  # fmt: skip
        extra = match_registry.run_summary(run)
        where = None if dry_run else "the registry as proposed courtships"
        report(run.result, json_out, where, extra)
        if not json_out:
            match_registry.print_summary(extra, False)
        return
    pop = _load(path)
    settings = TopKSettings(k=top_k, method=method.value, rate=rate or DEFAULT_TRUE_MATCH_RATE)
    with _guard():
        with _progress(not json_out) as progress:
            result = match_city(
                pop, proposers=Designation(proposers.value), on=_day(on), settings=settings,
                recall_sample=recall_sample, progress=progress, runner=runner, stated=stated,
            )  # fmt: skip
        if not dry_run:
            write_introductions(result, out)
    report(result, json_out, None if dry_run else str(out))


def _stated(path: Path | None) -> Any:
    if path is None:
        return None
    from troth.match.stated import read_stated

    with _guard():
        return read_stated(path)


def _attach_registry_commands() -> None:
    from troth.cli import match_registry

    app.command("opt-in")(match_registry.opt_in_cmd)


_attach_registry_commands()
