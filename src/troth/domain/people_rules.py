"""Rules for registering people, births, deaths and presentations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from troth.domain import commands as c
from troth.domain import events as ev
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput
from troth.domain.people import Designation, Person
from troth.domain.verdicts import refuse

MAX_NAME = 200
# A parent may die during the pregnancy; not before the conception (40 weeks earlier).
CONCEPTION_WINDOW = timedelta(days=280)


def _check_name(name: str, label: str = "legal name") -> str:
    name = name.strip()
    if not name:
        raise InvalidInput(f"a {label} is required", rule="name_required")
    if len(name) > MAX_NAME:
        raise InvalidInput(f"a {label} has at most {MAX_NAME} characters", rule="name_length")
    return name


def _check_not_future(day: date, today: date, what: str) -> None:
    if day > today:
        raise refuse("date_in_future", f"{what} {day} is after today ({today})")


def _check_parents(born: date, parents: Sequence[Person]) -> None:
    if len(parents) > 2:
        raise refuse("parents_at_most_two", "a person has at most two recorded parents")
    if len({p.id for p in parents}) != len(parents):
        raise refuse("parents_distinct", "the same parent is named twice")
    for p in parents:
        if p.born >= born:
            raise refuse(
                "parent_born_before_child",
                f"parent #{p.id} ({p.legal_name}) was born on {p.born}, not before {born}",
            )
        if p.died is not None and p.died < born - CONCEPTION_WINDOW:
            raise refuse(
                "parent_alive_at_conception",
                f"parent #{p.id} ({p.legal_name}) died on {p.died}, more than 40 weeks"
                f" before the birth on {born}",
            )


check_name = _check_name  # the same rules for a correction (troth.domain.correction_rules)
check_parents = _check_parents


def register_person(
    cmd: c.RegisterPerson, new_id: int, parents: Sequence[Person], today: date
) -> ev.PersonRegistered:
    name = _check_name(cmd.legal_name)
    _check_not_future(cmd.born, today, "date of birth")
    _check_parents(cmd.born, parents)
    others = tuple((_check_name(o.kind, "name kind"), _check_name(o.name, "name"))
                   for o in cmd.other_names)
    scent = cmd.scent
    return ev.PersonRegistered(
        person_id=new_id,
        legal_name=name,
        born=cmd.born,
        other_names=others,
        parents=tuple(p.id for p in parents),
        scent_gives=scent.gives if scent else (),
        scent_draws=scent.draws if scent else (),
        scent_notes=scent.notes if scent else "",
        district=cmd.district.strip(),
    )


def register_birth(
    cmd: c.RegisterBirth, new_id: int, parents: Sequence[Person], today: date
) -> ev.PersonRegistered:
    if not parents:
        raise refuse("birth_needs_parent", "a birth is registered with at least one parent")
    person = register_person(
        c.RegisterPerson(cmd.legal_name, cmd.born, parents=cmd.parents, district=cmd.district),
        new_id, parents, today,
    )
    return replace(person, as_birth=True)


def record_death(person: Person, died: date, today: date) -> ev.DeathRecorded:
    _check_not_future(died, today, "date of death")
    if person.died is not None:
        raise refuse("death_recorded_once",
                     f"#{person.id}'s death is already recorded ({person.died})")
    if died < person.born:
        raise refuse("death_after_birth", f"a death on {died} is before the birth on {person.born}")
    return ev.DeathRecorded(person_id=person.id, died=died)


def record_scent(person: Person, cmd: c.RecordScent, chosen: bool,
                 today: date) -> ev.ScentMeasured:
    """A scent measured on `cmd.on` by a physician she chose (`chosen`: her current share
    names `cmd.by_id` as her physician; troth.domain.health.chosen_physician)."""
    if not chosen:
        raise refuse("scent_by_chosen_physician", "a scent signature is recorded by a"
                     " physician the person chose, and by no one else")
    _check_not_future(cmd.on, today, "a scent measured on")
    if not person.alive_on(cmd.on):
        raise refuse("scent_while_alive", f"#{person.id} was not alive on {cmd.on}")
    s = cmd.scent
    return ev.ScentMeasured(person_id=person.id, by_id=cmd.by_id, on=cmd.on, gives=s.gives,
                            draws=s.draws, notes=s.notes.strip(),
                            remeasured=person.scent is not None)


def parse_designation(text: str) -> Designation:
    try:
        return Designation(text.strip().lower())
    except ValueError:
        raise InvalidInput(
            f"'{text}' is not a designation; use alpha, beta or omega", rule="designation"
        ) from None


def record_presentation(
    person: Person, cmd: c.RecordPresentation, today: date, customs: Customs
) -> ev.Presented:
    designation = parse_designation(cmd.designation)
    if person.designation is not None:
        raise refuse(
            "designation_never_changes",
            f"#{person.id} presented as {person.designation} on {person.presented_on};"
            " a designation never changes",
        )
    _check_not_future(cmd.on, today, "presentation date")
    if not person.alive_on(cmd.on):
        raise refuse("presented_while_alive", f"#{person.id} was not alive on {cmd.on}")
    age = person.age_on(cmd.on)
    lo, hi = customs.presentation_min_age, customs.presentation_max_age
    if not lo <= age <= hi and not cmd.reason.strip():
        raise refuse(
            "presentation_age_window",
            f"presenting at age {age} is outside the usual window {lo}-{hi};"
            " record a reason to proceed",
        )
    return ev.Presented(
        person_id=person.id, designation=designation.value, on=cmd.on, reason=cmd.reason.strip()
    )
