"""Bonding ceremonies, bonds and annulments.

Safeguards (never waived): both parties' own consent to the bonding, recorded before it is
sealed; both adults; neither already bonded; one Alpha and one Omega. Customs (waivable on
record): the customary number of Visits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from troth.domain import commands as c
from troth.domain import courtship_events as ev
from troth.domain.courtship import Courtship, CourtshipStatus, bonding_custom_findings
from troth.domain.courtship_rules import check_adult_pair
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput, Refused
from troth.domain.health import PhysicianFinding
from troth.domain.people import Person
from troth.domain.time_rules import not_before
from troth.domain.verdicts import Finding, Verdict, judge, refuse
from troth.domain.welfare import Incident, waivers_after_threats

GROUNDS = ("no_heats", "mutual_wish", "cruelty", "abandonment", "other")


@dataclass
class Ceremony:
    id: int
    courtship_id: int
    officiant_id: int
    witnesses: tuple[str, ...]
    on: date
    status: str = "scheduled"  # scheduled | sealed
    at: str = ""  # the time of day, HH:MM; "" when not fixed
    place: str = ""  # where it is held, in words; "" when not named


@dataclass
class Bond:
    id: int
    alpha_id: int
    omega_id: int
    courtship_id: int
    sealed_on: date
    household: str
    certificate_code: str
    dissolved_on: date | None = None

    def active_on(self, day: date) -> bool:
        return self.sealed_on <= day and (self.dissolved_on is None or day < self.dissolved_on)


@dataclass
class Petition:
    id: int
    bond_id: int
    petitioner_id: int
    grounds: str
    status: str = "filed"  # filed | granted | refused


def bonding_verdict(court: Courtship, alpha: Person, omega: Person, bonded: list[int],
                    on: date, customs: Customs, incidents: Sequence[Incident] = ()) -> Verdict:
    """May this courtship be sealed as a bond on `on`? Every finding has its reason.

    The verdict is as of `on`: consents, counted Visits and waivers recorded after that day
    do not count, and nothing is sealed before the courtship was proposed. A waiver granted
    after a reported threat (among `incidents`) is flagged whatever the outcome."""
    refusals: list[Finding] = []
    if court.status is not CourtshipStatus.OPEN:
        refusals.append(Finding("courtship_open", f"courtship #{court.id} is {court.status}"))
    if on < court.proposed_on:
        refusals.append(Finding("not_before_proposal",
                                f"a bond on {on} cannot come before the courtship was proposed"
                                f" ({court.proposed_on})"))
    try:
        check_adult_pair(alpha, omega, on, customs)
    except Refused as r:
        refusals.append(Finding(r.rule, r.message))
    for p in (alpha, omega):
        if p.id in bonded:
            refusals.append(Finding("neither_bonded", f"#{p.id} is already bonded"))
    by = f" by {on}" if court.consented(omega.id, "bonding") else ""
    if not court.consented(omega.id, "bonding", on):
        refusals.append(Finding("omega_consent",
                                f"the Omega's own consent to the bonding is not recorded{by};"
                                " troth refuses a bonding without it"))
    by = f" by {on}" if court.consented(alpha.id, "bonding") else ""
    if not court.consented(alpha.id, "bonding", on):
        refusals.append(Finding("alpha_consent",
                                f"the Alpha's consent to the bonding is not recorded{by}"))
    verdict = judge(refusals, bonding_custom_findings(court, customs, on))
    flags = tuple(waivers_after_threats(court, incidents))
    return Verdict(verdict.outcome, verdict.findings + flags) if flags else verdict


def schedule_ceremony(court: Courtship, cmd: c.ScheduleCeremony, new_id: int,
                      officiant: Person) -> ev.CeremonyScheduled:
    if court.status is not CourtshipStatus.OPEN:
        raise refuse("courtship_open", f"courtship #{court.id} is {court.status}")
    if officiant.id in court.parties():
        raise refuse("officiant_independent", "a party cannot officiate their own bonding")
    not_before(cmd.on, court.opened_on(), "a ceremony", "the Omega's consent to the courtship",
               "not_before_courtship")
    witnesses = tuple(w.strip() for w in cmd.witnesses if w.strip())
    if not witnesses:
        raise InvalidInput("a bonding ceremony has at least one witness", rule="witnesses")
    return ev.CeremonyScheduled(new_id, court.id, court.alpha_id, court.omega_id, officiant.id,
                                witnesses, cmd.on, ceremony_time(cmd.at),
                                ceremony_place(cmd.place))


_HH_MM = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")
PLACE_MAX = 200


def ceremony_time(text: str | None) -> str:
    """A ceremony's time of day as HH:MM (24 hours); "" when none is given."""
    value = (text or "").strip()
    if value and not _HH_MM.fullmatch(value):
        shown = value.replace("\x00", "")[:20]
        raise InvalidInput(f"the ceremony's time '{shown}' is not a time of day as HH:MM"
                           " (24 hours), for example 15:00", rule="ceremony_time")
    return value


def ceremony_place(text: str | None) -> str:
    """Where a ceremony is held, in words; "" when none is given. Given, it is not blank."""
    if text is None:
        return ""
    value = text.strip()
    if "\x00" in value:
        raise InvalidInput("the ceremony's place contains a character troth cannot store",
                           rule="ceremony_place")
    if not value:
        raise InvalidInput("the ceremony's place is blank: name it, or leave it out",
                           rule="ceremony_place")
    if len(value) > PLACE_MAX:
        raise InvalidInput(f"the ceremony's place is longer than {PLACE_MAX} characters",
                           rule="ceremony_place")
    return value


