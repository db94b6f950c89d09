"""`troth roster`: plan a district's week of Visits and handlers, show it, make test weeks."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from troth.cli import roster_registry as rr
from troth.cli.common import registry
from troth.domain.errors import TrothError

if TYPE_CHECKING:
    from troth.schedule.model import Roster

app = typer.Typer(help="Roster a week of courting Visits and their handlers.",
                  no_args_is_help=True)
out = Console(emoji=False)
err = Console(stderr=True, emoji=False)


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(2)


@app.command("plan")
def plan_cmd(
    week: str = typer.Option(..., "--week", help="ISO week, e.g. 2026-W49."),
    district: str | None = typer.Option(None, "--district", help="Only this district."),
    seconds: float = typer.Option(50.0, "--seconds", help="Time limit for the solver."),
    baseline: bool = typer.Option(False, "--greedy", help="Use the greedy baseline instead."),
    requests: Path | None = typer.Option(
        None, "--requests", help="File mode: Visit requests (JSON) instead of the registry."),
    handlers: Path | None = typer.Option(None, "--handlers", help="File mode: handlers (JSON)."),
    out_file: Path | None = typer.Option(
        None, "--out", help="Also write the roster here (JSON); required in file mode."),
    previous: Path | None = typer.Option(
        None, "--previous", help="File mode re-plan: an earlier roster; accepted ones stay."),
    accept: str = typer.Option(
        "", "--accept", help="File mode re-plan: also keep these request ids (1,2,3)."),
) -> None:
    """Plan the week and record a proposed roster.

    From the registry (the week's Visit requests, the handlers on the list, everyone's
    unavailability); planning again keeps every accepted placement (a scheduled Visit) and
    moves as few others as it can:

        troth roster plan --week 2026-W49 --district Riverside

    From files (see `troth roster generate`):

        troth roster plan --requests req.json --handlers hand.json --week 2026-W49 \\
            --district Riverside --out roster.json
    """
    from troth.registry.rostering import plan_in_registry
    from troth.schedule.jsonio import load_problem, load_roster, roster_json
    from troth.schedule.planner import greedy, plan

    try:
        if requests is None and handlers is None:
            with out.status("Rostering the week from the registry ..."):
                roster_id, roster = plan_in_registry(registry(), week, district or "",
                                                     seconds, baseline)
            out.print(f"roster #{roster_id}: {roster.summary.headline()} in"
                      f" {roster.summary.seconds:.1f} s; `troth roster show --week {week}`")
        else:
            if requests is None or handlers is None or out_file is None:
                raise _fail("file mode needs --requests, --handlers and --out")
            problem = load_problem(requests, handlers, week).in_district(district)
            before = load_roster(previous) if previous else None
            keep = {int(x) for x in accept.split(",") if x.strip()}
            with out.status("Rostering the week ..."):
                roster = (greedy(problem, district) if baseline else
                          plan(problem, seconds=seconds, previous=before, accept=keep,
                               district=district))
            out.print(f"{roster.summary.headline()} in {roster.summary.seconds:.1f} s"
                      f" -> {out_file}")
    except TrothError as exc:
        raise _fail(exc.message) from None
    except ValueError as exc:
        raise _fail(f"bad --accept list: {exc}") from None
    if out_file is not None:
        out_file.write_text(json.dumps(roster_json(roster), indent=1), encoding="utf-8")


def _calendar(title: str, rows: dict[str, list[tuple[str, str]]], key: str) -> Table:
    table = Table(title=title)
    table.add_column(key)
    table.add_column("Visits (start, what)")
    for name, items in sorted(rows.items()):
        table.add_row(name, "\n".join(f"{when}  {what}" for when, what in sorted(items)))
    return table


def _tables(roster: Roster, limit: int) -> list[Table]:
    per_handler: dict[str, list[tuple[str, str]]] = defaultdict(list)
    per_courtship: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for p in roster.placements:
        when = p.start.strftime("%m-%d %a %H:%M") + p.end.strftime("-%H:%M")
        kind = p.kind.replace("_", " ")
        for h in p.handler_ids:
            per_handler[f"handler {h}"].append((when, f"{kind} (courtship {p.courtship_id})"))
        hs = ", ".join(str(h) for h in p.handler_ids) or "none"
        mark = " (accepted)" if p.request_id in roster.accepted else ""
        per_courtship[f"courtship {p.courtship_id}"].append(
            (when, f"{kind}; handlers {hs}{mark}"))
    unplaced = Table(title="Unplaced requests")
    for col in ("request", "courtship", "rule", "reason"):
        unplaced.add_column(col)
    for u in (*roster.released, *roster.unplaced)[:limit]:
        unplaced.add_row(str(u.request_id), str(u.courtship_id), u.rule, u.reason)
    cut = dict(sorted(per_handler.items())[:limit])
    return [_calendar("Handlers", cut, "handler"),
            _calendar("Courtships", dict(sorted(per_courtship.items())[:limit]), "courtship"),
            unplaced]


@app.command("show")
def show_cmd(
    roster_file: Path | None = typer.Argument(
        None, help="A roster file (file mode); without it, the registry's roster."),
    week: str | None = typer.Option(None, "--week", help="The newest roster of this week."),
    district: str = typer.Option("", "--district", help="... for this district."),
    roster_id: int | None = typer.Option(None, "--roster", help="A recorded roster's id."),
    limit: int = typer.Option(50, "--limit", help="Rows per table."),
    as_json: bool = typer.Option(False, "--json", help="Print the roster as JSON."),
) -> None:
    """Show a roster: a calendar per handler and per courtship, and the unplaced requests
    with the reason each could not be placed.

    Example:

        troth roster show --week 2026-W49 --district Riverside --limit 20
        troth roster show roster.json --json
    """
    from troth.registry.rostering import recorded_roster
    from troth.schedule.jsonio import load_roster, roster_json

    try:
        if roster_file is not None:
            roster, title = load_roster(roster_file), str(roster_file)
        else:
            rid, roster = recorded_roster(registry(), week, district, roster_id)
            title = f"roster #{rid}"
    except TrothError as exc:
        raise _fail(exc.message) from None
    if as_json:
        out.print_json(data=roster_json(roster))
        return
    out.print(f"[bold]{title}[/bold], {roster.week}, {roster.district or 'all districts'}: "
              f"{roster.summary.headline()}; {len(roster.accepted)} accepted")
    for table in _tables(roster, limit):
        out.print(table)


@app.command("generate")
def generate_cmd(
    out_dir: Path = typer.Option(Path("."), "--out-dir", help="Folder for the two files."),
    week: str = typer.Option("2026-W49", "--week", help="ISO week."),
    requests: int = typer.Option(500, "--requests", help="How many Visit requests."),
    handlers: int = typer.Option(60, "--handlers", help="How many handlers."),
    districts: int = typer.Option(1, "--districts", help="How many districts."),
    seed: int = typer.Option(0, "--seed", help="Random seed (same seed, same week)."),
) -> None:
    """Write a synthetic district week: requests.json and handlers.json.

    Example:

        troth roster generate --requests 5000 --handlers 600 --out-dir week49
    """
    from troth.schedule.generate import generate as generate_week
    from troth.schedule.jsonio import problem_json

    try:
        problem = generate_week(week, requests, handlers, districts, seed)
    except TrothError as exc:
        raise _fail(exc.message) from None
    reqs, hands = problem_json(problem)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "requests.json").write_text(json.dumps(reqs), encoding="utf-8")
    (out_dir / "handlers.json").write_text(json.dumps(hands), encoding="utf-8")
    out.print(f"wrote {requests} requests and {handlers} handlers for {week} to {out_dir}")


rr.attach(app)
