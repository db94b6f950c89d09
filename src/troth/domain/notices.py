"""Who is told of what: notifications derived from the ledger's events, as one table.

NOTICES maps an event's kind to a function that returns the notices it gives: each names
its recipient (a person, or `REGISTRY` for the office's registrars), its words, and the
record it may link to (the policy action and id the viewer must hold for the link to be
shown). The words never carry health details (what was shared, a finding, a petition's
grounds or evidence) nor an incident's description; the recipients are people the policy
lets read the record (its parties, their guardian, the Visit's handlers, the officiant).
A confidential declaration of pressure (welfare.PRESSURED), like every welfare review, is
told to the registry only — never to the other party, the guardian or the sponsor.

Two kinds are not ledger events: a health share given or withdrawn ("health_shared") and a
shared health record read ("health_share_used"); the health file and the access log give
them, in the same transaction as the row they come from (the ledger holds only digests).

The contact e-mail (where a person's notices are also sent) is kept beside the ledger, which
records only that it changed (`ContactEmailChanged`): an address is not a public fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar, Protocol

from troth.domain.commands import Command
from troth.domain.errors import InvalidInput
from troth.domain.events import Event

REGISTRY: None = None  # a notice's recipient when it is told to the registry's registrars
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass(frozen=True)
class Notice:
    to: int | None  # a person, or REGISTRY
    words: str
    action: str = ""  # the policy action the viewer needs for the link ("" = no link)
    record_id: int | None = None
    href: str = ""


class Facts(Protocol):
    """What the table reads of the registry when the event is recorded."""

    def name(self, person_id: int) -> str: ...

    def guardians(self, person_id: int) -> list[int]:
        """The person's guardians in force."""
        ...


@dataclass(frozen=True)
class HealthShared:
    """A health share given or withdrawn (a private health entry, not a ledger event)."""

    kind: ClassVar[str] = "health_shared"
    owner_id: int
    grantee_id: int
    granted: bool


@dataclass(frozen=True)
class HealthShareUsed:
    """Someone the owner shared her record with read it (from the access log)."""

    kind: ClassVar[str] = "health_share_used"
    owner_id: int
    reader_id: int
    source: str  # the page or command, as the access log names it


