"""`troth sim`: simulate a society's history and write its event log as Parquet;
`troth sim import`: load such a history into the registry through its own rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from troth.domain.errors import TrothError

if TYPE_CHECKING:
    from troth.registry.service import Registry
    from troth.sim.importer import Importer, ImportReport

app = typer.Typer(no_args_is_help=False)
console = Console(emoji=False)
err = Console(stderr=True, soft_wrap=True, emoji=False)


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    return typer.Exit(2)


@app.callback(invoke_without_command=True)
def sim(
    ctx: typer.Context,
    people: int = typer.Option(10_000, "--people", "-n", min=1,
                               help="Founding population (all ages, stationary profile)."),
    years: float = typer.Option(10.0, "--years", "-y", min=0.01, help="Years to simulate."),
    seed: int = typer.Option(7, "--seed", "-s", min=0, help="Same seed, same bytes."),
    out: Path = typer.Option(Path("town"), "--out", "-o", help="Folder for the event log."),
    scenario: Path | None = typer.Option(None, "--scenario",
                                         help="TOML file of scenario keys to change."),
    workers: int = typer.Option(1, "--workers", "-w", min=1,
                                help="Processes to run the districts in."),
    ray: str | None = typer.Option(None, "--ray",
                                   help="Run districts on Ray: a cluster address, or 'auto'."),
    overwrite: bool = typer.Option(False, "--overwrite",
                                   help="Replace an earlier simulation in --out."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Simulate a town day by day (births, presentations, guardianships, courtships,
    bonds, heats, pregnancies, annulments, deaths) and write its event log to --out.

    Output: OUT/events/<kind>/district-NNN.parquet (one file per event kind and district)
    and OUT/manifest.json (counts, SHA-256 of every file, a fingerprint, the scenario).
    The same seed and scenario give byte-identical files whatever --workers or --ray.

    Examples:

      troth sim --people 1000000 --years 30 --seed 7 --out town/

      troth sim -n 20000 -y 5 --scenario fewer_visits.toml --workers 2 --out what_if/

      troth sim -n 50000 -y 10 --ray auto --out town/
    """
    if ctx.invoked_subcommand is not None:
        return
    from rich.progress import (
        BarColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from troth.sim import RunSpec, load_scenario, simulate

    try:
        chosen = load_scenario(scenario)
        _prepare(out, overwrite)
        spec = RunSpec(people, years, seed, chosen)
        with Progress(TextColumn("[bold]simulating[/] {task.description}"), BarColumn(),
                      TextColumn("{task.percentage:>5.1f}%"), TimeElapsedColumn(),
                      TimeRemainingColumn(), console=err, transient=as_json) as bar:
            task = bar.add_task(f"{people:,} people, {years:g} years", total=spec.horizon)

            def progress(day: int, horizon: int) -> None:
                bar.update(task, completed=day)

            summary = simulate(spec, out, workers=workers, ray_address=ray, progress=progress)
    except TrothError as exc:
        raise _fail(exc.message) from None
    except OSError as exc:
        raise _fail(f"cannot write to '{out}': {exc.strerror or exc}") from None
    except ConnectionError as exc:
        raise _fail(f"cannot reach the Ray cluster '{ray}': {exc}") from None
    m = summary.manifest
    if as_json:
        shown = {k: m[k] for k in ("seed", "people", "years", "days", "alive_at_end",
                                   "person_days", "courtships", "fingerprint")}
        shown["counts"] = {k: v["rows"] for k, v in m["kinds"].items()}
        shown["seconds"] = round(summary.seconds, 3)
        console.print_json(json.dumps(shown))
        return
    _print_summary(summary.manifest, summary.seconds, out)


def _prepare(out: Path, overwrite: bool) -> None:
    if out.exists() and not out.is_dir():
        raise TrothError(f"'{out}' exists and is not a folder", rule="sim_out")
    earlier = (out / "manifest.json").exists() or (out / "events").exists()
    if earlier and not overwrite:
        raise TrothError(f"'{out}' already holds a simulation; pass --overwrite to replace it",
                         rule="sim_out")
    if earlier:
        shutil.rmtree(out / "events", ignore_errors=True)
        (out / "manifest.json").unlink(missing_ok=True)
    if out.exists() and not earlier and any(out.iterdir()):
        raise TrothError(f"'{out}' is not empty; choose an empty or new folder", rule="sim_out")


def _print_summary(m: dict[str, object], seconds: float, out: Path) -> None:
    table = Table(title=f"Simulated history in {out}", show_lines=False)
    table.add_column("event kind")
    table.add_column("rows", justify="right")
    kinds = m["kinds"]
    assert isinstance(kinds, dict)
    for kind, info in kinds.items():
        table.add_row(kind, f"{info['rows']:,}")
    console.print(table)
    person_days = int(str(m["person_days"]))
    console.print(
        f"{int(str(m['people'])):,} founders over {m['years']} years: "
        f"{int(str(m['alive_at_end'])):,} alive at the end, {int(str(m['courtships'])):,}"
        f" courtships; {person_days:,} person-days in {seconds:.1f} s"
        f" ({person_days / max(seconds, 1e-9) / 1e6:.1f} M person-days/s)."
    )
    console.print(f"fingerprint {m['fingerprint']}  (manifest: {out / 'manifest.json'})")


@app.command("import")
def import_history(
    folder: Path = typer.Argument(..., help="A folder written by `troth sim --out`."),
    database: str | None = typer.Option(
        None, "--database", "-d", help="Registry database URL or SQLite path"
        " (default: TROTH_DATABASE_URL)."),
    batch: int = typer.Option(5000, "--batch", min=1,
                              help="Commands per transaction (one bulk session each)."),
    strict: bool = typer.Option(False, "--strict",
                                help="Exit with code 1 if any command was refused."),
    show: int = typer.Option(5, "--show", min=0, help="Refusals to list with their rows."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Load a simulated history into the registry, judged by the registry's own rules.

    Every fact becomes the registry commands that record it, in transactions of --batch
    commands. A refused command is a rule violation: they are counted by rule, the first
    few are listed with their event rows, and --strict exits with code 1.

    The registry's today (TROTH_TODAY, else the real date) must be on or after the
    history's last day. Beta couples' marriages import as marriages (each spouse's consent,
    then an officiant of the district solemnises it).

    Examples:

      troth sim -n 5000 -y 3 --out town/ && troth sim import town/

      TROTH_DATABASE_URL=demo.db troth sim import town/ --strict --json
    """
    from troth.sim.importer import prepare

    try:
        report = _run_with_bar(prepare(_registry(database), folder, batch), folder, as_json)
    except TrothError as exc:
        raise _fail(exc.message) from None
    if as_json:
        console.print_json(json.dumps(report.as_dict()))
    else:
        _print_import(report, folder, show)
    if strict and report.violations:
        raise typer.Exit(1)


def _run_with_bar(importer: Importer, folder: Path, transient: bool) -> ImportReport:
    from rich.progress import (
        BarColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(TextColumn("[bold]importing[/] {task.description}"), BarColumn(),
                  TextColumn("{task.completed:,}/{task.total:,} facts"), TimeElapsedColumn(),
                  TimeRemainingColumn(), console=err, transient=transient) as bar:
        task = bar.add_task(str(folder), total=importer.report.total_rows)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done)

        importer.progress = progress
        return importer.run()


def _registry(database: str | None) -> Registry:
    from troth.bootstrap import build_registry
    from troth.cli.common import registry

    return build_registry(database) if database else registry()


def _print_import(report: ImportReport, folder: Path, show: int) -> None:
    console.print(
        f"Imported {folder}: {report.rows:,} facts as {report.commands:,} commands in"
        f" {report.seconds:.1f} s ({report.commands_per_second:,.0f} commands/s,"
        f" {report.rows / max(report.seconds, 1e-9):,.0f} facts/s); {report.people:,} people,"
        f" {report.courtships:,} courtships, {report.bonds:,} bonds.")
    for title, counts in (("Left out, as documented", report.skipped),
                          ("Rule violations (refused commands)", report.refused)):
        if not counts:
            continue
        table = Table(title=title)
        table.add_column("rule" if counts is report.refused else "rows")
        table.add_column("count", justify="right")
        for name, n in counts.most_common():
            table.add_row(escape(name), f"{n:,}")
        console.print(table)
    if report.dependent:
        console.print(f"{report.dependent:,} facts named a record whose own command was"
                      " refused, and were not imported.")
    for e in report.examples[:show]:
        row = ", ".join(f"{k}={v}" for k, v in e.row.items())
        console.print(f"[red]{escape(e.rule)}[/]: {escape(e.message)}\n  {e.kind}: "
                      f"{escape(row)}", highlight=False)
    verdict = "no rule violations" if not report.violations else (
        f"{report.violations:,} rule violation(s)")
    console.print(f"[bold]{verdict}[/]")


def load_demo_town(reg: Registry, people: int, seed: int) -> None:
    """`troth demo load --town N`: a simulated town up to today, with a progress bar."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from troth.sim.demo_town import load_town

    with Progress(TextColumn("[bold]simulated town[/]"), BarColumn(),
                  TextColumn("{task.description}"), TimeElapsedColumn(), console=err) as bar:
        task = bar.add_task(f"simulating {people:,} founders", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total,
                       description=f"importing {done:,}/{total:,} facts")

        report = load_town(reg, people, seed=seed, progress=progress)
    console.print(
        f"simulated town: {report.people:,} people, {report.courtships:,} courtships,"
        f" {report.bonds:,} bonds ({report.commands:,} commands in {report.seconds:.0f} s,"
        f" {report.violations} rule violations)")
