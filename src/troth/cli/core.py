"""The registry core's CLI groups: init, person, birth, guardian, history, ledger, customs."""

from __future__ import annotations

import importlib
from collections.abc import Collection

import typer

from troth.cli.common import console, guarded, registry

# Each top-level name the core attaches, in `troth --help`'s order: (name, module under
# troth.cli, attribute, whether it is a group). A module is imported only when one of its
# names is attached, so `troth person show 1` loads cli/people.py and no other group's.
ENTRIES: tuple[tuple[str, str, str, bool], ...] = (
    ("init", "core", "init", False),
    ("person", "people", "app", True),
    ("people", "identity", "app", True),
    ("birth", "people", "birth_app", True),
    ("history", "people", "history", False),
    ("guardian", "guardian", "app", True),
    ("correction", "correction", "app", True),
    ("ledger", "ledger", "app", True),
    ("customs", "ledger", "customs_app", True),
    ("courtship", "courtship", "app", True),
    ("visit", "courtship", "visit_app", True),
    ("bonding", "bonding", "bonding_app", True),
    ("certificate", "bonding", "certificate_app", True),
    ("annulment", "bonding", "annulment_app", True),
    ("marriage", "marriage", "app", True),
    ("incident", "bonding", "incident_app", True),
    ("pregnancy", "health", "pregnancy_app", True),
    ("serve", "serve", "serve", False),
    ("user", "users", "app", True),
    ("token", "users", "token_app", True),
    ("demo", "serve", "demo_app", True),
)


def register(app: typer.Typer, names: Collection[str] | None = None) -> None:
    """Attach the core's groups and commands to `app`: those in `names`, or all of them."""
    for name, module, attr, group in ENTRIES:
        if names is not None and name not in names:
            continue
        target = getattr(importlib.import_module(f"troth.cli.{module}"), attr)
        if group:
            app.add_typer(target, name=name)
        else:
            app.command(name)(target)


@guarded
def init() -> None:
    """Create the registry database (or bring it to the current schema).

    Every other command does this on first use too; `init` just says so.

    Example:  TROTH_DATABASE_URL=office.db troth init
    """
    reg = registry()
    console.print(f"registry ready at {reg.location}"
                  f" ({reg.queries.people.count_people()} people)")
