"""`troth heats`: forecast the next heat — from the registry's records (`troth heats forecast
PERSON --as VIEWER`) or from a history file — and draw the calendar."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from troth.cli.common import fail, plain
from troth.domain.errors import TrothError

app = typer.Typer(
    help="Heat forecasting from a person's heat history (private health records).",
    no_args_is_help=True,
)
console = Console(emoji=False)  # a name with ":smile:" in it is printed as written
err_console = Console(stderr=True, emoji=False)

HISTORY_OPT = typer.Option(None, "--history", help="History file: .json (object with heats,"
                           " bond_date ...) or .csv (start,end,excluded), instead of PERSON.")
PERSON_ARG = typer.Argument(None, help="The Omega's id in the registry (or use --history).")
AS_OPT = typer.Option(None, "--as", help="Who is reading (a person id): the Omega herself, or a"
                      " physician or partner she shares her records with. Required with"
                      " PERSON.")
TODAY_OPT = typer.Option(None, "--today", help="Forecast as of this date (YYYY-MM-DD);"
                         " records after it are set aside. Default: the registry's today"
                         " (TROTH_TODAY, else the clock) for a PERSON; the clock's for a file.")
BOND_OPT = typer.Option(None, "--bond-date", help="Bond date (YYYY-MM-DD), overriding the file's.")
PRIORS_OPT = typer.Option(None, "--priors", help="Population priors JSON (default: shipped).")


def _from_registry(person: int, viewer: int | None, command: str) -> Any:
    """The person's history from the registry, if the viewer may read it (the read, or its
    refusal, written to the access log with the command and the operator's account)."""
    from troth.cli.common import registry
    from troth.cli.health import relation
    from troth.cli.office import logged
    from troth.domain.health import named_reader
    from troth.registry.health import readable_file, registry_history

    reader = named_reader(viewer)
    reg = registry()
    file = logged(command, "health.read", person,
                  lambda: readable_file(reg.queries.health, person, reader),
                  lambda: relation(reg.queries.health.file(person), reader))
    return registry_history(reg, person, file, reg.clock.today())


def _registry_today() -> date:
    from troth.cli.common import registry

    return registry().clock.today()


def _inputs(history: Path | None, today: str | None, bond_date: str | None,
            priors: Path | None, person: int | None = None,
            viewer: int | None = None, command: str = "heats forecast"
            ) -> tuple[Any, date, Any]:
    from troth.cycles import default_priors, load_history, load_priors

    try:
        # a person in the registry: the registry's today (TROTH_TODAY where it is set)
        day = (date.fromisoformat(today) if today
               else _registry_today() if person is not None else date.today())
        bond = date.fromisoformat(bond_date) if bond_date else None
    except ValueError as exc:
        raise fail(f"a date is not in the form YYYY-MM-DD ({exc})") from None
    if (history is None) == (person is None):
        raise fail("name a PERSON in the registry, or a --history file (one of the two)")
    hist = (load_history(history) if history
            else _from_registry(person or 0, viewer, command))
    if bond is not None:
        hist = dataclasses.replace(hist, bond_date=bond)
    hist = dataclasses.replace(  # "as of": what the record held on that day
        hist, heats=tuple(h for h in hist.heats if h.start <= day),
        bond_date=hist.bond_date if hist.bond_date and hist.bond_date <= day else None)
    return hist, day, load_priors(priors) if priors else default_priors()