def seal(ceremony: Ceremony, court: Courtship, cmd: c.SealBond, verdict: Verdict,
         new_id: int, code: str, today: date) -> ev.BondSealed:
    if ceremony.status != "scheduled":
        raise refuse("ceremony_state", f"ceremony #{ceremony.id} is already {ceremony.status}")
    if cmd.officiant_id != ceremony.officiant_id:
        raise refuse("officiant_assigned",
                     f"#{cmd.officiant_id} is not the officiant assigned to this ceremony")
    if cmd.on < ceremony.on:
        raise refuse("ceremony_date", f"the ceremony is set for {ceremony.on}")
    if cmd.on > today:
        raise refuse("date_in_future", f"a bond is sealed on the day, not ahead ({today})")
    if not cmd.household.strip():
        raise InvalidInput("the household's address is required", rule="household")
    verdict.raise_unless_allowed()
    waived = tuple(sorted({w.custom for w in court.waivers}))
    return ev.BondSealed(new_id, ceremony.id, court.id, court.alpha_id, court.omega_id,
                         ceremony.officiant_id, ceremony.witnesses, cmd.household.strip(),
                         code, waived, cmd.on)


def petition(bond: Bond, cmd: c.PetitionAnnulment, new_id: int,
             finding: PhysicianFinding | None = None) -> ev.AnnulmentPetitioned:
    """A petition by either party; a finding named in it is checked as a release of it."""
    parties = (bond.alpha_id, bond.omega_id)
    if cmd.petitioner_id not in parties:
        raise refuse("parties_petition", "either party to the bond may petition; no one else")
    if bond.dissolved_on is not None:
        raise refuse("bond_active", f"bond #{bond.id} was dissolved on {bond.dissolved_on}")
    not_before(cmd.on, bond.sealed_on, "a petition", "the bond was sealed", "not_before_bond")
    if cmd.grounds not in GROUNDS:
        raise InvalidInput(f"grounds are one of {', '.join(GROUNDS)}", rule="annulment_grounds")
    if cmd.finding_id is not None or cmd.finding_consent_by is not None:
        if finding is None:
            raise InvalidInput("name the physician's finding attached", rule="finding_exists")
        check_release(bond, finding, cmd.finding_consent_by, cmd.petitioner_id,
                      cmd.attested_by)
    other = bond.omega_id if cmd.petitioner_id == bond.alpha_id else bond.alpha_id
    consent = None if finding is None else finding.person_id
    return ev.AnnulmentPetitioned(new_id, bond.id, cmd.petitioner_id, other, cmd.grounds,
                                  cmd.evidence.strip(), None, "", consent, cmd.on)


def check_release(bond: Bond, finding: PhysicianFinding, released_by: int | None,
                  acting_id: int, attested_by: int | None) -> None:
    """Her finding is attached only by her own release: given by her, signed in as herself
    (`acting_id` is her), or in person at the office with the registrar attesting it."""
    if finding.person_id not in (bond.alpha_id, bond.omega_id):
        raise refuse("finding_of_party", "a finding attached to a petition concerns one of"
                     " the bond's parties")
    if released_by != finding.person_id:
        raise refuse("health_record_consent",
                     "a physician's finding is attached only with the release of the person"
                     " it concerns; health records belong to their owner")
    if acting_id != released_by and attested_by is None:
        raise refuse("release_by_herself", "she releases her finding herself, signed in as"
                     " herself, or in person at the office with the registrar attesting it")


def release_finding(p: Petition, bond: Bond, finding: PhysicianFinding, cmd: c.ReleaseFinding,
                    released: bool, today: date
                    ) -> ev.FindingReleased | ev.FindingReleaseWithdrawn:
    """Release her finding for this petition only, or withdraw it; both until the decision."""
    if p.status != "filed":
        raise refuse("petition_state", f"petition #{p.id} is already {p.status}; a release"
                     " is given or withdrawn only until the decision")
    check_release(bond, finding, cmd.by_id, cmd.by_id, cmd.attested_by)
    if cmd.release:
        if released:
            raise refuse("finding_released", f"finding #{finding.id} is already released"
                         f" for petition #{p.id}")
        return ev.FindingReleased(p.id, finding.id, finding.person_id, cmd.attested_by,
                                  today)
    if not released:
        raise refuse("finding_released", f"finding #{finding.id} is not released for"
                     f" petition #{p.id}")
    return ev.FindingReleaseWithdrawn(p.id, finding.id, finding.person_id, cmd.attested_by,
                                      today)


def decide(p: Petition, bond: Bond, cmd: c.DecideAnnulment) -> ev.AnnulmentDecided:
    if p.status != "filed":
        raise refuse("petition_state", f"petition #{p.id} is already {p.status}")
    if not cmd.reasons.strip():
        raise InvalidInput("a decision is recorded with its reasons", rule="decision_reasons")
    not_before(cmd.on, bond.sealed_on, "a decision", "the bond was sealed", "not_before_bond")
    dissolved = (cmd.dissolve_on or cmd.on) if cmd.granted else None
    if dissolved is not None and dissolved <= bond.sealed_on:
        raise refuse("dissolution_date", f"the bond was sealed on {bond.sealed_on}")
    return ev.AnnulmentDecided(p.id, bond.id, bond.alpha_id, bond.omega_id, cmd.granted,
                               cmd.reasons.strip(), dissolved, cmd.on)
