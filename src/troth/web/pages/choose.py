"""People chosen by name: who a person field of a form may suggest, and what a name typed
into one means.

Each person field names the kind of people it takes (`Field.choose`): handlers,
officiants, guardians, parents, an Alpha, an Omega, the people she may share her health
records with, or anyone. The people suggested are never more than the account may know
of: with `person.search` (the registrar) the register, searched by name; otherwise only
the people the account stands in a relation to (themself, wards, family, a bonded
partner, a courtship's other party), each judged by the policy (`person.read`). The
office's handlers, officiants and physicians are named to whoever may use a form that
asks for one: choosing them is that form's work. A name typed and sent without a
suggestion is looked up among the same people, so a refusal never tells of anyone else.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from troth.domain.courtship import DURATION_MINUTES, VisitKind, VisitStatus
from troth.domain.people import Person
from troth.domain.policy import Role
from troth.registry.views import SearchFilter
from troth.web.access import RequestContext
from troth.web.pages.forms import Form, people_parts, person_number

# The kinds of people a person field takes, and how the list names them when empty.
KINDS: dict[str, str] = {
    "person": "people you may choose here", "alpha": "Alphas you may choose here",
    "omega": "Omegas you may choose here", "guardian": "adults who may be guardians",
    "parent": "living adults", "handler": "the office's handlers",
    "officiant": "the office's officiants", "share": "physicians and people you know",
}
LIMIT = 10
MIN_LETTERS = 2
STAFF = {"handler": Role.HANDLER, "officiant": Role.OFFICIANT}


@dataclass(frozen=True)
class Choice:
    id: int
    name: str
    detail: str

    @property
    def label(self) -> str:
        """What the field shows once chosen; parsed back to the number (forms._id)."""
        return f"{self.name} (#{self.id})"


def fold(text: str) -> str:
    """Case and accents ignored, as the register's search does."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


def _named(p: Person, key: str) -> bool:
    return key in fold(p.legal_name) or any(key in fold(n.name) for n in p.other_names)


