"""Health records — heats, pregnancies — and who may read them.

Safeguard: health records belong to their owner. Only she, the physicians she has chosen,
and a partner she explicitly shares with may read them; only she and her chosen physicians
may write them; a share can be revoked and the revocation holds from the next request.

Health entries are an append-only log per person (a correction is a new entry; the original
stays). Their content is private: the public ledger receives only a salted digest, which
keeps them tamper-evident without disclosing them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from troth.domain.errors import InvalidInput, NotFound
from troth.domain.people import Designation, Person
from troth.domain.verdicts import refuse

GESTATION_DAYS = 266  # from conception: 38 weeks
SHARE_ROLES = ("physician", "partner")
ENTRY_TYPES = ("heat", "heat_correction", "heat_exclusion", "pregnancy", "pregnancy_end",
               "share_granted", "share_revoked", "finding")


@dataclass(frozen=True)
class HealthEntry:
    id: int
    person_id: int
    type: str
    content: dict[str, Any]
    recorded_by: int
    on: date


@dataclass
class Heat:
    id: int
    start: date
    end: date | None
    temperature: float | None = None
    scent_intensity: int | None = None
    seeks_partner: bool = False
    notes: str = ""
    excluded: bool = False
    exclusion_reason: str = ""
    corrected: bool = False


@dataclass
class Pregnancy:
    id: int
    estimated_conception: date
    expected_birth: date
    heat_id: int | None = None
    ended_on: date | None = None
    outcome: str = ""
    child_id: int | None = None


# A finding's kind: "" (a plain finding), or one the heat forecast reads.
NO_HEATS, NO_HEATS_WITHDRAWN = "no_heats_expected", "no_heats_withdrawn"
FINDING_KINDS = {"": "a finding", NO_HEATS: "no heats expected",
                 NO_HEATS_WITHDRAWN: "the no-heats finding withdrawn"}


@dataclass(frozen=True)
class PhysicianFinding:
    """A physician's finding: a health entry of the person it concerns (`person_id`),
    recorded by a physician she chose. Its text never leaves her file except where she
    releases it (troth.domain.bonding.release_finding). Its `kind`: FINDING_KINDS."""

    id: int
    person_id: int
    physician_id: int
    text: str
    on: date
    kind: str = ""


@dataclass
class HealthFile:
    """A person's health record folded from her entries."""

    person_id: int
    heats: dict[int, Heat] = field(default_factory=dict)
    pregnancies: dict[int, Pregnancy] = field(default_factory=dict)
    shares: dict[int, str] = field(default_factory=dict)  # grantee -> role
    findings: dict[int, PhysicianFinding] = field(default_factory=dict)

    def no_heats_on(self, day: date) -> PhysicianFinding | None:
        """The finding "no heats expected" in force on `day`: the latest finding of either
        no-heats kind dated on or before it (in recording order on one day) is one, and not
        its withdrawal."""
        said = [f for f in self.findings.values()
                if f.kind in (NO_HEATS, NO_HEATS_WITHDRAWN) and f.on <= day]
        latest = max(said, key=lambda f: (f.on, f.id), default=None)
        return latest if latest is not None and latest.kind == NO_HEATS else None

    def may_read(self, viewer_id: int) -> bool:
        return viewer_id == self.person_id or viewer_id in self.shares

    def may_write(self, writer_id: int) -> bool:
        return writer_id == self.person_id or self.shares.get(writer_id) == "physician"


def _d(v: Any) -> date | None:
    return None if v in (None, "") else date.fromisoformat(str(v))


def fold(person_id: int, entries: list[HealthEntry]) -> HealthFile:
    f = HealthFile(person_id)
    for e in entries:
        c = e.content
        if e.type == "heat":
            f.heats[e.id] = Heat(e.id, date.fromisoformat(c["start"]), _d(c.get("end")),
                                 c.get("temperature"), c.get("scent_intensity"),
                                 bool(c.get("seeks_partner")), c.get("notes", ""))
        elif e.type == "heat_correction" and c["heat_id"] in f.heats:
            h = f.heats[c["heat_id"]]
            h.start, h.end = date.fromisoformat(c["start"]), _d(c.get("end"))
            h.notes, h.corrected = c.get("notes", h.notes), True
        elif e.type == "heat_exclusion" and c["heat_id"] in f.heats:
            h = f.heats[c["heat_id"]]
            h.excluded, h.exclusion_reason = bool(c["excluded"]), c.get("reason", "")
        elif e.type == "pregnancy":
            conc = date.fromisoformat(c["estimated_conception"])
            f.pregnancies[e.id] = Pregnancy(e.id, conc, conc + timedelta(days=GESTATION_DAYS),
                                            c.get("heat_id"))
        elif e.type == "pregnancy_end" and c["pregnancy_id"] in f.pregnancies:
            p = f.pregnancies[c["pregnancy_id"]]
            p.ended_on, p.outcome, p.child_id = _d(c["on"]), c["outcome"], c.get("child_id")
        elif e.type == "finding":
            f.findings[e.id] = PhysicianFinding(e.id, person_id, int(c["physician_id"]),
                                                c["text"], date.fromisoformat(c["on"]),
                                                str(c.get("kind", "")))
        elif e.type == "share_granted":
            f.shares[int(c["grantee_id"])] = c["role"]
        elif e.type == "share_revoked":
            f.shares.pop(int(c["grantee_id"]), None)
    return f


