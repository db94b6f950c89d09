"""The rules of a Beta marriage. Safeguards, never waived: both spouses adults, both Betas,
both living, neither already married nor bonded, each one's own consent on record before
the marriage is solemnised, and nobody marries themself. No courtship custom applies."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from troth.domain import marriage as m
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput
from troth.domain.people import Designation, Person
from troth.domain.time_rules import not_before
from troth.domain.verdicts import refuse


def check_spouse(p: Person, on: date, customs: Customs) -> None:
    """May this person marry on `on`? A refusal names the safeguard and the person."""
    if p.born > on:
        raise refuse("spouse_on_record", f"#{p.id} was not born by {on}")
    if not p.alive_on(on):
        raise refuse("spouses_alive", f"#{p.id} is not living on {on}")
    if p.age_on(on) < customs.age_of_majority:
        raise refuse("both_adults",
                     f"#{p.id} is {p.age_on(on)} on {on}; both spouses must be at least"
                     f" {customs.age_of_majority} (a safeguard, never waived)")
    presented = p.presented_on is not None and p.presented_on <= on
    if p.designation is not Designation.BETA or not presented:
        what = p.designation.value.title() if p.designation and presented else "unpresented"
        raise refuse("both_betas",
                     f"#{p.id} is {what} on {on}; a marriage is of two Betas (an Alpha or an"
                     " Omega pairs by courtship and bonding)")


def check_pair(a: Person, b: Person, on: date, married: Collection[int],
               bonded: Collection[int], customs: Customs) -> None:
    if a.id == b.id:
        raise refuse("not_oneself", "a person cannot marry themself")
    for p in (a, b):
        check_spouse(p, on, customs)
    for p in (a, b):
        if p.id in married:
            raise refuse("neither_married", f"#{p.id} is married on {on}")
        if p.id in bonded:
            raise refuse("neither_bonded", f"#{p.id} is bonded on {on}")


def consent(cmd: m.ConsentToMarriage, found: m.Marriage | None, new_id: int, person: Person,
            partner: Person, married: Collection[int], bonded: Collection[int],
            notices: Collection[m.Marriage], today: date,
            customs: Customs) -> m.MarriageConsentRecorded:
    """The person's own consent; the first of a pair gives notice (a new marriage record).

    `found` is the pair's marriage waiting to be solemnised, if any; `notices` every
    marriage either of them has waiting, with anyone."""
    if cmd.on > today:
        raise refuse("date_in_future", f"a consent is recorded on the day, not ahead ({today})")
    check_pair(person, partner, cmd.on, married, bonded, customs)
    if found is not None:
        if person.id in found.consents:
            raise refuse("consent_recorded", f"#{person.id}'s consent to marriage #{found.id}"
                         f" is already on record ({found.consents[person.id]})")
        return m.MarriageConsentRecorded(found.id, person.id, partner.id, cmd.attested_by,
                                         cmd.on)
    for other in notices:
        waiting = [p for p in other.spouses() if p in (person.id, partner.id)]
        raise refuse("one_notice", f"#{waiting[0]} has marriage #{other.id} waiting to be"
                     " solemnised; a consent to it is withdrawn before another is given")
    return m.MarriageConsentRecorded(new_id, person.id, partner.id, cmd.attested_by, cmd.on,
                                     notice=True)


def withdraw(found: m.Marriage, cmd: m.WithdrawMarriageConsent,
             today: date) -> m.MarriageConsentWithdrawn:
    """A consent is withdrawn only by the person who gave it, and only before the marriage
    is solemnised; the notice lapses."""
    if cmd.person_id not in found.spouses():
        raise refuse("own_consent_withdrawn", "only a person named in the notice withdraws"
                     " their own consent")
    if found.status != "intended":
        raise refuse("marriage_state", f"marriage #{found.id} is {found.status}; a consent is"
                     " withdrawn only before the marriage is solemnised")
    if cmd.on > today:
        raise refuse("date_in_future", f"a withdrawal is recorded on the day, not ahead"
                     f" ({today})")
    given = found.consents.get(cmd.person_id)
    if given is not None:
        not_before(cmd.on, given, "a withdrawal", "the consent was given", "not_before_consent")
    return m.MarriageConsentWithdrawn(found.id, cmd.person_id, found.other(cmd.person_id),
                                      cmd.attested_by, cmd.on)


def solemnise(found: m.Marriage, cmd: m.SolemniseMarriage, spouses: tuple[Person, Person],
              officiant: Person, married: Collection[int], bonded: Collection[int],
              code: str, today: date, customs: Customs) -> m.MarriageSolemnised:
    if found.status != "intended":
        raise refuse("marriage_state", f"marriage #{found.id} is already {found.status}")
    if cmd.on > today:
        raise refuse("date_in_future", f"a marriage is solemnised on the day, not ahead"
                     f" ({today})")
    for pid in found.spouses():
        given = found.consents.get(pid)
        if given is None or given > cmd.on:
            raise refuse("own_consents", f"#{pid}'s own consent is not on record by {cmd.on};"
                         " a marriage is solemnised only with both spouses' consents")
    if officiant.id in found.spouses():
        raise refuse("officiant_independent", "a spouse cannot officiate their own marriage")
    if not officiant.alive_on(cmd.on):
        raise refuse("officiant_alive", f"the officiant #{officiant.id} is not living on"
                     f" {cmd.on}")
    witnesses = tuple(w.strip() for w in cmd.witnesses if w.strip())
    if not witnesses:
        raise InvalidInput("a marriage is solemnised before at least one witness",
                           rule="witnesses")
    check_pair(spouses[0], spouses[1], cmd.on, married, bonded, customs)
    return m.MarriageSolemnised(found.id, found.spouse1_id, found.spouse2_id, officiant.id,
                                witnesses, code, cmd.on)


def petition(found: m.Marriage, cmd: m.PetitionDissolution, new_id: int,
             open_petitions: Collection[int], today: date) -> m.DissolutionPetitioned:
    if cmd.petitioner_id not in found.spouses():
        raise refuse("spouses_petition", "either spouse may petition; no one else")
    if found.status != "solemnised" or found.solemnised_on is None:
        raise refuse("marriage_in_force", f"marriage #{found.id} is {found.status}")
    if cmd.on > today:
        raise refuse("date_in_future", f"a petition is filed on the day, not ahead ({today})")
    not_before(cmd.on, found.solemnised_on, "a petition", "the marriage was solemnised",
               "not_before_marriage")
    if cmd.grounds not in m.GROUNDS:
        raise InvalidInput(f"grounds are one of {', '.join(m.GROUNDS)}",
                           rule="dissolution_grounds")
    if open_petitions:
        raise refuse("one_petition", f"petition #{min(open_petitions)} on marriage"
                     f" #{found.id} is waiting for a decision")
    return m.DissolutionPetitioned(new_id, found.id, cmd.petitioner_id,
                                   found.other(cmd.petitioner_id), cmd.grounds,
                                   cmd.evidence.strip(), cmd.attested_by, cmd.on)


def decide(p: m.DissolutionPetition, found: m.Marriage, cmd: m.DecideDissolution,
           today: date) -> m.DissolutionDecided:
    if p.status != "filed":
        raise refuse("petition_state", f"petition #{p.id} is already {p.status}")
    if not cmd.reasons.strip():
        raise InvalidInput("a decision is recorded with its reasons", rule="decision_reasons")
    if cmd.on > today:
        raise refuse("date_in_future", f"a decision is made on the day, not ahead ({today})")
    not_before(cmd.on, p.filed_on, "a decision", "the petition was filed", "not_before_petition")
    dissolved = (cmd.dissolve_on or cmd.on) if cmd.granted else None
    if dissolved is not None and found.solemnised_on is not None \
            and dissolved <= found.solemnised_on:
        raise refuse("dissolution_date", f"the marriage was solemnised on {found.solemnised_on}")
    return m.DissolutionDecided(p.id, found.id, found.spouse1_id, found.spouse2_id, cmd.granted,
                                cmd.reasons.strip(), dissolved, cmd.on)
