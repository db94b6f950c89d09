"""The rules for corrections: what a request needs, who may decide it, and that a corrected
fact obeys the same rules as a registration (time rules for dates, parents born before the
child, a bonded person or a guardian never made a minor ...). Each refusal names its rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from troth.domain import correction as co
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput
from troth.domain.people import Person
from troth.domain.people_rules import check_name, check_parents, parse_designation
from troth.domain.time_rules import check_date
from troth.domain.verdicts import refuse

MAX_EVIDENCE = 2000
MAX_DISTRICT = 100
MAX_NAME_KIND = 40


@dataclass(frozen=True)
class Standing:
    """What else the registry holds of the person that a corrected fact must stay true to."""

    children: tuple[tuple[int, date], ...] = ()  # (child's id, date of birth)
    bonded_on: tuple[date, ...] = ()  # the days the person's bonds were sealed
    guardian_from: tuple[date, ...] = ()  # the starts of guardianships the person held
    engaged: tuple[str, ...] = ()  # courtships in progress, bonds and marriages in force
    #                                ("bond #2", "marriage #1")


def registrar(account_id: int, roles: Sequence[str], what: str) -> None:
    """Only a registrar's account requests or decides a correction."""
    if "registrar" not in roles:
        raise refuse("correction_by_registrar",
                     f"account #{account_id} is not a registrar's; only a registrar may"
                     f" {what} a correction")


def request(cmd: co.RequestCorrection, correction_id: int, person: Person,
            new_parents: Sequence[Person], standing: Standing, pending: Sequence[str],
            today: date, customs: Customs) -> co.CorrectionRequested:
    field = co.field_named(cmd.field)
    evidence = cmd.evidence.strip()
    if not evidence:
        raise InvalidInput("a correction needs its evidence (what the registrar saw: a"
                           " hospital record, a court order ...)", rule="evidence_required")
    if len(evidence) > MAX_EVIDENCE:
        raise InvalidInput(f"evidence has at most {MAX_EVIDENCE} characters",
                           rule="evidence_required")
    court = cmd.court_order_ref.strip()
    if field in co.COURT_ONLY and not court:
        raise refuse("designation_court_order",
                     "a designation is corrected only on a court order; give the order's"
                     " reference")
    if field in pending:
        raise refuse("correction_pending",
                     f"a correction of #{person.id}'s {co.FIELDS[field]} is already waiting"
                     " for a decision; approve or reject it first")
    new = co.parse_input(field, cmd.value)
    check_value(field, new, person, new_parents, standing, today, customs)
    old_text = co.encode(field, co.current(person, field))
    new_text = co.encode(field, normalised(field, new))
    if new_text == old_text:
        raise refuse("correction_changes_nothing",
                     f"#{person.id}'s {co.FIELDS[field]} is already"
                     f" {co.shown(field, old_text)}")
    return co.CorrectionRequested(correction_id, person.id, field, old_text, new_text,
                                  evidence, cmd.requested_by, today, court)


def parents_judged(field: str, value: co.Value, person: Person) -> tuple[int, ...]:
    """The parents a correction is judged against: the new ones, or the person's own."""
    if field == "parents":
        return co.as_ids(value)
    return person.parents


def _decidable(c: co.Correction, decided_by: int, verb: str) -> None:
    if c.state != "pending":
        raise refuse("correction_decided",
                     f"correction #{c.id} was already {c.state} on {c.decided_on}")
    if decided_by == c.requested_by:
        raise refuse("maker_checker",
                     f"account #{decided_by} requested correction #{c.id}; a different"
                     f" registrar's account must {verb} it (two hands)")


def approve(c: co.Correction, decided_by: int, reason: str, person: Person,
            new_parents: Sequence[Person], standing: Standing, today: date,
            customs: Customs) -> co.CorrectionApproved:
    _decidable(c, decided_by, "approve")
    now = co.encode(c.field, co.current(person, c.field))
    if now != c.old:
        raise refuse("correction_stale",
                     f"#{person.id}'s {co.FIELDS[c.field]} changed since correction #{c.id}"
                     f" was requested (it is now {co.shown(c.field, now)}); reject this"
                     " request and make a new one")
    check_value(c.field, co.decode(c.field, c.new), person, new_parents, standing, today,
                customs)
    return co.CorrectionApproved(c.id, c.person_id, c.field, c.old, c.new, c.requested_by,
                                 decided_by, today, reason.strip())


