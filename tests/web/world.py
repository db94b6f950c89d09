"""A small world of people, a guardianship and one account per role, with the relations
each account's person has to each record written down by hand (the access matrix checks
the API against these, and test_relations checks the store computes the same)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

from troth.domain import commands as c
from troth.domain.people import Scent
from troth.domain.policy import Relation, Role
from troth.web.auth import TOKEN_PREFIX, hash_password, new_token

CANARY = "CANARY-scent-4f1d9a"  # planted in a private field; must reach no one else
PASSWORD = "correct horse battery staple"
R = Relation


@cache
def password_hash() -> str:
    return hash_password(PASSWORD)  # argon2 is slow on purpose: hash once per run


@dataclass
class World:
    people: dict[str, int] = field(default_factory=dict)
    tokens: dict[Role, str] = field(default_factory=dict)
    accounts: dict[Role, int] = field(default_factory=dict)
    person_of: dict[Role, str | None] = field(default_factory=dict)
    # role -> {"own"|"related"|"unrelated": (person name, relations of the role's person)}
    targets: dict[Role, dict[str, tuple[str, frozenset[Relation]]]] = field(
        default_factory=dict)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # "A"/"B" -> kind -> id


def _person(reg: Any, name: str, born: date, designation: str | None = None,
            parents: tuple[int, ...] = (), notes: str = "") -> int:
    scent = Scent((0.1, 0.2), (0.3, 0.4), notes) if designation else None
    pid: int = reg.execute(c.RegisterPerson(name, born, parents=parents, scent=scent))
    if designation:
        reg.execute(c.RecordPresentation(pid, designation, date(born.year + 14, 6, 1)))
    return pid


def build(reg: Any) -> World:
    w = World()
    p = w.people
    p["leia"] = _person(reg, "Leia Organa", date(1970, 5, 1), "beta")
    p["han"] = _person(reg, "Han Solo", date(1966, 7, 1), "beta")
    p["ben"] = _person(reg, "Ben Solo", date(1999, 10, 25), "alpha", (p["leia"], p["han"]))
    p["rey"] = _person(reg, "Rey", date(2006, 3, 1), "omega", notes=CANARY)
    p["unkar"] = _person(reg, "Unkar Plutt", date(1960, 1, 1), "beta")
    p["maz"] = _person(reg, "Maz Kanata", date(1950, 1, 1), "beta")
    p["lor"] = _person(reg, "Lor San Tekka", date(1955, 1, 1), "beta")
    p["kalonia"] = _person(reg, "Harter Kalonia", date(1965, 1, 1), "beta")
    for parent in ("maz", "lor", "kalonia", "unkar"):
        p[f"{parent}_child"] = _person(reg, f"Child of {parent}", date(1990, 1, 1), "beta",
                                       (p[parent],))
    p["stranger"] = _person(reg, "Jannah", date(1998, 2, 2), "omega")
    p["poe"] = _person(reg, "Poe Dameron", date(1995, 4, 1), "alpha")
    reg.execute(c.AppointGuardian(p["rey"], p["unkar"], "Jakku Family Court", "JFC-118",
                                  date(2020, 7, 1)))
    return w


def with_courtships(reg: Any, w: World) -> World:
    """Courtship A (Ben and Rey; sponsor Leia; guardian Unkar; Maz handles its Visit; Lor
    officiates) and courtship B (Poe and Jannah), to which no role's person is related."""
    p, r = w.people, w.records
    for key, alpha, omega, sponsor, handler, officiant in (
            ("A", "ben", "rey", p["leia"], "maz", "lor"),
            ("B", "poe", "stranger", None, "lor_child", "maz_child")):
        court = reg.execute(c.ProposeIntroduction(p[alpha], p[omega], sponsor,
                                                  date(2026, 11, 1)))
        reg.execute(c.RecordConsent(court, p[omega], True, date(2026, 11, 2)))
        visit = reg.execute(c.ScheduleVisit(court, "tea", datetime(2026, 11, 5 + len(r), 15),
                                            "the parlour", True, (p[handler],)))
        incident = reg.execute(c.ReportIncident("contact_breach", p[handler], date(2026, 11, 6),
                                                "the ward looked unwell", p[omega], visit))
        ceremony = reg.execute(c.ScheduleCeremony(court, p[officiant], ("Han Solo",),
                                                  date(2026, 12, 1)))
        r[key] = {"courtship": court, "visit": visit, "incident": incident,
                  "ceremony": ceremony, "bond": 424_242, "petition": 424_242,
                  "couple": (p[alpha], p[omega])}
    return w


