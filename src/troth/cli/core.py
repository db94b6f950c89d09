"""The registry core's CLI groups: init, person, birth, guardian, history, ledger, customs."""

from __future__ import annotations

import typer

from troth.cli import bonding, courtship, guardian, health, ledger, people, serve
from troth.cli.common import console, guarded, registry


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.add_typer(people.app, name="person")
    app.add_typer(people.birth_app, name="birth")
    app.command("history")(people.history)
    app.add_typer(guardian.app, name="guardian")
    app.add_typer(ledger.app, name="ledger")
    app.add_typer(ledger.customs_app, name="customs")
    app.add_typer(courtship.app, name="courtship")
    app.add_typer(courtship.visit_app, name="visit")
    app.add_typer(bonding.bonding_app, name="bonding")
    app.add_typer(bonding.certificate_app, name="certificate")
    app.add_typer(bonding.annulment_app, name="annulment")
    app.add_typer(bonding.incident_app, name="incident")
    app.add_typer(health.pregnancy_app, name="pregnancy")
    app.command("serve")(serve.serve)
    from troth.cli import users; users.register(app)  # noqa: E702, I001
    app.add_typer(serve.demo_app, name="demo")


@guarded
def init() -> None:
    """Create the registry database (or bring it to the current schema).

    Every other command does this on first use too; `init` just says so.

    Example:  TROTH_DATABASE_URL=office.db troth init
    """
    reg = registry()
    console.print(f"registry ready at {reg.location}"
                  f" ({reg.queries.people.count_people()} people)")
