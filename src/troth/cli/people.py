"""`troth person ...`, `troth birth register`, `troth history`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from troth.cli.common import (
    JSON_OPT,
    LazyModule,
    console,
    emit_json,
    fail,
    guarded,
    parse_date,
    parse_date_opt,
    plain,
    registry,
)
from troth.domain.errors import InvalidInput

if TYPE_CHECKING:
    from troth.domain import commands as c
    from troth.domain.people import OtherName, Person, Scent
else:
    c = LazyModule("troth.domain.commands")

app = typer.Typer(help="Register people and record their presentation and death.",
                  no_args_is_help=True)
birth_app = typer.Typer(help="Register births.", no_args_is_help=True)


def _other_names(values: list[str]) -> tuple[OtherName, ...]:
    from troth.domain.people import OtherName

    out = []
    for v in values:
        kind, sep, name = v.partition(":")
        if not sep:
            raise InvalidInput(f"other name '{v}' must look like KIND:NAME, e.g. work:Kylo",
                               rule="other_name_format")
        out.append(OtherName(kind.strip(), name.strip()))
    return tuple(out)


def _scent(gives: str | None, draws: str | None, notes: str) -> Scent | None:
    from troth.domain.people import Scent

    if gives is None and draws is None:
        return None
    if gives is None or draws is None:
        raise InvalidInput("a scent needs both --gives and --draws", rule="scent_vector")
    return Scent(Scent.parse_vector(gives, "gives"), Scent.parse_vector(draws, "draws"), notes)


@app.command("add")
@guarded
def add(
    name: Annotated[str, typer.Option("--name", help="Legal name.")],
    born: Annotated[str, typer.Option("--born", help="Date of birth, YYYY-MM-DD.")],
    other_name: Annotated[list[str], typer.Option(
        "--other-name", help="Another name in use, KIND:NAME (repeatable), e.g. work:Kylo.")] = [],  # noqa: B006
    parent: Annotated[list[int], typer.Option("--parent", help="A parent's id (up to two).")] = [],  # noqa: B006
    gives: Annotated[str | None, typer.Option(
        help="Scent given off: comma-separated numbers, e.g. 0.2,-0.1,0.7")] = None,
    draws: Annotated[str | None, typer.Option(
        help="What draws the person: numbers, same length as --gives.")] = None,
    scent_notes: Annotated[str, typer.Option(help="Descriptive scent notes.")] = "",
    district: Annotated[str, typer.Option(help="District of residence.")] = "",
    not_duplicate_of: Annotated[list[int], typer.Option(
        "--not-duplicate-of", help="A registered person this one resembles but is not"
        " (repeatable; needs --reason).")] = [],  # noqa: B006
    reason: Annotated[str, typer.Option(
        "--reason", help="Why this is a different person (recorded).")] = "",
    as_json: bool = JSON_OPT,
) -> None:
    """Register a person and print the new id.

    A person who looks like someone registered is refused (exit 2) with the candidates and
    why; registering a different person anyway takes --not-duplicate-of N --reason TEXT.

    Example:  troth person add --name "Ben Solo" --born 1999-10-25 --other-name work:Kylo
    """
    cmd = c.RegisterPerson(name, parse_date(born, "date of birth"), _other_names(other_name),
                           tuple(parent), _scent(gives, draws, scent_notes), district,
                           tuple(not_duplicate_of), reason)
    from troth.domain.linkage import PossibleDuplicate

    try:
        pid = registry().execute(cmd)
    except PossibleDuplicate as e:
        found = "; ".join(f"possible duplicate of #{m.other_id} ({m.why()})" for m in e.matches)
        flags = " ".join(f"--not-duplicate-of {m.other_id}" for m in e.matches)
        raise fail(f"{found}. If this is a different person, add {flags} --reason TEXT",
                   e.rule) from None
    emit_json({"id": pid}) if as_json else console.print(str(pid))


@birth_app.command("register")
@guarded
def register_birth(
    name: Annotated[str, typer.Option("--name", help="The child's legal name.")],
    born: Annotated[str, typer.Option("--born", help="Date of birth, YYYY-MM-DD.")],
    parent: Annotated[list[int], typer.Option(
        "--parent", help="A parent's id; one or two, alive at the birth.")],
    district: Annotated[str, typer.Option(help="District of residence.")] = "",
    as_json: bool = JSON_OPT,
) -> None:
    """Register a birth: a child with its parents, who must have been alive at the time.

    Example:  troth birth register --name "Ben Solo" --born 1999-10-25 --parent 4 --parent 5
    """
    cmd = c.RegisterBirth(name, parse_date(born, "date of birth"), tuple(parent), district)
    pid = registry().execute(cmd)
    emit_json({"id": pid}) if as_json else console.print(str(pid))


@app.command("present")
@guarded
def present(
    person_id: Annotated[int, typer.Argument(help="The person's id.")],
    as_: Annotated[str, typer.Option("--as", help="alpha, beta or omega.")],
    on: Annotated[str, typer.Option("--on", help="Date of presentation, YYYY-MM-DD.")],
    reason: Annotated[str, typer.Option(help="Needed outside the usual age window.")] = "",
) -> None:
    """Record a presentation. A designation is recorded once and never changes.

    Example:  troth person present 1 --as omega --on 2021-05-01
    """
    registry().execute(c.RecordPresentation(person_id, as_, parse_date(on), reason))
    console.print(f"#{person_id} presented as {as_.lower()} on {on}")


@app.command("scent")
@guarded
def scent(
    person_id: Annotated[int, typer.Argument(help="The person's id.")],
    by: Annotated[int, typer.Option("--by", help="Who measured it: a physician the person"
                                    " chose (her health records are shared with them).")],
    on: Annotated[str, typer.Option("--on", help="Date of the measurement, YYYY-MM-DD.")],
    gives: Annotated[str, typer.Option(help="Scent given off, comma-separated numbers.")],
    draws: Annotated[str, typer.Option(help="Scent perception, comma-separated numbers.")],
    notes: Annotated[str, typer.Option(help="Descriptive scent notes.")] = "",
) -> None:
    """Record or re-measure a person's scent signature (a physician the person chose).

    An identity attribute, not a health record: others see only compatibility scores, and
    the person's history says who measured it and when, never the values.

    Example:  troth person scent 7 --by 12 --on 2026-03-01 --gives 0.6,0.8 --draws 0.8,0.6
    """
    measured = _scent(gives, draws, notes)
    assert measured is not None  # both vectors are required options
    registry().execute(c.RecordScent(person_id, by, parse_date(on, "date of the measurement"),
                                     measured))
    console.print(f"scent signature of #{person_id} recorded by #{by} on {on}")


@app.command("death")
@guarded
def death(
    person_id: Annotated[int, typer.Argument(help="The person's id.")],
    on: Annotated[str, typer.Option("--on", help="Date of death, YYYY-MM-DD.")],
) -> None:
    """Record a death. Guardianships the person held or was under end on that date."""
    registry().execute(c.RecordDeath(person_id, parse_date(on, "date of death")))
    console.print(f"death of #{person_id} recorded on {on}")


def person_dict(p: Person) -> dict[str, object]:
    d = plain(p)
    assert isinstance(d, dict)
    return d


def known_by(known: str) -> date | None:
    """--known: 'then' is "as recorded by the date asked about"; 'today' is as known today."""
    if known not in ("then", "today"):
        raise InvalidInput(f"--known is 'then' or 'today', not '{known}'", rule="known")
    return registry().clock.today() if known == "today" else None


@app.command("show")
@guarded
def show(
    person_id: Annotated[int, typer.Argument(help="The person's id.")],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Show what the registry says as of this date: the facts in effect"
        " then, as the registry had recorded them by then.")] = None,
    known: Annotated[str, typer.Option(
        "--known", help="With --as-of: 'then' (the default) or 'today' — the same date as"
        " known today, corrections approved since included.")] = "then",
    as_json: bool = JSON_OPT,
) -> None:
    """Show a person's record (or, with --as-of, the record as it stood on a date).

    Example:  troth person show 1 --as-of 2024-01-01 --known today
    """
    reads = registry().queries.people
    day = parse_date_opt(as_of, "--as-of")
    if day is not None:
        snap = reads.snapshot(person_id, day, known_by(known))
        emit_json(snap) if as_json else console.print(plain(snap))
        return
    p = reads.person(person_id)
    g = reads.guardian_of(person_id, registry().clock.today())
    if as_json:
        emit_json({**person_dict(p), "guardian_id": g.guardian_id if g else None})
        return
    console.print(f"{p.legal_name} (#{p.id}), born {p.born}"
                  + (f", died {p.died}" if p.died else ""))
    console.print(f"designation: {p.designation or 'unpresented'}"
                  + (f" (presented {p.presented_on})" if p.presented_on else ""))
    for n in p.other_names:
        console.print(f"{n.kind} name: {n.name}")
    if p.parents:
        console.print("parents: " + ", ".join(f"#{x}" for x in p.parents))
    if g:
        console.print(f"guardian: #{g.guardian_id} since {g.start} ({g.court}, {g.order_ref})")
    if p.designation is not None and p.designation.value == "beta":
        for m in registry().queries.marriages.of_person(person_id):
            if m.status == "solemnised":
                console.print(f"married to #{m.other(p.id)} since {m.solemnised_on}"
                              f" (marriage #{m.id})")


@app.command("list")
@guarded
def list_people(
    name: Annotated[str, typer.Option(
        help="Three letters or more of any name (accents and case ignored), a registry"
             " number (#6) or a birth date (YYYY-MM-DD).")] = "",
    designation: Annotated[str | None, typer.Option(help="alpha, beta or omega.")] = None,
    min_age: Annotated[int | None, typer.Option(help="Minimum age today.")] = None,
    max_age: Annotated[int | None, typer.Option(help="Maximum age today.")] = None,
    alive: Annotated[bool | None, typer.Option("--alive/--dead", help="Only living/dead.")] = None,
    district: Annotated[str | None, typer.Option(help="District of residence.")] = None,
    page: Annotated[int, typer.Option(min=1)] = 1,
    per_page: Annotated[int, typer.Option(min=1, max=500)] = 20,
    after: Annotated[int | None, typer.Option(
        min=1, max=2_147_483_647,
        help="The page after this person (the id the previous page ended with).")] = None,
    as_json: bool = JSON_OPT,
) -> None:
    """Search people, a page at a time, in legal-name order.

    Example:  troth person list --name rey --designation omega --min-age 18
    """
    from troth.registry.views import SearchFilter

    reg = registry()
    f = SearchFilter(name, designation.lower() if designation else None, min_age, max_age,
                     alive, district)
    res = reg.queries.people.search(f, reg.clock.today(), page, per_page, after=after)
    if as_json:
        emit_json({"items": [person_dict(p) for p in res.items], "total": res.total,
                   "more": res.more, "page": res.page, "per_page": res.per_page,
                   "next_after": res.next_after})
        return
    if not res.items:
        console.print("No one matches. Try fewer filters, or register someone with"
                      " `troth person add`.")
        return
    from rich.table import Table

    table = Table("id", "legal name", "born", "designation", "other names")
    for p in res.items:
        table.add_row(str(p.id), p.legal_name, str(p.born), p.designation or "-",
                      ", ".join(n.name for n in p.other_names))
    console.print(table)
    if res.more:
        console.print(f"page {res.page} ({res.total_text} people)")
    else:
        console.print(f"page {res.page} of {res.pages} ({res.total_text} people)")
    if res.next_after is not None:
        console.print(f"next page: --after {res.next_after}")


@guarded
def history(
    person_id: Annotated[int, typer.Argument(help="The person's id.")],
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Only what had taken effect by this date, as recorded by then.")
    ] = None,
    known: Annotated[str, typer.Option(
        "--known", help="With --as-of: 'then' (the default) or 'today' (as known today).")
    ] = "then",
    as_json: bool = JSON_OPT,
) -> None:
    """A person's whole history in plain words, newest first.

    Example:  troth history 1 --as-of 2026-06-01 --known today
    """
    items = registry().queries.people.history(person_id, parse_date_opt(as_of, "--as-of"),
                                              known_by(known))
    if as_json:
        emit_json(items)
        return
    if not items:
        console.print("Nothing had been recorded by that date; add --known today to see what"
                      " is known of it today.")
    for h in items:
        console.print(f"{h.effective}  {h.text}  (entry {h.seq})")
