"""`troth people duplicates`: likely duplicate people across the whole registry."""

from __future__ import annotations

from typing import Annotated

import typer

from troth.cli.common import JSON_OPT, console, emit_json, err_console, guarded, registry

app = typer.Typer(help="The registry's people as a whole: likely duplicates.",
                  no_args_is_help=True)


@app.command("duplicates")
@guarded
def duplicates(
    min_p: Annotated[float, typer.Option(
        "--min-p", min=0.0, max=1.0, help="Smallest match probability listed.")] = 0.9,
    retrain: Annotated[bool, typer.Option(
        "--retrain", help="Train the model's u and prior on this registry (2,000 people or"
        " more) instead of using the stored model.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="Pairs shown at most.")] = 200,
    as_json: bool = JSON_OPT,
) -> None:
    """List likely duplicate pairs (Splink on DuckDB), each with p and why.

    Pairs a registrar declared different people (`person add --not-duplicate-of`) are left
    out. Example:  troth people duplicates --min-p 0.95
    """
    from troth.registry.duplicates import find_duplicates

    reg = registry()
    with err_console.status("reading the registry", spinner="dots") as status:
        pairs = find_duplicates(reg.queries, min_p=min_p, retrain=retrain,
                                progress=lambda s: status.update(s))
    shown = pairs[:limit]
    if as_json:
        emit_json({"pairs": [{"left": p.left, "right": p.right,
                              "probability": round(p.probability, 4),
                              "reasons": list(p.reasons)} for p in shown],
                   "total": len(pairs)})
        return
    if not pairs:
        console.print(f"No likely duplicates at p >= {min_p}.")
        return
    from rich.table import Table

    table = Table("person", "possible duplicate", "p", "why")
    for p in shown:
        table.add_row(f"#{p.left}", f"#{p.right}", f"{p.probability:.2f}", ", ".join(p.reasons))
    console.print(table)
    console.print(f"{len(pairs)} pairs" + (f" ({limit} shown)" if len(pairs) > limit else ""))
