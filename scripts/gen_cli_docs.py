"""Write docs/cli-reference.md from the Typer app itself (run by `make docs`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import typer.cli
import typer.main

from troth.cli import _attach, app


def reference() -> str:
    _attach()
    cmd = typer.main.get_command(app)
    ctx = click.Context(cmd, info_name="troth")
    return typer.cli.get_docs_for_click(obj=cmd, ctx=ctx, name="troth",
                                        title="troth CLI reference (generated)")


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/cli-reference.md")
    out.write_text(reference() + "\n", encoding="utf-8")
    print(f"wrote {out}")
