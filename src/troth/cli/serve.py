"""`troth serve` and `troth demo load`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from troth.cli.common import console, guarded, registry

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

    reg = registry()
    if if_empty and reg.reads.count_people() > 0:
        console.print(f"demo world already loaded ({reg.reads.count_people()} people)")
        print_logins()
        return
    load_world(reg, present=True)
    rng = random.Random(seed)
    for _ in track(range(residents), description="registering residents"):
        load_resident(reg, rng, reg.clock.today())
    if town:
        from troth.cli.sim import load_demo_town

        load_demo_town(reg, town, seed)
    console.print(f"demo world loaded: {reg.reads.count_people()} people")
    print_logins()


DEMO_PASSWORD = "troth-demo-2026"
# username, roles, the cast member it belongs to (None: the registrar's office)
DEMO_ACCOUNTS: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("clerk", ("registrar",), None), ("leia", ("sponsor",), "leia"),
    ("kes", ("sponsor",), "kes"), ("rey", ("party",), "rey"), ("jannah", ("party",), "jannah"),
    ("ben", ("party",), "ben"), ("poe", ("party",), "poe"), ("plutt", ("guardian",), "plutt"),
    ("maz", ("guardian",), "maz"), ("ada", ("handler",), "ada"),
    ("tobias", ("handler",), "tobias"), ("tekka", ("officiant",), "tekka"),
    ("kalonia", ("physician",), "kalonia"),
)


def load_world(reg: Registry, present: bool = True) -> dict[str, int]:
    """The cast, the story, today's people (and, with present, their courtship so far),
    Rey's health record shared with her physician, and the demo accounts."""
    from troth.demo.cast import load_cast
    from troth.demo.story import play_story

    cast = load_cast(reg)
    play_story(reg, cast)
    ids = dict(cast.ids)
    ids.update(_present_people(reg))
    _health(reg, ids)
    if present:
        _present_courtship(reg, ids)
    _accounts(reg, ids)
    return ids


def _present_people(reg: Registry) -> dict[str, int]:
    from datetime import date

    from troth.domain import commands as c

    def person(name: str, born: date, designation: str, parents: tuple[int, ...] = (),
               district: str = "Takodana") -> int:
        pid = reg.execute(c.RegisterPerson(name, born, (), parents, None, district))
        reg.execute(c.RecordPresentation(pid, designation, date(born.year + 14, 6, 1)))
        return pid

    ids = {"maz": person("Maz Kanata", date(1961, 5, 4), "beta"),
           "jannah": person("Jannah", date(2005, 6, 14), "omega"),
           "kes": person("Kes Dameron", date(1969, 9, 2), "beta", district="Yavin")}
    ids["poe"] = person("Poe Dameron", date(1997, 2, 11), "alpha", (ids["kes"],), "Yavin")
    ids["maz_order"] = reg.execute(c.AppointGuardian(
        ids["jannah"], ids["maz"], "Takodana Family Court", "TFC-2019-044", date(2019, 8, 1)))
    return ids


def _present_courtship(reg: Registry, p: dict[str, int]) -> None:
    """Poe and Jannah, a month in: three Visits held, one awaiting its report, two ahead."""
    from datetime import datetime, time, timedelta

    from troth.domain import commands as c

    today = reg.clock.today()

    def at(days: int, hour: int) -> datetime:
        return datetime.combine(today + timedelta(days=days), time(hour))

    home = "Maz's castle, Takodana"
    court = reg.execute(c.ProposeIntroduction(p["poe"], p["jannah"], p["kes"],
                                              today - timedelta(days=30), "arranged by his father"))
    reg.execute(c.AcknowledgeAsGuardian(court, p["maz"], today - timedelta(days=29)))
    reg.execute(c.RecordConsent(court, p["jannah"], True, today - timedelta(days=28)))
    plan = [("introduction", -21, 17, (p["ada"],)), ("dinner", -14, 19, (p["ada"], p["tobias"])),
            ("tea", -7, 16, (p["ada"],)), ("walk", -2, 11, (p["ada"],)),
            ("walk", 2, 11, (p["ada"],)), ("dinner", 5, 19, (p["ada"], p["tobias"]))]
    visits = []
    for n, (kind, days, hour, handlers) in enumerate(plan):
        where = home if n < 2 else "the lake path, Takodana"
        visits.append(reg.execute(c.ScheduleVisit(court, kind, at(days, hour), where, n < 2,
                                                  handlers)))
        if days < -2:
            reg.execute(c.RecordVisitHeld(visits[-1], handlers, note="held as planned"))
    reg.execute(c.ReportIncident("contact_breach", p["tobias"], today - timedelta(days=14),
                                 "the pair stood closer than the handlers allow; separated"
                                 " without difficulty", p["poe"], visits[1]))


def _health(reg: Registry, p: dict[str, int]) -> None:
    """Rey chooses her physician; about five months after the bond, a first heat."""
    from datetime import date

    from troth.domain import commands as c

    reg.execute(c.ShareHealth(p["rey"], p["kalonia"], "physician", True, p["rey"]))
    heat = reg.execute(c.RecordHeat(p["rey"], p["rey"], date(2026, 8, 29), date(2026, 9, 2),
                                    38.2, 7, True, "the first since the bond"))
    reg.execute(c.RecordPregnancy(p["rey"], p["kalonia"], None, heat))


def _accounts(reg: Registry, p: dict[str, int]) -> None:
    from troth.domain.policy import Role
    from troth.store.accounts import AccountStore
    from troth.web.auth import hash_password

    store, digest = AccountStore(reg.engines, reg.clock), hash_password(DEMO_PASSWORD)
    for username, roles, who in DEMO_ACCOUNTS:
        store.create(username, digest, p[who] if who else None, [(Role(r), "") for r in roles])


def print_logins() -> None:
    from rich.table import Table

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
