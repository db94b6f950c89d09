"""Forms as data: fields, parsing that keeps what was typed, and troth's refusals put
beside the field they concern.

A `Form` names the policy action it needs, the field that holds the record it acts on,
its fields, and how to turn parsed values into a registry command. Parsing never raises:
it returns the values and a message per field. A refusal from the registry names a rule;
`RULE_FIELDS` (and a form's own `rules`) say which field that rule is about; a rule
naming no field of the form is shown above the form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from troth.domain.commands import Command
from troth.domain.errors import TrothError
from troth.web.access import RequestContext
from troth.web.ids import valid_id

FORM_LEVEL = "__all__"
MAX_TEXT = 2000
Values = dict[str, Any]


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text textarea date datetime int number person people select
    #                     radio checkbox hidden
    required: bool = True
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    choose: str = ""  # a person field's suggestions (troth.web.pages.choose.KINDS)

    @property
    def suggests(self) -> str:
        """The kind of people suggested for a person field; "" for other fields."""
        return (self.choose or "person") if self.kind in ("person", "people") else ""


@dataclass(frozen=True)
class Form:
    name: str
    title: str
    action: str  # the policy action (troth.domain.policy)
    fields: tuple[Field, ...]
    build: Callable[[Values, RequestContext], Command] | None = None
    done: Callable[[int, Values], tuple[str, str]] = lambda i, v: ("/", "Recorded.")
    target: tuple[tuple[str, ...], str] | None = None  # (fields with the record ids, subject)
    rules: Mapping[str, str] = field(default_factory=dict)
    intro: str = ""
    submit: str = "Record"
    run: Callable[[Values, RequestContext], int] | None = None  # instead of build + execute
    defaults: Callable[[RequestContext, Mapping[str, str]], dict[str, str]] | None = None

    def execute(self, values: Values, ctx: RequestContext) -> int:
        if self.run is not None:
            return self.run(values, ctx)
        assert self.build is not None, f"form {self.name} has neither build nor run"
        return ctx.registry.execute(self.build(values, ctx), actor=ctx.actor)


# Which field a rule is about, when a form has that field (first match wins).
RULE_FIELDS: dict[str, tuple[str, ...]] = {
    "date_in_future": ("on", "born", "died", "start"),
    "visit_kind": ("kind",), "visit_place": ("place",),
    "visit_handlers": ("handlers", "handlers_present"),
    "handler_independent": ("handlers", "handlers_present"),
    "handler_in_one_place": ("handlers",),
    "handlers_per_visit": ("handlers",),
    "first_visits_at_omega_residence": ("at_omega_residence", "place"),
    "missed_reason": ("missed_reason", "reason"), "visit_needs_omega": ("outcome",),
    "incident_kind": ("incident_kind", "kind"),
    "incident_description": ("incident_description", "description"),
    "incident_needs_guardianship": ("guardianship_id", "visit_id"),
    "incident_outcome": ("outcome",),
    "waiver_reason": ("reason",), "waiver_grantor": ("granted_by",),
    "safeguards_never_waived": ("custom",),
    "witnesses": ("witnesses",), "officiant_independent": ("officiant_id",),
    "household": ("household",), "ceremony_date": ("on",),
    "ceremony_time": ("at",), "ceremony_place": ("place",),
    "annulment_grounds": ("grounds",), "health_record_consent": ("finding_consent", "finding_id"),
    "decision_reasons": ("reasons",), "dissolution_date": ("dissolve_on", "on"),
    "court_order_required": ("order_ref", "court"), "name_required": ("legal_name",),
    "name_length": ("legal_name",), "designation": ("designation",),
    "scent_vector": ("scent_gives", "scent_draws"), "death_after_birth": ("died",),
    "parents_distinct": ("parents",), "parents_at_most_two": ("parents",),
    "birth_needs_parent": ("parents",), "guardian_not_ward": ("guardian_id",),
    "alive_on_start": ("start", "on"), "guardianship_end": ("on",),
    "consent_stage": ("stage",), "own_consent_only": ("person_id",),
    "checkpoint_format": ("checkpoint",),
    "heat_dates": ("end", "start"), "heat_temperature": ("temperature",),
    "heat_scent": ("scent",), "pregnancy_conception": ("estimated_conception",),
    "pregnancy_outcome": ("outcome",),
}


def _text(raw: str, f: Field) -> tuple[Any, str]:
    value = raw.strip()
    if len(value) > MAX_TEXT:
        return value, f"Keep this under {MAX_TEXT} characters."
    if "\x00" in value:
        return value, "This contains a character troth cannot store."
    return value, ""


# "12", "#12" and "Rey (#12)" (as a suggestion writes it) all name person 12.
_NUMBER = re.compile(r"#?\s*(\d+)|.*\(\s*#?\s*(\d+)\s*\)", re.DOTALL)
_NUMBERS = re.compile(r"(?:#?\d+\s*)+")


def _id(raw: str) -> int:
    found = _NUMBER.fullmatch(raw.strip()) if len(raw) <= 300 else None
    if found is None:
        raise ValueError(raw)
    value = int(found.group(1) or found.group(2))
    if not valid_id(value):
        raise ValueError(raw)
    return value


def person_number(raw: str) -> int | None:
    """The registry number a person field's text names by number, or None (a name)."""
    try:
        return _id(raw)
    except ValueError:
        return None


