"""Corrections by two hands: a registrar requests the correction of a registered fact, with
evidence; a different registrar account approves or rejects it. The original stays in the
ledger; the correction is a new entry beside it.

The commands, the events, the record of a request and the values a correction carries live
here; the rules that judge them in correction_rules.py. A value travels as canonical text
(`encode`), so the ledger, the `corrections` table and the projections all read the same
string: a date as YYYY-MM-DD, parents as "3,4", other names and a scent as JSON.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from troth.domain import events as ev
from troth.domain.commands import Command
from troth.domain.errors import InvalidInput
from troth.domain.people import OtherName, Person, Scent

# The facts a correction may change, and how the registry names them in words.
FIELDS: dict[str, str] = {
    "legal_name": "legal name", "other_names": "other names", "born": "date of birth",
    "parents": "parents", "district": "district", "scent": "scent signature",
    "designation": "designation",
}
COURT_ONLY = frozenset({"designation"})  # corrected only on a court order
STATES = ("pending", "approved", "rejected")



@dataclass(frozen=True)
class _OnDate(ev.Event):
    """A correction's entries take effect on the day they are recorded (`on`): what they
    correct is read as corrected from its own first day (see amend)."""

    kind: ClassVar[str] = "_correction_on_date"

    @property
    def effective(self) -> date:
        return self.on  # type: ignore[attr-defined, no-any-return]


Value = str | date | tuple[int, ...] | tuple[OtherName, ...] | Scent | None

__all__ = ["COURT_ONLY", "FIELDS", "STATES", "ApproveCorrection", "Correction",
           "CorrectionApproved", "CorrectionRejected", "CorrectionRequested",
           "RejectCorrection", "RequestCorrection", "amend", "current", "decode", "encode",
           "field_named", "parse_input", "shown"]


# --- commands --------------------------------------------------------------------------

@dataclass(frozen=True)
class RequestCorrection(Command):
    """`value` as a person types it (see parse_input); `requested_by` the registrar's
    account (the interface fills it from the signed-in account or TROTH_OPERATOR)."""

    person_id: int
    field: str
    value: str
    evidence: str
    requested_by: int
    court_order_ref: str = ""


@dataclass(frozen=True)
class ApproveCorrection(Command):
    correction_id: int
    decided_by: int
    reason: str = ""


@dataclass(frozen=True)
class RejectCorrection(Command):
    correction_id: int
    decided_by: int
    reason: str


# --- events ----------------------------------------------------------------------------

@dataclass(frozen=True)
class CorrectionRequested(_OnDate):
    kind: ClassVar[str] = "correction_requested"
    correction_id: int
    person_id: int
    field: str
    old: str
    new: str
    evidence: str
    requested_by: int
    on: date
    court_order_ref: str = ""

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id,)


@dataclass(frozen=True)
class CorrectionApproved(_OnDate):
    """The fact is corrected from `old` to `new` on `on`; everything a projection and the
    history's words need is carried here (the ledger alone rebuilds the record)."""

    kind: ClassVar[str] = "correction_approved"
    correction_id: int
    person_id: int
    field: str
    old: str
    new: str
    requested_by: int
    decided_by: int
    on: date
    reason: str = ""

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id,)


@dataclass(frozen=True)
class CorrectionRejected(_OnDate):
    kind: ClassVar[str] = "correction_rejected"
    correction_id: int
    person_id: int
    field: str
    requested_by: int
    decided_by: int
    on: date
    reason: str

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id,)


# --- the record of a request -------------------------------------------------------------

@dataclass(frozen=True)
class Correction:
    id: int
    person_id: int
    field: str
    old: str
    new: str
    evidence: str
    court_order_ref: str
    requested_by: int
    requested_on: date
    state: str = "pending"
    decided_by: int | None = None
    decided_on: date | None = None
    reason: str = ""


# --- values ----------------------------------------------------------------------------

def field_named(name: str) -> str:
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    key = {"name": "legal_name", "birth_date": "born", "date_of_birth": "born"}.get(key, key)
    if key not in FIELDS:
        raise InvalidInput(f"'{name}' is not a fact a correction may change; use one of"
                           f" {', '.join(FIELDS)}", rule="correction_field")
    return key


def _ids(text: str) -> tuple[int, ...]:
    if text.strip().lower() in ("", "none"):
        return ()
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p.strip()]
    try:
        ids = tuple(int(p.strip().lstrip("#")) for p in parts)
    except ValueError:
        raise InvalidInput(f"parents '{text}' are not registry numbers separated by commas"
                           " (or 'none')", rule="correction_value") from None
    if any(i < 1 for i in ids):
        raise InvalidInput("a registry number is a positive whole number",
                           rule="correction_value")
    return ids


def _other_names(text: str) -> tuple[OtherName, ...]:
    found = []
    for part in (p.strip() for p in text.split(";")):
        if not part or part == "none":
            continue
        kind, sep, name = part.partition(":")
        if not sep or not kind.strip() or not name.strip():
            raise InvalidInput(f"other name '{part}' is not 'kind: name' (for example"
                               " 'work: Kylo')", rule="correction_value")
        found.append(OtherName(kind.strip(), name.strip()))
    return tuple(found)


def _scent(text: str) -> Scent | None:
    if text.strip() in ("", "none"):
        return None
    parts = text.split("|", 2)
    if len(parts) < 2:
        raise InvalidInput("a scent is 'GIVES | DRAWS | NOTES', for example"
                           " '0.6,0.8 | 0.8,0.6 | faint cedar'", rule="scent_vector")
    notes = parts[2].strip() if len(parts) == 3 else ""
    return Scent(Scent.parse_vector(parts[0], "gives"), Scent.parse_vector(parts[1], "draws"),
                 notes)


