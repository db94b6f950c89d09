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
    ("outbox", "outbox"),
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


def _narrow(argv: list[str]) -> None:
    """`troth person show 1` runs one command of its group: keep that command only.

    Typer reads the signature (and evaluates the annotations) of every command of a group
    before it parses a command line; for a group of a dozen commands that is most of the
    time the CLI spends before the work. A second word that is not one of the group's
    commands or sub-groups (an option, a typo) leaves the group whole, so Typer answers
    as before (help, "No such command" with the list).
    """
    if len(argv) < 3 or argv[2].startswith("-"):
        return
    for info in app.registered_groups:
        group = info.typer_instance
        if info.name != argv[1] or group is None:
            continue
        commands = [c for c in group.registered_commands if _command_name(c) == argv[2]]
        groups = [g for g in group.registered_groups if g.name == argv[2]]
        if commands or groups:
            group.registered_commands, group.registered_groups = commands, groups


def _command_name(info: typer.models.CommandInfo) -> str | None:
    if info.name:
        return info.name
    callback = info.callback
    return None if callback is None else callback.__name__.lower().replace("_", "-")


def main() -> None:
    _attach(_names_for(sys.argv[1]) if len(sys.argv) > 1 else None)
    _narrow(sys.argv)
    app()
