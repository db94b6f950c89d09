"""The one Typer app: `troth --help` lists every group.

Each group lives in its own module (cli/person.py, cli/match.py ...) and defines `app`;
they are attached here, in one list, so the whole command surface is visible at a glance.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Collection

import typer

app = typer.Typer(
    name="troth",
    help=(
        "troth, the civil registry of designations, guardianships, courtships and bonds.\n\n"
        "The database is the file or server named by TROTH_DATABASE_URL"
        " (default: troth.db in the working directory), created on first use."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


# The groups beyond the core's, one line each: (name, module under troth.cli). Each module
# defines `app` and is imported only when its group is attached.
GROUPS: tuple[tuple[str, str], ...] = (
    ("heats", "heats"),
    ("match", "match"),
    ("sim", "sim"),
    ("roster", "roster"),
    ("handler", "handler"),
)


def _attach(names: Collection[str] | None = None) -> None:
    """Attach the groups and commands named in `names`, or every one (`troth --help`).

    Imported here, not at module top, so `troth --help` stays quick and each group owns its
    own imports; a command line that names one group attaches (and imports) that one only.
    """
    from troth.cli import core

    core.register(app, names)
    for name, module in GROUPS:
        if names is None or name in names:
            app.add_typer(importlib.import_module(f"troth.cli.{module}").app, name=name)


def _names_for(first: str) -> set[str] | None:
    """What to attach for a command line whose first word is `first`.

    Typer reads the signature of every command of every group before it parses a command
    line; `troth person show 1` needs the person group's only. A top-level command keeps
    the other top-level commands beside it (a few), so the app stays a group, as it is
    with every name attached; anything else (an option, a typo) attaches everything and
    Typer answers as before, from the whole tree.
    """
    from troth.cli.core import ENTRIES

    if first in {name for name, _ in GROUPS} | {n for n, _, _, group in ENTRIES if group}:
        return {first}
    commands = {n for n, _, _, group in ENTRIES if not group}
    return commands if first in commands else None


def main() -> None:
    _attach(_names_for(sys.argv[1]) if len(sys.argv) > 1 else None)
    app()