def people_parts(raw: str) -> list[str]:
    """A people field's entries: separated by commas or semicolons; numbers alone may also
    be separated by spaces ("12 15"), names may not ("Ada Wren (#12), Tobias")."""
    out: list[str] = []
    for piece in re.split(r"[,;\n]+", raw):
        piece = piece.strip()
        if _NUMBERS.fullmatch(piece):
            out.extend(piece.split())
        elif piece:
            out.append(piece)
    return out


def _one(raw: str, f: Field) -> tuple[Any, str]:
    """Parse one submitted value; a message on failure."""
    try:
        if f.kind in ("text", "textarea"):
            return _text(raw, f)
        if f.kind == "date":
            return date.fromisoformat(raw.strip()), ""
        if f.kind == "datetime":
            return datetime.fromisoformat(raw.strip()), ""
        if f.kind in ("int", "person", "hidden"):
            return _id(raw), ""
        if f.kind == "number":
            value = float(raw.strip().replace(",", "."))
            if value != value or abs(value) > 1e6:  # NaN or absurd
                raise ValueError(raw)
            return value, ""
        if f.kind == "people":
            return tuple(_id(p) for p in people_parts(raw)), ""
        if f.kind in ("select", "radio"):
            ok = raw in {v for v, _ in f.choices}
            return (raw, "") if ok else (raw, "Choose one of the options.")
    except ValueError:
        pass
    hints = {"date": "Give a date as YYYY-MM-DD, for example 2026-03-07.",
             "datetime": "Give a date and a time, for example 2026-03-07 18:00.",
             "people": "Give registry numbers separated by commas, for example 12, 15.",
             "number": "Give a number, for example 37.8."}
    return raw, hints.get(f.kind, "Give a registry number, for example 12.")


def parse(form: Form, data: Mapping[str, str]) -> tuple[Values, dict[str, str]]:
    """The parsed values (or the raw text where it would not parse) and the errors."""
    values: Values = {}
    errors: dict[str, str] = {}
    for f in form.fields:
        if f.kind == "checkbox":
            values[f.name] = data.get(f.name) in ("on", "true", "1", "yes")
            continue
        raw = str(data.get(f.name, ""))
        if not raw.strip():
            values[f.name] = None if f.kind not in ("text", "textarea", "people") else (
                () if f.kind == "people" else "")
            if f.required:
                errors[f.name] = ("Choose one of the answers." if f.kind == "radio"
                                  else "This is required.")
            continue
        values[f.name], message = _one(raw, f)
        if message:
            errors[f.name] = message
    return values, errors


def field_for(form: Form, error: TrothError, values: Values) -> str:
    """The field a refusal concerns, or FORM_LEVEL."""
    names = {f.name for f in form.fields if f.kind != "hidden"}
    candidates = (form.rules.get(error.rule), *RULE_FIELDS.get(error.rule, ()))
    for name in candidates:
        if name in names:
            return name
    for number in re.findall(r"#(\d+)", error.message):  # "#12 is 17 on ..." → that field
        for f in form.fields:
            v = values.get(f.name)
            hit = v == int(number) or (isinstance(v, tuple) and int(number) in v)
            if f.kind in ("person", "people") and f.name in names and hit:
                return f.name
    return FORM_LEVEL


def shown(form: Form, values: Values, data: Mapping[str, str]) -> dict[str, str]:
    """What to put back in each input: exactly what was typed."""
    out = {}
    for f in form.fields:
        if f.kind == "checkbox":
            out[f.name] = "on" if values.get(f.name) else ""
        else:
            out[f.name] = str(data.get(f.name, ""))
    return out


def sentence(message: str) -> str:
    message = message.strip()
    if not message:
        return message
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."
