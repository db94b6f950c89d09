"""`troth ledger verify|checkpoint` and `troth customs show`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from troth.cli.common import JSON_OPT, console, emit_json, fail, guarded, registry

app = typer.Typer(help="The append-only, hash-chained ledger.", no_args_is_help=True)
customs_app = typer.Typer(help="The jurisdiction's customs.", no_args_is_help=True)


@app.command("verify")
@guarded
def verify(
    checkpoint: Annotated[str | None, typer.Option(
        help="A checkpoint printed earlier by `troth ledger checkpoint` and kept outside"
             " the system; detects truncation and rebuilt chains too.")] = None,
    as_json: bool = JSON_OPT,
) -> None:
    """Check every entry's hash and link. Exit code 1 if anything is wrong.

    Example:  troth ledger verify --checkpoint troth-ledger:1042:9f2c...
    """
    from troth.domain.ledger import Checkpoint

    cp = Checkpoint.parse(checkpoint) if checkpoint else None
    report = registry().queries.people.verify(cp)
    if as_json:
        emit_json({"ok": report.ok, "count": report.count, "head": report.head,
                   "problems": list(report.problems)})
    elif report.ok:
        console.print(f"[green]ledger verified[/]: {report.count} entries, head {report.head}")
    else:
        for p in report.problems:
            console.print(f"[red]problem[/]: {p}")
    if not report.ok:
        raise typer.Exit(1)


@app.command("checkpoint")
@guarded
def checkpoint(as_json: bool = JSON_OPT) -> None:
    """Print the ledger's head (count + hash). Keep it outside the system: a later
    `troth ledger verify --checkpoint ...` then detects truncation or a rebuilt chain."""
    cp = registry().queries.people.checkpoint()
    if as_json:
        emit_json({"count": cp.count, "head": cp.head, "checkpoint": str(cp)})
    else:
        console.print(str(cp), soft_wrap=True)


@customs_app.command("show")
@guarded
def show(as_json: bool = JSON_OPT) -> None:
    """Print the customs in force, with each one's help text."""
    customs = registry().customs
    rows = customs.as_rows()
    if as_json:
        emit_json({"source": customs.source,
                   "customs": [{"name": n, "value": v, "help": h, "kind": k}
                               for n, v, h, k in rows]})
        return
    table = Table("name", "value", "kind", "meaning", title=f"customs ({customs.source})")
    for n, v, h, k in rows:
        table.add_row(n, str(v), {"custom": "custom (waivable)"}.get(k, k), h)
    console.print(table)


__all__ = ["app", "customs_app", "fail"]
