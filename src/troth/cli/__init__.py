"""The one Typer app: `troth --help` lists every group.

Each group lives in its own module (cli/person.py, cli/match.py ...) and defines `app`;
they are attached here, in one list, so the whole command surface is visible at a glance.
"""

from __future__ import annotations

import sys

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


def _attach() -> None:
    # Imported here, not at module top, so `troth --help` stays quick and each group
    # owns its own imports.
    from troth.cli import core

    core.register(app)
    # Further groups register below, one line each.
    from troth.cli import heats as heats_cli; app.add_typer(heats_cli.app, name="heats")  # noqa: E702, I001
    from troth.cli import match as match_cli; app.add_typer(match_cli.app, name="match")  # noqa: E702, I001
    from troth.cli import sim as sim_cli; app.add_typer(sim_cli.app, name="sim")  # noqa: E702, I001
    from troth.cli import roster as roster_cli; app.add_typer(roster_cli.app, name="roster")  # noqa: E702, I001
    from troth.cli import handler as handler_cli; app.add_typer(handler_cli.app, name="handler")  # noqa: E702, I001


def _keep_only(name: str) -> None:
    """Drop the groups other than the one the command line names first.

    Typer reads the signature of every command of every group before it parses a command
    line; `troth person show 1` needs the person group's only. The top-level commands stay
    (a few), so the app stays a group; nothing changes when `name` is no group's or
    command's name (an option, a typo: Typer then answers as before, from the whole tree).
    """
    groups = [g for g in app.registered_groups if g.name == name]
    if groups or (any(c.name == name for c in app.registered_commands)
                  and len(app.registered_commands) > 1):
        app.registered_groups[:] = groups


def main() -> None:
    _attach()
    if len(sys.argv) > 1:
        _keep_only(sys.argv[1])
    app()