class Chooser:
    """The people one kind of field may suggest to this account today."""

    def __init__(self, ctx: RequestContext, kind: str, busy_at: datetime | None = None,
                 visit_kind: str = "") -> None:
        self.ctx, self.kind = ctx, kind
        self.today = ctx.registry.clock.today()
        self.adult = ctx.registry.customs.age_of_majority
        self.busy_at, self.visit_kind = busy_at, visit_kind

    def find(self, text: str, limit: int = LIMIT) -> list[Choice]:
        """Up to `limit` people of this kind named `text` (a part of any name in use) or
        numbered `text` ("6", "#6"), by name."""
        number = person_number(text)
        if self.kind in STAFF or self.kind == "share":
            found = self._staff(text, number)
        else:
            found = self._people(text, number, limit)
        return sorted(found, key=lambda c: (fold(c.name), c.id))[:limit]

    # -- the register, as far as the account may know it --------------------------------

    def _candidates(self, text: str, number: int | None) -> list[Person]:
        q = self.ctx.queries.people
        if number is not None:
            return list(q.people([number]).values())
        if self.ctx.may("person.search"):
            wanted = SearchFilter(text, self._designation(), self._min_age(), None,
                                  True if self.kind != "person" else None)
            return list(q.search(wanted, self.today, 1, 50).items)
        known = self.ctx.queries.relations.known_people(self.ctx.person_id, self.today)
        key = fold(text)
        return [p for p in q.people(sorted(known)).values() if _named(p, key)]

    def _designation(self) -> str | None:
        return {"alpha": "alpha", "omega": "omega"}.get(self.kind)

    def _min_age(self) -> int | None:
        return self.adult if self.kind in ("guardian", "parent") else None

    def _fits(self, p: Person) -> bool:
        if self.kind == "person":
            return True
        if p.died is not None:
            return False
        designation = self._designation()
        if designation and (p.designation is None or p.designation.value != designation):
            return False
        age = self._min_age()
        if age is not None and p.age_on(self.today) < age:
            return False
        if self.kind == "guardian":  # not under guardianship themself
            return self.ctx.queries.people.guardian_of(p.id, self.today) is None
        return True

    def _people(self, text: str, number: int | None, limit: int) -> list[Choice]:
        out: list[Choice] = []
        for p in sorted(self._candidates(text, number), key=lambda p: (fold(p.legal_name), p.id)):
            if len(out) >= limit:
                break
            if self.ctx.may("person.read", p.id) and self._fits(p):
                out.append(Choice(p.id, p.legal_name, self._about(p)))
        return out

    def _about(self, p: Person) -> str:
        parts = [f"born {p.born.year}"]
        if p.designation is not None and self.kind == "person":
            parts.append(p.designation.value)
        if p.district:
            parts.append(p.district)
        if p.died:
            parts.append("deceased")
        return ", ".join(parts)

    # -- the office's staff; a share's recipients ---------------------------------------

    def _staff(self, text: str, number: int | None) -> list[Choice]:
        accounts = self.ctx.queries.accounts
        details: dict[int, str] = {}
        if self.kind == "share":
            details.update(self._shared_with())
            details.update({i: "physician" for i in accounts.people_with_role(Role.PHYSICIAN)})
            me = self.ctx.person_id
            known = self.ctx.queries.relations.known_people(me, self.today) - {me}
            details.update({i: "" for i in known
                            if i not in details and self.ctx.may("person.read", i)})
        else:
            details.update({i: self.kind for i in accounts.people_with_role(STAFF[self.kind])})
            if self.kind == "handler":
                for h in self.ctx.queries.roster.handlers():
                    details[h.person_id] = f"handler, {h.district}" if h.district else "handler"
        if number is not None:
            details = {number: details[number]} if number in details else {}
        people = self.ctx.queries.people.people(sorted(details))
        key = fold(text)
        out = [Choice(p.id, p.legal_name, details[p.id] or self._about(p))
               for p in people.values()
               if p.died is None and (number is not None or _named(p, key))]
        return [c for c in out if not self._busy(c.id)]

    def _shared_with(self) -> dict[int, str]:
        me = self.ctx.person_id
        if me is None or not self.ctx.may("health.share", me):
            return {}
        shares = self.ctx.queries.health.file(me).shares
        return {i: f"your {role} now; reads your health records" for i, role in shares.items()}

    def _busy(self, person_id: int) -> bool:
        """A handler at another Visit at the time asked about (when the form gave one)."""
        if self.kind != "handler" or self.busy_at is None:
            return False
        try:
            minutes = DURATION_MINUTES[VisitKind(self.visit_kind)]
        except ValueError:
            minutes = max(DURATION_MINUTES.values())
        start, end = self.busy_at, self.busy_at + timedelta(minutes=minutes)
        visits = self.ctx.queries.dashboards.visits_of_handler(
            person_id, start - timedelta(minutes=max(DURATION_MINUTES.values())), end)
        return any(v.status is VisitStatus.SCHEDULED and v.starts_at < end
                   and start < v.ends_at for v in visits)

    # -- a name typed and sent -----------------------------------------------------------

    def named(self, text: str) -> tuple[int | None, str]:
        """The one person this name means, or why it means no one (or several)."""
        if len(text) > 200:
            return None, "Keep a name under 200 characters, or give the registry number."
        if len(fold(text)) < MIN_LETTERS:
            return None, (f"“{text}” is too short to look up: type at least"
                          f" {MIN_LETTERS} letters of a name, or the registry number.")
        found = self.find(text, limit=50)
        exact = [c for c in found if fold(c.name) == fold(text)]
        hits = exact or found
        if len(hits) == 1:
            return hits[0].id, ""
        if not hits:
            return None, (f"No one among the {KINDS[self.kind]} is named {text}: choose"
                          " from the list or give the registry number.")
        many = f"{len(hits)}" if len(hits) < 50 else "Many"
        named = "are named" if exact else "have a name containing"
        return None, (f"{many} people {named} {text}: choose one from the list or give the"
                      " registry number.")


def resolve(ctx: RequestContext, form: Form, data: Mapping[str, str]
            ) -> tuple[dict[str, str], dict[str, str]]:
    """The form's data with each person named in a person field replaced by their number,
    and a message for each field whose name meant no one or several."""
    out, errors = dict(data), {}
    for f in form.fields:
        if not f.suggests:
            continue
        raw = str(data.get(f.name, ""))
        parts = people_parts(raw) if f.kind == "people" else [raw.strip()] * bool(raw.strip())
        if all(person_number(p) is not None for p in parts):
            continue
        numbers, message = _numbers(Chooser(ctx, f.suggests), parts)
        if message:
            errors[f.name] = message
        else:
            out[f.name] = ", ".join(str(n) for n in numbers)
    return out, errors


def _numbers(chooser: Chooser, parts: Iterable[str]) -> tuple[list[int], str]:
    numbers = []
    for part in parts:
        number = person_number(part)
        if number is None:
            number, message = chooser.named(part)
            if number is None:
                return [], message
        numbers.append(number)
    return numbers, ""


def busy_time(raw: str) -> datetime | None:
    """The Visit's time from the form's `starts_at`, when it is a time at all."""
    try:
        return datetime.fromisoformat(raw.strip()) if raw.strip() else None
    except ValueError:
        return None

