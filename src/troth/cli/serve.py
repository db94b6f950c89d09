"""`troth serve` and `troth demo load`."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Annotated, Any

import typer

from troth.cli.common import console, guarded, registry
from troth.settings import Settings

if TYPE_CHECKING:
    from troth.registry.service import Registry

demo_app = typer.Typer(help="The demo world: the story's cast plus generated residents.",
                       no_args_is_help=True)


@guarded
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
) -> None:
    """Serve the web pages and the JSON API (uvicorn) on the registry database.

    Example:  TROTH_DATABASE_URL=office.db troth serve --port 8000
    """
    import uvicorn

    from troth.bootstrap import build
    from troth.web.app import create_app

    settings = Settings.read()
    options = uvicorn_options(settings)
    reg = build(settings, server=True)
    app = create_app(reg, trusted_proxies=proxies(settings))
    stop = start_outbox_worker(reg, settings)
    console.print(f"troth at http://{host}:{port}  (API docs at /docs)")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", **options)
    finally:
        if stop is not None:
            stop.set()


def start_outbox_worker(reg: Registry, settings: Settings,
                        interval: float = 10.0) -> threading.Event | None:
    """Deliver the notifications' e-mail in a thread beside the web server, when
    TROTH_SMTP_URL names a server; returns the event that stops it (None: not started)."""
    if not settings.smtp_url:
        return None
    from troth.registry.notices import run_worker, smtp_sender

    send = smtp_sender(settings.smtp_url, settings.mail_from)
    stop = threading.Event()
    threading.Thread(target=run_worker, name="troth-outbox", daemon=True,
                     args=(reg.queries.outbox, send, reg.clock.now, stop, interval)).start()
    return stop


def proxies(settings: Settings) -> tuple[str, ...]:
    return tuple(p.strip() for p in settings.trusted_proxies.split(",") if p.strip())


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """Proxy headers (X-Forwarded-For/-Proto) are believed only from the proxies named in
    TROTH_TRUSTED_PROXIES; with none named, uvicorn ignores them (its default would trust
    127.0.0.1)."""
    named = proxies(settings)
    return {"proxy_headers": bool(named), "forwarded_allow_ips": ",".join(named) or None}


@demo_app.command("load")
@guarded
def load(
    residents: Annotated[int, typer.Option(help="Generated residents besides the cast.")] = 300,
    if_empty: Annotated[bool, typer.Option(
        "--if-empty", help="Do nothing when the registry already has people.")] = False,
    seed: Annotated[int, typer.Option(help="Random seed for the residents.")] = 11,
    town: Annotated[int, typer.Option(help="Founders of a simulated town, imported through"
                                      " the registry's rules (0: none).")] = 2000,
) -> None:
    """Load the story's cast and timeline, a courtship in progress today, generated
    residents, and one sign-in account per role (printed at the end).

    Example:  TROTH_DATABASE_URL=demo.db troth demo load --residents 500
    """
    import random

    from rich.progress import track

    from troth.demo.cast import load_resident
    from troth.demo.world import load_world

    reg = registry()
    if if_empty and reg.queries.people.count_people() > 0:
        console.print(f"demo world already loaded ({reg.queries.people.count_people()} people)")
        print_logins()
        return
    load_world(reg, present=True)
    rng = random.Random(seed)
    for _ in track(range(residents), description="registering residents"):
        load_resident(reg, rng, reg.clock.today())
    if town:
        from troth.cli.sim import load_demo_town

        load_demo_town(reg, town, seed)
    console.print(f"demo world loaded: {reg.queries.people.count_people()} people")
    print_logins()


def print_logins() -> None:
    from rich.table import Table

    from troth.demo.world import DEMO_ACCOUNTS, DEMO_PASSWORD

    table = Table(title="Demo sign-ins at http://127.0.0.1:8000, by role")
    table.add_column("role")
    table.add_column("username(s)")
    by_role: dict[str, list[str]] = {}
    for username, roles, _ in DEMO_ACCOUNTS:
        for r in roles:
            by_role.setdefault(r, []).append(username)
    for role, names in by_role.items():
        table.add_row(role, ", ".join(names))
    console.print(table)
    console.print(f"The password of every demo account is: {DEMO_PASSWORD}")
