"""`troth serve` and `troth demo load`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import track

from troth.cli.common import console, guarded, registry

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

    from troth.web.app import create_app

    app = create_app(registry())
    console.print(f"troth at http://{host}:{port}  (API docs at /docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@demo_app.command("load")
@guarded
def load(
    residents: Annotated[int, typer.Option(help="Generated residents besides the cast.")] = 300,
    if_empty: Annotated[bool, typer.Option(
        "--if-empty", help="Do nothing when the registry already has people.")] = False,
    seed: Annotated[int, typer.Option(help="Random seed for the residents.")] = 11,
) -> None:
    """Load the story's cast and timeline, then generated residents.

    Example:  TROTH_DATABASE_URL=demo.db troth demo load --residents 500
    """
    import random

    from troth.demo.cast import load_cast, load_resident
    from troth.demo.story import play_story

    reg = registry()
    if if_empty and reg.reads.count_people() > 0:
        console.print(f"demo world already loaded ({reg.reads.count_people()} people)")
        return
    play_story(reg, load_cast(reg))
    rng = random.Random(seed)
    for _ in track(range(residents), description="registering residents"):
        load_resident(reg, rng, reg.clock.today())
    console.print(f"demo world loaded: {reg.reads.count_people()} people")
