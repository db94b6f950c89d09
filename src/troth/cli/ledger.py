"""`troth ledger verify|checkpoint` and `troth customs show`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from troth.cli.common import JSON_OPT, console, emit_json, fail, guarded, registry

if TYPE_CHECKING:
    from troth.registry.views import DeepReport

app = typer.Typer(help="The append-only, hash-chained ledger.", no_args_is_help=True)
customs_app = typer.Typer(help="The jurisdiction's customs.", no_args_is_help=True)


@app.command("verify")
@guarded
def verify(
    checkpoint: Annotated[str | None, typer.Option(
        help="A checkpoint printed earlier by `troth ledger checkpoint` and kept outside"
             " the system; detects truncation and rebuilt chains too.")] = None,
    deep: Annotated[bool, typer.Option(
        "--deep", help="Also replay the whole ledger into a scratch schema and compare every"
                       " table derived from it with the live one, row by row, and recompute"
                       " the health digests.")] = False,
    as_json: bool = JSON_OPT,
) -> None:
    """Check every entry's hash and link. Exit code 1 if anything is wrong.

    Example:  troth ledger verify --checkpoint troth-ledger:1042:9f2c...
              troth ledger verify --deep
    """
    from troth.domain.ledger import Checkpoint

    cp = Checkpoint.parse(checkpoint) if checkpoint else None
    queries = registry().queries
    report = queries.people.verify(cp)
    found = queries.ledger.deep_verify() if deep else None
    if as_json:
        emit_json({"ok": report.ok, "count": report.count, "head": report.head,
                   "problems": list(report.problems),
                   **({"deep": deep_json(found)} if found is not None else {})})
    else:
        if report.ok:
            console.print(f"ledger verified: {report.count} entries, head"
                          f" {report.head}")
        for p in report.problems:
            console.print(f"problem: {p}")
        if found is not None:
            print_deep(found)
    if not report.ok or (found is not None and not found.ok):
        raise typer.Exit(1)


def deep_json(r: DeepReport) -> dict[str, Any]:
    return {"ok": r.ok, "entries": r.entries, "head": r.head, "seconds": round(r.seconds, 3),
            "compared": dict(r.compared), "more": r.more,
            "differences": [{"where": d.where, "table": d.table, "key": d.key,
                             "column": d.column, "expected": d.expected, "found": d.found}
                            for d in r.differences],
            "out_of_reach": dict(r.out_of_reach)}


def print_deep(r: DeepReport) -> None:
    rate = r.entries / r.seconds if r.seconds else 0.0
    rows = sum(n for _, n in r.compared)
    if r.ok:
        console.print(f"deep check passed: {r.entries} entries replayed in"
                      f" {r.seconds:.1f} s ({rate:,.0f}/s); {len(r.compared)} tables,"
                      f" {rows} rows, as the ledger says")
    else:
        table = Table("where (table/key/column)", "expected (the ledger)", "found (live)",
                      title=f"deep check: {len(r.differences)} differences"
                            + (" (more not listed)" if r.more else ""))
        for d in r.differences:
            table.add_row(d.where, d.expected, d.found)
        console.print(table)
    console.print("out of its reach (not derived from the ledger): "
                  + ", ".join(name for name, _ in r.out_of_reach))


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