def reject(c: co.Correction, decided_by: int, reason: str, today: date
           ) -> co.CorrectionRejected:
    _decidable(c, decided_by, "reject")
    if not reason.strip():
        raise InvalidInput("a rejection gives its reason", rule="decision_reasons")
    return co.CorrectionRejected(c.id, c.person_id, c.field, c.requested_by, decided_by,
                                 today, reason.strip())


def normalised(field: str, value: co.Value) -> co.Value:
    if field == "designation":
        return parse_designation(str(value)).value
    return value


def check_value(field: str, value: co.Value, person: Person, new_parents: Sequence[Person],
                standing: Standing, today: date, customs: Customs) -> None:
    """The corrected fact obeys the rules a registration obeys."""
    if field == "legal_name":
        check_name(str(value))
    elif field == "other_names":
        for n in co.as_names(value):
            check_name(n.kind, "name kind")
            check_name(n.name, "name")
            if len(n.kind) > MAX_NAME_KIND:
                raise InvalidInput(f"a name kind has at most {MAX_NAME_KIND} characters",
                                   rule="name_length")
    elif field == "district":
        if len(str(value)) > MAX_DISTRICT:
            raise InvalidInput(f"a district has at most {MAX_DISTRICT} characters",
                               rule="correction_value")
    elif field == "designation":
        parse_designation(str(value))
        if person.designation is None:
            raise refuse("designation_not_recorded",
                         f"#{person.id} has not presented; a presentation is recorded, not"
                         " corrected")
        if standing.engaged:
            raise refuse("designation_in_use",
                         f"#{person.id} is a party to {', '.join(standing.engaged)}, made as"
                         f" {person.designation}; the designation is corrected once"
                         " those are ended or annulled")
    elif field == "parents":
        _check_parents(person, new_parents, standing)
    elif field == "born":
        assert isinstance(value, date)
        _check_born(value, person, new_parents, standing, today, customs)


def _check_parents(person: Person, parents: Sequence[Person], standing: Standing) -> None:
    if person.id in {p.id for p in parents}:
        raise refuse("parents_distinct", f"#{person.id} cannot be their own parent")
    children = {cid for cid, _ in standing.children}
    for p in parents:
        if p.id in children:
            raise refuse("parent_born_before_child",
                         f"#{p.id} ({p.legal_name}) is #{person.id}'s child, not a parent")
    check_parents(person.born, parents)


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _check_born(born: date, person: Person, parents: Sequence[Person], standing: Standing,
                today: date, customs: Customs) -> None:
    check_date(born, "date of birth", today)
    if born > today:
        raise refuse("date_in_future", f"date of birth {born} is after today ({today})")
    check_parents(born, parents)
    for cid, child_born in standing.children:
        if child_born <= born:
            raise refuse("parent_born_before_child",
                         f"#{person.id}'s child #{cid} was born on {child_born}, not after"
                         f" {born}")
    if person.died is not None and person.died < born:
        raise refuse("death_after_birth",
                     f"#{person.id}'s death on {person.died} is before {born}")
    adult = customs.age_of_majority
    for what, days in (("bonded", standing.bonded_on),
                       ("appointed a guardian", standing.guardian_from)):
        for day in days:
            if _age(born, day) < adult:
                raise refuse("correction_makes_minor",
                             f"with a date of birth of {born}, #{person.id} would have been"
                             f" {_age(born, day)} when {what} on {day}; a bonded person or a"
                             f" guardian is an adult (at least {adult})")
    if person.presented_on is not None and person.presented_on < born:
        raise refuse("presented_while_alive",
                     f"#{person.id} presented on {person.presented_on}, before {born}")