def parse_input(field: str, text: str) -> Value:
    """A value as a person types it, parsed for the field (a clear error otherwise)."""
    if "\x00" in text:
        raise InvalidInput("the value contains a character troth cannot store",
                           rule="correction_value")
    if field == "born":
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            raise InvalidInput(f"date of birth '{text}' is not a date (YYYY-MM-DD)",
                               rule="correction_value") from None
    if field == "parents":
        return _ids(text)
    if field == "other_names":
        return _other_names(text)
    if field == "scent":
        return _scent(text)
    return text.strip()


def encode(field: str, value: Value) -> str:
    """The canonical text of a value (what the ledger and the table keep)."""
    if isinstance(value, date):
        return value.isoformat()
    if field == "parents":
        return ",".join(str(i) for i in as_ids(value))
    if field == "other_names":
        return json.dumps([[n.kind, n.name] for n in as_names(value)], ensure_ascii=False)
    if field == "scent":
        if not isinstance(value, Scent):
            return ""
        return json.dumps({"gives": list(value.gives), "draws": list(value.draws),
                           "notes": value.notes}, ensure_ascii=False, sort_keys=True)
    return str(value or "")


def decode(field: str, text: str) -> Value:
    """The value back from its canonical text."""
    if field == "born":
        return date.fromisoformat(text)
    if field == "parents":
        return tuple(int(i) for i in text.split(",") if i)
    if field == "other_names":
        return tuple(OtherName(k, n) for k, n in json.loads(text or "[]"))
    if field == "scent":
        if not text:
            return None
        d = json.loads(text)
        return Scent(tuple(d["gives"]), tuple(d["draws"]), d.get("notes", ""))
    return text


def as_names(value: Value) -> tuple[OtherName, ...]:
    return tuple(v for v in value if isinstance(v, OtherName)) if isinstance(value, tuple) else ()


def as_ids(value: Value) -> tuple[int, ...]:
    return tuple(v for v in value if isinstance(v, int)) if isinstance(value, tuple) else ()


def current(person: Person, field: str) -> Value:
    """The value the registry holds for the person now."""
    if field == "designation":
        return person.designation.value if person.designation else ""
    if field == "other_names":
        return tuple(person.other_names)
    return getattr(person, field)  # type: ignore[no-any-return]


def shown(field: str, text: str) -> str:
    """A canonical value in words, for the history and the lists."""
    value = decode(field, text)
    if field == "parents":
        return " and ".join(f"#{i}" for i in as_ids(value)) or "none"
    if field == "other_names":
        return "; ".join(f"{n.kind}: {n.name}" for n in as_names(value)) or "none"
    if field == "scent":
        if not isinstance(value, Scent):
            return "none"
        return (f"gives {','.join(map(str, value.gives))}, draws"
                f" {','.join(map(str, value.draws))}" + (f" ({value.notes})" if value.notes
                                                         else ""))
    return str(value) or "none"


# --- "as known": the original events read with the corrections approved so far ----------

def amend(e: ev.Event, fixes: Mapping[str, str], person_id: int) -> ev.Event:
    """The person's registration (or presentation) as corrected by `fixes` (field ->
    canonical new value); any other event unchanged."""
    if isinstance(e, ev.PersonRegistered) and e.person_id == person_id:
        changes: dict[str, Any] = {}
        for name, text in fixes.items():
            if name in ("legal_name", "born", "district", "parents"):
                changes[name] = decode(name, text)
            elif name == "other_names":
                changes[name] = tuple((n.kind, n.name) for n in as_names(decode(name, text)))
            elif name == "scent":
                s = decode(name, text)
                changes.update(scent_gives=s.gives if isinstance(s, Scent) else (),
                               scent_draws=s.draws if isinstance(s, Scent) else (),
                               scent_notes=s.notes if isinstance(s, Scent) else "")
        return dataclasses.replace(e, **changes) if changes else e
    if isinstance(e, ev.Presented) and e.person_id == person_id and "designation" in fixes:
        return dataclasses.replace(e, designation=fixes["designation"])
    return e


# --- plain words -------------------------------------------------------------------------

Who = Callable[[int], str]


def tell_correction_requested(e: CorrectionRequested, who: Who) -> str:
    court = f", on court order {e.court_order_ref}" if e.court_order_ref else ""
    return (f"Correction #{e.correction_id} requested: {FIELDS[e.field]} of {who(e.person_id)}"
            f" from {shown(e.field, e.old)} to {shown(e.field, e.new)}, by account"
            f" #{e.requested_by} on {e.on}{court} (evidence: {e.evidence})")


def tell_correction_approved(e: CorrectionApproved, who: Who) -> str:
    return (f"{FIELDS[e.field].capitalize()} of {who(e.person_id)} corrected from"
            f" {shown(e.field, e.old)} to {shown(e.field, e.new)} on {e.on}, requested by"
            f" account #{e.requested_by}, approved by account #{e.decided_by}"
            f" (correction #{e.correction_id})")


def tell_correction_rejected(e: CorrectionRejected, who: Who) -> str:
    return (f"Correction #{e.correction_id} of the {FIELDS[e.field]} of {who(e.person_id)}"
            f" rejected on {e.on} by account #{e.decided_by}, requested by account"
            f" #{e.requested_by}: {e.reason}")