PERSON_OF = {Role.REGISTRAR: None, Role.PARTY: "ben", Role.SPONSOR: "leia",
             Role.GUARDIAN: "unkar", Role.HANDLER: "maz", Role.OFFICIANT: "lor",
             Role.PHYSICIAN: "kalonia"}

TARGETS: dict[Role, dict[str, tuple[str, frozenset[Relation]]]] = {
    Role.REGISTRAR: {"own": ("rey", frozenset()), "related": ("ben", frozenset()),
                     "unrelated": ("stranger", frozenset())},
    Role.PARTY: {"own": ("ben", frozenset({R.SELF})), "related": ("leia", frozenset({R.FAMILY})),
                 "unrelated": ("stranger", frozenset())},
    Role.SPONSOR: {"own": ("leia", frozenset({R.SELF})), "related": ("ben", frozenset({R.FAMILY})),
                   "unrelated": ("rey", frozenset())},
    Role.GUARDIAN: {"own": ("rey", frozenset({R.GUARDIAN})),
                    "related": ("unkar_child", frozenset({R.FAMILY})),
                    "unrelated": ("ben", frozenset())},
    **{role: {"own": (name, frozenset({R.SELF})),
              "related": (f"{name}_child", frozenset({R.FAMILY})),
              "unrelated": ("rey", frozenset())}
       for role, name in ((Role.HANDLER, "maz"), (Role.OFFICIANT, "lor"),
                          (Role.PHYSICIAN, "kalonia"))},
}


def with_accounts(reg: Any, w: World) -> World:
    store = reg.queries.accounts
    for role, name in PERSON_OF.items():
        pid = w.people[name] if name else None
        aid = store.create(role.value, password_hash(), pid, [(role, "")])
        token, digest = new_token(TOKEN_PREFIX)
        store.create_token(aid, "tests", digest)
        w.tokens[role], w.accounts[role], w.person_of[role] = token, aid, name
    w.targets = TARGETS
    return w


NONE: frozenset[Relation] = frozenset()
# Relations of each role's person to courtship A's records, by hand (B's are all empty).
_A_COURTSHIP = {Role.PARTY: {R.SELF}, Role.SPONSOR: {R.SPONSOR, R.FAMILY},
                Role.GUARDIAN: {R.GUARDIAN}}
A_RELATIONS: dict[Role, dict[str, frozenset[Relation]]] = {
    role: {
        "courtship": frozenset(_A_COURTSHIP.get(role, ())),
        "visit": frozenset(_A_COURTSHIP.get(role, ()))
        | ({R.HANDLER} if role is Role.HANDLER else set()),
        "ceremony": frozenset(_A_COURTSHIP.get(role, ()))
        | ({R.OFFICIANT} if role is Role.OFFICIANT else set()),
        "incident": frozenset({R.REPORTER}) if role is Role.HANDLER else NONE,
        "couple": frozenset({R.SELF}) if role is Role.PARTY else (
            frozenset({R.GUARDIAN}) if role is Role.GUARDIAN else (
                frozenset({R.FAMILY}) if role is Role.SPONSOR else NONE)),
        "bond": NONE, "petition": NONE,
    }
    for role in Role
}