def _show(fc: Any) -> None:
    console.print(f"[bold]{fc.message}[/]")
    if fc.state.value != "forecast":
        console.print(f"state: {fc.state.value}")
        return
    t = Table(show_header=False, box=None)
    t.add_row("regime", f"{fc.regime.value} (counted from {fc.anchor:%d %B %Y})")
    t.add_row("most likely start", f"{fc.most_likely:%A %d %B %Y}")
    for label, (lo, hi) in (("50% interval", fc.interval_50), ("80% interval", fc.interval_80)):
        t.add_row(label, f"{lo:%d %b %Y} – {hi:%d %b %Y}")
    t.add_row("within 7 days", f"{fc.p_within_7:.0%}")
    t.add_row("within 30 days", f"{fc.p_within_30:.0%}")
    t.add_row("unrecorded heat since", f"{fc.p_missed_since_anchor:.0%}")
    t.add_row("typical interval", f"{fc.typical_interval:.0f} days ({fc.heats_used} heats used)")
    for note in fc.possible_missed:
        t.add_row("possible gap", f"{note.after} → {note.before}: a heat may be unrecorded"
                  f" ({note.probability:.0%})")
    console.print(t)
    console.print(fc.confidence)


@app.command("forecast")
def forecast_cmd(person: int | None = PERSON_ARG, viewer: int | None = AS_OPT,
                 history: Path | None = HISTORY_OPT, today: str | None = TODAY_OPT,
                 bond_date: str | None = BOND_OPT, priors: Path | None = PRIORS_OPT,
                 json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Forecast the next heat, or say plainly why not.

    Shows the most likely start, 50% and 80% intervals, the chances of a start within 7
    and 30 days and a plain-words confidence — or an explicit state such as "not enough
    history" or "no heat expected yet".

    Examples:

      troth heats forecast 6 --as 6     (Rey's own records, read by Rey)

      troth heats forecast 6 --as 12    (as the physician she shares them with)

      troth heats example --out rey.json

      troth heats forecast --history rey.json --today 2024-05-01

      troth heats forecast --history heats.csv --bond-date 2023-09-14 --json
    """
    from troth.cycles import forecast

    try:
        hist, day, pri = _inputs(history, today, bond_date, priors, person, viewer)
        fc = forecast(hist, day, pri)
    except TrothError as exc:
        raise fail(exc.message) from None
    if json_out:
        sys.stdout.write(json.dumps(plain(fc), indent=2) + "\n")
    else:
        _show(fc)


@app.command("plot")
def plot_cmd(person: int | None = PERSON_ARG, viewer: int | None = AS_OPT,
             history: Path | None = HISTORY_OPT,
             out: Path = typer.Option(..., "--out", help="Chart file: .png or .svg."),
             today: str | None = TODAY_OPT, bond_date: str | None = BOND_OPT,
             priors: Path | None = PRIORS_OPT,
             months: int = typer.Option(12, "--months", min=1, max=120,
                                        help="Months of record to show before today.")) -> None:
    """Draw the calendar: recorded heats, the bond, today and the forecast band.

    Example:  troth heats plot --history rey.json --today 2024-05-01 --out rey.png
    """
    from troth.cycles import forecast, render_chart

    try:
        hist, day, pri = _inputs(history, today, bond_date, priors, person, viewer,
                                 "heats plot")
        fc = forecast(hist, day, pri)
        data = render_chart(hist, fc, fmt=out.suffix.lower().lstrip("."), months_back=months)
        out.write_bytes(data)
    except TrothError as exc:
        raise fail(exc.message) from None
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror}") from None
    console.print(f"wrote {out} — {fc.message}")


@app.command("example")
def example_cmd(out: Path = typer.Option(..., "--out", help="Where to write the JSON history."),
                seed: int = typer.Option(1, "--seed", help="Which generated person."),
                days: int = typer.Option(900, "--days", min=30,
                                         help="Keep the record up to this many days after"
                                         " presentation.")) -> None:
    """Write one generated (fictional) heat history as JSON, to try the other commands.

    Example:  troth heats example --out example.json --seed 3
    """
    from troth.cycles import example_history

    hist, as_of = example_history(seed, days)
    payload = plain(hist)
    payload.pop("label", None)
    try:
        out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror}") from None
    console.print(f"wrote {out} ({len(hist.heats)} heats); try --today {as_of.isoformat()}")


def _attach_records() -> None:
    from troth.cli import health

    health.register(app)


_attach_records()
