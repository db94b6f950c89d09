"""Court guardianships of unbonded Omegas.

A guardianship covers the half-open interval [start, end): on a transfer date the new
guardian is the guardian. A ward has at most one guardian on any date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from troth.domain import events as ev
from troth.domain.errors import InvalidInput
from troth.domain.people import Designation, Person
from troth.domain.verdicts import refuse

if TYPE_CHECKING:  # annotations only: reading a guardianship needs none of these modules
    from troth.domain import commands as c
    from troth.domain.customs import Customs
    from troth.domain.welfare import Incident


@dataclass
class Guardianship:
    id: int
    ward_id: int
    guardian_id: int
    court: str
    order_ref: str
    start: date
    end: date | None = None
    how_ended: str = ""
    reason: str = ""  # the order's stated reason, where one was recorded
    court_waiver_ref: str = ""  # the court's waiver of the guardian's open reviews

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def overlaps(self, start: date, end: date | None) -> bool:
        return (end is None or self.start < end) and (self.end is None or start < self.end)


def _need(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise InvalidInput(f"{what} is required", rule="court_order_required")
    return text


def appoint(
    cmd: c.AppointGuardian,
    new_id: int,
    ward: Person,
    guardian: Person,
    existing: Sequence[Guardianship],
    ward_bonded: bool,
    today: date,
    customs: Customs,
    parents: Sequence[Person] = (),
    open_reviews: Sequence[Incident] = (),
) -> ev.GuardianAppointed:
    """Judge an appointment. `parents` are the ward's parents in the registry; `open_reviews`
    the open welfare reviews of guardianships the prospective guardian holds or held."""
    court, order = _need(cmd.court, "the court"), _need(cmd.order_ref, "the order reference")
    if ward.id == guardian.id:
        raise refuse("guardian_not_ward", "a ward cannot be their own guardian")
    _omega_on(ward, cmd.start)
    if ward_bonded:
        raise refuse("ward_unbonded", f"#{ward.id} is bonded; guardianship ends at bonding")
    if cmd.start > today:
        raise refuse("date_in_future", f"start date {cmd.start} is after today ({today})")
    for who, label in ((ward, "ward"), (guardian, "guardian")):
        if not who.alive_on(cmd.start):
            raise refuse("alive_on_start", f"the {label} #{who.id} was not alive on {cmd.start}")
    if guardian.age_on(cmd.start) < customs.age_of_majority:
        raise refuse(
            "guardian_is_adult",
            f"the guardian #{guardian.id} was {guardian.age_on(cmd.start)} on {cmd.start};"
            f" a guardian is at least {customs.age_of_majority}",
        )
    custom = customs.guardian_designation
    if (guardian.designation is None or guardian.designation.value != custom) and (
        not cmd.reason.strip()
    ):
        raise refuse(
            "guardian_designation_custom",
            f"by custom a guardian is a {custom.title()}; #{guardian.id} is"
            f" {guardian.designation or 'unpresented'}: record a reason to proceed",
        )
    _parents_or_reason(ward, parents, cmd)
    waiver = _review_waiver(guardian, open_reviews, cmd.court_waiver_ref)
    for g in existing:
        if g.overlaps(cmd.start, None):
            until = f"until {g.end}" if g.end else "with no end"
            raise refuse(
                "one_guardian_at_a_time",
                f"#{ward.id} already has guardian #{g.guardian_id} from {g.start} {until};"
                " transfer or end that guardianship first",
            )
    return ev.GuardianAppointed(
        guardianship_id=new_id, ward_id=ward.id, guardian_id=guardian.id, court=court,
        order_ref=order, start=cmd.start, reason=cmd.reason.strip(), court_waiver_ref=waiver,
        reviews_waived=tuple(sorted(i.id for i in open_reviews)),
    )


def _omega_on(ward: Person, start: date) -> None:
    """The ward's designation is judged on the start date, not today."""
    if ward.designation is not Designation.OMEGA:
        raise refuse(
            "ward_is_omega",
            f"#{ward.id} has not presented as an Omega; court guardianship is for unbonded Omegas",
        )
    if ward.presented_on is not None and ward.presented_on > start:
        raise refuse(
            "ward_is_omega",
            f"#{ward.id} presented as an Omega on {ward.presented_on}, after the start date"
            f" {start}; a guardianship starts on or after the ward's presentation",
        )


def living_parents(parents: Sequence[Person], on: date) -> list[Person]:
    """Parents alive after `on` began: a parent who died that day has left the ward."""
    return [p for p in parents if p.born <= on and (p.died is None or p.died > on)]


def _parents_or_reason(ward: Person, parents: Sequence[Person], cmd: c.AppointGuardian) -> None:
    living = living_parents(parents, cmd.start)
    if living and not cmd.reason.strip():
        names = " and ".join(f"#{p.id}" for p in living)
        raise refuse(
            "ward_has_living_parents",
            f"#{ward.id} has a living parent in the registry on {cmd.start} ({names}); a"
            " guardian is appointed for a ward with living parents only with the court"
            " order's stated reason, recorded",
        )


def _review_waiver(guardian: Person, open_reviews: Sequence[Incident], ref: str) -> str:
    """Custom: a guardian under an open welfare review is appointed only on a waiver citing
    the court's reference."""
    ref = ref.strip()
    if open_reviews and not ref:
        ids = ", ".join(f"#{i.id}" for i in sorted(open_reviews, key=lambda i: i.id))
        raise refuse(
            "guardian_under_review",
            f"#{guardian.id} is the guardian in a guardianship under an open welfare review"
            f" (incident {ids}); the appointment needs a waiver citing the court's reference",
        )
    return ref if open_reviews else ""


def end(current: Guardianship | None, ward_id: int, on: date, how: str, note: str,
        today: date) -> ev.GuardianshipEnded:
    if how not in {"ended", "revoked", "transferred", "bonded", "died"}:
        raise InvalidInput(f"'{how}' is not a way a guardianship ends", rule="guardianship_end")
    if current is None:
        raise refuse("guardianship_active", f"#{ward_id} has no guardian to end")
    if on > today:
        raise refuse("date_in_future", f"end date {on} is after today ({today})")
    if on <= current.start:
        raise refuse(
            "end_after_start",
            f"the guardianship began on {current.start}; it can only end after that day",
        )
    return ev.GuardianshipEnded(
        guardianship_id=current.id, ward_id=current.ward_id, guardian_id=current.guardian_id,
        end=on, how=how, note=note.strip(),
    )