def named_reader(viewer_id: int | None) -> int:
    """Every read of a health record names who is reading; nobody is presumed the owner."""
    if viewer_id is None:
        raise InvalidInput("name who is reading with --as PERSON: the Omega herself, or a"
                           " physician or partner she shares her records with",
                           rule="health_reader_named")
    return viewer_id


def check_writer(file: HealthFile, owner: Person, writer_id: int) -> None:
    if owner.designation is not Designation.OMEGA:
        raise refuse("heats_are_omegas", f"#{owner.id} is not an Omega; heats concern Omegas")
    if not file.may_write(writer_id):
        raise refuse("health_owner_or_physician",
                     "health records are written by their owner or a physician she has chosen")


def writable_entry(file: HealthFile | None, entry_id: int, kind: str,
                   writer_id: int) -> HealthFile:
    """An entry named by id is a `kind` ("heat" or "pregnancy") in a record this writer may
    write — or it is answered as missing. The same answer for an id that does not exist, for
    another kind of entry, and for someone else's record: nothing says whether it exists."""
    entries = {} if file is None else file.heats if kind == "heat" else file.pregnancies
    if file is None or not file.may_write(writer_id) or entry_id not in entries:
        raise NotFound(f"no {kind} #{entry_id} in a health record you may write",
                       rule="health_entry_exists")
    return file


def heat_content(start: date, end: date | None, temperature: float | None,
                 scent_intensity: int | None, seeks_partner: bool, notes: str,
                 today: date) -> dict[str, Any]:
    if start > today:
        raise refuse("date_in_future", f"a heat starting {start} is after today ({today})")
    if end is not None and end < start:
        raise InvalidInput(f"a heat cannot end ({end}) before it starts ({start})",
                           rule="heat_dates")
    if temperature is not None and not 34.0 <= temperature <= 43.0:
        raise InvalidInput("temperature is in °C, between 34 and 43", rule="heat_temperature")
    if scent_intensity is not None and not 0 <= scent_intensity <= 10:
        raise InvalidInput("scent intensity is from 0 to 10", rule="heat_scent")
    return {"start": start.isoformat(), "end": end.isoformat() if end else None,
            "temperature": temperature, "scent_intensity": scent_intensity,
            "seeks_partner": seeks_partner, "notes": notes.strip()}


def share_content(file: HealthFile, owner_id: int, by_id: int, grantee_id: int, role: str,
                  grant: bool) -> dict[str, Any]:
    if by_id != owner_id:
        raise refuse("health_owner_shares", "only the owner of health records chooses who"
                     " else may read them")
    if grantee_id == owner_id:
        raise InvalidInput("a share is with someone else", rule="health_share")
    if grant and role not in SHARE_ROLES:
        raise InvalidInput(f"a share is with a {' or a '.join(SHARE_ROLES)}", rule="health_share")
    if not grant and grantee_id not in file.shares:
        raise refuse("health_share_exists", f"#{grantee_id} has no share to revoke")
    return {"grantee_id": grantee_id, "role": role if grant else file.shares[grantee_id]}


# --- a physician's finding (defined once; annulments and identity reuse these) ------------


def chosen_physician(file: HealthFile, person_id: int) -> bool:
    """Whether `person_id` is a physician she chose: her current share names them as her
    physician (a revoked share no longer does)."""
    return file.shares.get(person_id) == "physician"


def the_finding(file: HealthFile, entry_id: int) -> PhysicianFinding:
    """The finding `entry_id` in her file: a health entry of hers of the type "finding"."""
    found = file.findings.get(entry_id)
    if found is None:
        raise NotFound(f"no physician's finding #{entry_id}", rule="finding_exists")
    return found


def finding_content(file: HealthFile, physician_id: int, text: str, on: date,
                    today: date, kind: str = "") -> dict[str, Any]:
    if not chosen_physician(file, physician_id):
        raise refuse("finding_by_chosen_physician", "a physician's finding is recorded by a"
                     " physician the person chose, and by no one else")
    if kind not in FINDING_KINDS:
        raise InvalidInput(f"a finding's kind is one of: {', '.join(k for k in FINDING_KINDS if k)}"
                           " (or none, for a plain finding)", rule="finding_kind")
    if not text.strip():
        raise InvalidInput("a finding has its text", rule="finding_text")
    if on > today:
        raise refuse("date_in_future", f"a finding dated {on} is after today ({today})")
    if kind == NO_HEATS_WITHDRAWN and file.no_heats_on(on) is None:
        raise refuse("no_heats_finding_in_force", f"no finding that no heats are expected is"
                     f" in force on {on}, so there is none to withdraw")
    content: dict[str, Any] = {"physician_id": physician_id, "text": text.strip(),
                               "on": on.isoformat()}
    if kind:
        content["kind"] = kind  # a plain finding's entry stays as it always was
    return content
