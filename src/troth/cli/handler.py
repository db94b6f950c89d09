"""`troth handler ...`: the office's list of handlers (chaperones) and their availability."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from troth.cli.common import JSON_OPT, LazyModule, console, emit_json, guarded, registry
from troth.cli.roster_registry import reads, span

if TYPE_CHECKING:
    from troth.domain import rostering as ro
else:
    ro = LazyModule("troth.domain.rostering")

app = typer.Typer(help="Handlers: the office's list, homes, weekly caps, availability.",
                  no_args_is_help=True)

Window = Annotated[list[str], typer.Option(
    "--available", help="A block the handler can work, e.g. 2026-12-01T17:30/23:00; repeat.")]


@app.command("add")
@guarded
def add(
    person: Annotated[int, typer.Option("--person", help="The handler's person id.")],
    cap: Annotated[int, typer.Option("--cap", help="Most Visits a week.")] = 10,
    district: Annotated[str, typer.Option(help="Home district (default: residence).")] = "",
    lat: Annotated[float | None, typer.Option(help="Home latitude (default: residence).")
                   ] = None,
    lon: Annotated[float | None, typer.Option(help="Home longitude.")] = None,
    available: Window | None = None,
    as_json: bool = JSON_OPT,
) -> None:
    """Put a person on the handlers' list, with a weekly cap and (optionally) availability.

    The home (district and coordinates) comes from the person's recorded residence unless
    given. A handler is never a party, the guardian, or kin of either: the planner and the
    Visit command both refuse that.

    Example:

        troth handler add --person 41 --cap 8 --available 2026-12-01T17:30/23:00
    """
    reg = registry()
    today = reg.clock.today()
    hid = reg.execute(ro.RegisterHandler(person, cap, today, district, lat, lon))
    if available:
        reg.execute(ro.RecordHandlerAvailability(hid, tuple(span(w) for w in available), today))
    emit_json({"id": hid}) if as_json else console.print(hid)


@app.command("available")
@guarded
def available_cmd(handler: Annotated[int, typer.Argument(help="The handler's id.")],
                  available: Window) -> None:
    """Add blocks of time the handler can work.

    Example:  troth handler available 3 --available 2026-12-02T08:00/12:30
    """
    reg = registry()
    reg.execute(ro.RecordHandlerAvailability(handler, tuple(span(w) for w in available),
                                             reg.clock.today()))
    console.print(f"{len(available)} block(s) recorded for handler #{handler}")


@app.command("list")
@guarded
def list_cmd(district: Annotated[str, typer.Option(help="Only this district.")] = "",
             as_json: bool = JSON_OPT) -> None:
    """The handlers on the list.

    Example:  troth handler list --district Riverside --json
    """
    items = reads(registry()).handlers(district)
    if as_json:
        emit_json(items)
        return
    table = Table(title="Handlers")
    for col in ("id", "person", "name", "district", "weekly cap"):
        table.add_column(col)
    for h in items:
        table.add_row(str(h.id), str(h.person_id), h.name, h.district, str(h.weekly_cap))
    console.print(table)