def when(value: str | date) -> str:
    """"21 March 2026, 19:00" (a date, or an ISO date-time)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if isinstance(value, datetime):
        text += f", {value:%H:%M}"
    return text


# --- the table ---------------------------------------------------------------------------

def _courtship(cid: int, to: int | None, words: str) -> Notice:
    return Notice(to, words, "courtship.read", cid, f"/courtships/{cid}")


def _introduction(e: Any, f: Facts) -> list[Notice]:
    a, o = f.name(e.alpha_id), f.name(e.omega_id)
    out = [_courtship(e.courtship_id, e.omega_id,
                      f"An introduction to {a} was proposed. Your consent to the courtship is"
                      " asked; you may give it or decline."),
           _courtship(e.courtship_id, e.alpha_id,
                      f"An introduction to {o} was proposed. Your consent to the courtship is"
                      " asked.")]
    out += [_courtship(e.courtship_id, g, f"An introduction of {o}, your ward, to {a} was"
                       " proposed.") for g in f.guardians(e.omega_id)]
    if e.sponsor_id:
        out.append(_courtship(e.courtship_id, e.sponsor_id,
                              f"The introduction of {a} and {o} you sponsored was proposed."))
    return out


def _consent(e: Any, f: Facts) -> list[Notice]:
    said = "gave consent to" if e.given else "declined"
    words = f"{f.name(e.person_id)} {said} the {e.stage} (courtship #{e.courtship_id})."
    to = [e.other_id, *f.guardians(e.person_id), *f.guardians(e.other_id)]
    return [_courtship(e.courtship_id, p, words) for p in dict.fromkeys(to)]


def _acknowledged(e: Any, f: Facts) -> list[Notice]:
    return [_courtship(e.courtship_id, e.ward_id, f"{f.name(e.guardian_id)}, your guardian,"
                       f" acknowledged courtship #{e.courtship_id}.")]


def _ended(e: Any, f: Facts) -> list[Notice]:
    words = f"Courtship #{e.courtship_id} was ended by {f.name(e.by_id)} on {when(e.on)}."
    return [_courtship(e.courtship_id, p, words) for p in (e.alpha_id, e.omega_id)
            if p != e.by_id]


def _visit(e: Any, f: Facts, words: str, handlers: tuple[int, ...] = ()) -> list[Notice]:
    to = dict.fromkeys((e.alpha_id, e.omega_id, *f.guardians(e.omega_id), *handlers))
    return [Notice(p, words, "visit.read", e.visit_id, f"/visits/{e.visit_id}") for p in to]


def _visit_scheduled(e: Any, f: Facts) -> list[Notice]:
    return _visit(e, f, f"A Visit of {f.name(e.alpha_id)} to {f.name(e.omega_id)} was"
                  f" scheduled for {when(e.starts_at)} at {e.place}.", e.handlers)


def _visit_cancelled(e: Any, f: Facts) -> list[Notice]:
    return _visit(e, f, f"Visit #{e.visit_id} of {f.name(e.alpha_id)} to"
                  f" {f.name(e.omega_id)} was cancelled.")


def _ceremony(e: Any, f: Facts) -> list[Notice]:
    words = (f"The bonding ceremony of {f.name(e.alpha_id)} and {f.name(e.omega_id)} was"
             f" scheduled for {', '.join(w for w in (when(e.on), e.at, e.place) if w)}.")
    asked = words + (" Your consent to the bonding is asked, if you have not given it; you"
                     " may give it or decline.")
    return [Notice(p, asked if p != e.officiant_id else words, "ceremony.read", e.ceremony_id,
                   f"/ceremonies/{e.ceremony_id}")
            for p in (e.alpha_id, e.omega_id, e.officiant_id)]


def _sealed(e: Any, f: Facts) -> list[Notice]:
    words = f"The bond of {f.name(e.alpha_id)} and {f.name(e.omega_id)} was sealed on {when(e.on)}."
    return [Notice(p, words, "bond.read", e.bond_id, f"/bonds/{e.bond_id}")
            for p in (e.alpha_id, e.omega_id)]


def _petition(pid: int, to: int | None, words: str) -> Notice:
    return Notice(to, words, "annulment.read", pid, f"/petitions/{pid}")


def _petitioned(e: Any, f: Facts) -> list[Notice]:
    # never the grounds, the evidence or a finding: they may speak of health
    who = f.name(e.petitioner_id)
    return [_petition(e.petition_id, e.other_id, f"{who} petitioned for the annulment of your"
                      f" bond (petition #{e.petition_id}). You will be told of the decision."),
            _petition(e.petition_id, e.petitioner_id, f"Your petition #{e.petition_id} for"
                      " the annulment of your bond was received."),
            _petition(e.petition_id, REGISTRY, f"Petition #{e.petition_id} for an annulment"
                      " awaits a decision.")]


def _decided(e: Any, f: Facts) -> list[Notice]:
    words = (f"Petition #{e.petition_id} for the annulment of the bond of {f.name(e.alpha_id)}"
             f" and {f.name(e.omega_id)} was {'granted' if e.granted else 'refused'}.")
    return [_petition(e.petition_id, p, words) for p in (e.alpha_id, e.omega_id)]


def _incident(e: Any, f: Facts) -> list[Notice]:
    # the registry only: a review (a declaration of pressure above all) names no one else
    what = "A welfare review was opened" if e.opens_review else "An incident was reported"
    return [Notice(REGISTRY, f"{what} (incident #{e.incident_id}).", "incident.read",
                   e.incident_id, f"/incidents/{e.incident_id}")]


def _review_decided(e: Any, f: Facts) -> list[Notice]:
    return [Notice(REGISTRY, f"The welfare review of incident #{e.incident_id} was decided:"
                   f" {e.outcome}.", "incident.read", e.incident_id,
                   f"/incidents/{e.incident_id}")]


def _appointed(e: Any, f: Facts) -> list[Notice]:
    words = (f"{f.name(e.guardian_id)} was appointed guardian of {f.name(e.ward_id)} from"
             f" {when(e.start)}.")
    return [Notice(p, words, "guardianship.read", e.ward_id, f"/people/{e.ward_id}")
            for p in (e.ward_id, e.guardian_id)]


def _invited(e: Any, f: Facts) -> list[Notice]:
    return [Notice(e.person_id, "An invitation to enrol a sign-in account was issued to you;"
                   f" it expires on {when(e.expires)}. Ask the office for its code.")]


def _shared(e: HealthShared, f: Facts) -> list[Notice]:
    owner = f.name(e.owner_id)
    if e.granted:
        return [Notice(e.grantee_id, f"{owner} shared part of their health record with you.",
                       "health.read", e.owner_id, f"/people/{e.owner_id}/health")]
    return [Notice(e.grantee_id, f"{owner} no longer shares their health record with you.")]


def _share_used(e: HealthShareUsed, f: Facts) -> list[Notice]:
    return [Notice(e.owner_id, f"{f.name(e.reader_id)} read your health record, which you"
                   " shared with them.", "health.reads", e.owner_id,
                   f"/people/{e.owner_id}/health/reads")]


NOTICES: dict[str, Callable[[Any, Facts], list[Notice]]] = {
    "introduction_proposed": _introduction,
    "consent_recorded": _consent,
    "guardian_acknowledged": _acknowledged,
    "courtship_ended": _ended,
    "visit_scheduled": _visit_scheduled,
    "visit_cancelled": _visit_cancelled,
    "ceremony_scheduled": _ceremony,
    "bond_sealed": _sealed,
    "annulment_petitioned": _petitioned,
    "annulment_decided": _decided,
    "incident_reported": _incident,
    "welfare_review_decided": _review_decided,
    "guardian_appointed": _appointed,
    "invitation_issued": _invited,
    HealthShared.kind: _shared,
    HealthShareUsed.kind: _share_used,
}


def notices(event: Any, facts: Facts) -> list[Notice]:
    """The notices an event gives ([] for a kind nobody is told of)."""
    tell = NOTICES.get(event.kind)
    return [] if tell is None else tell(event, facts)


def subject_line(words: str) -> str:
    """An e-mail's subject: the notice's first sentence, short and plain."""
    first = words.split(". ")[0].rstrip(".")
    return "troth registry: " + (first if len(first) <= 90 else first[:87] + "...")


# --- the contact e-mail ------------------------------------------------------------------

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
                    r"[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")


def valid_email(address: str) -> str:
    """The address, trimmed; "" clears it. InvalidInput when it is not an address."""
    address = address.strip()
    if address and (len(address) > 254 or not _EMAIL.match(address)):
        raise InvalidInput(f"'{address[:60]}' is not an e-mail address (name@example.org)",
                           rule="contact_email")
    return address


@dataclass(frozen=True)
class SetContactEmail(Command):
    """Give, change or clear ("") the address a person's notices are also sent to."""

    person_id: int
    email: str
    on: date | None = None  # who acts is the ledger entry's actor (the account)


@dataclass(frozen=True)
class ContactEmailChanged(Event):
    """The ledger records that the address changed, never the address."""

    kind: ClassVar[str] = "contact_email_changed"
    person_id: int
    given: bool
    on: date

    @property
    def effective(self) -> date:
        return self.on

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id,)


def tell_contact_changed(e: ContactEmailChanged, who: Any) -> str:
    return ("A contact e-mail address was recorded" if e.given
            else "The contact e-mail address was removed")
