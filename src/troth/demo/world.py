"""The demo world: the story's cast and timeline, today's people and a courtship in
progress, Rey's health record shared with her physician, and one sign-in per role — all
through the registry's ordinary commands (`troth demo load`, the browser tests)."""

from __future__ import annotations

from troth.registry.service import Registry

DEMO_PASSWORD = "troth-demo-2026"
# username, roles, the cast member it belongs to (None: the registrar's office)
DEMO_ACCOUNTS: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("clerk", ("registrar",), None), ("leia", ("sponsor",), "leia"),
    ("kes", ("sponsor",), "kes"), ("rey", ("party",), "rey"), ("jannah", ("party",), "jannah"),
    ("ben", ("party",), "ben"), ("poe", ("party",), "poe"), ("plutt", ("guardian",), "plutt"),
    ("maz", ("guardian",), "maz"), ("ada", ("handler",), "ada"),
    ("tobias", ("handler",), "tobias"), ("tekka", ("officiant",), "tekka"),
    ("kalonia", ("physician",), "kalonia"),
)


def load_world(reg: Registry, present: bool = True) -> dict[str, int]:
    """The cast, the story, today's people (and, with present, their courtship so far),
    Rey's health record shared with her physician, and the demo accounts."""
    from troth.demo.cast import load_cast
    from troth.demo.story import play_story

    cast = load_cast(reg)
    play_story(reg, cast)
    ids = dict(cast.ids)
    ids.update(_present_people(reg))
    _health(reg, ids)
    if present:
        _present_courtship(reg, ids)
    _accounts(reg, ids)
    return ids


def _present_people(reg: Registry) -> dict[str, int]:
    from datetime import date

    from troth.domain import commands as c

    def person(name: str, born: date, designation: str, parents: tuple[int, ...] = (),
               district: str = "Takodana") -> int:
        pid = reg.execute(c.RegisterPerson(name, born, (), parents, None, district))
        reg.execute(c.RecordPresentation(pid, designation, date(born.year + 14, 6, 1)))
        return pid

    ids = {"maz": person("Maz Kanata", date(1961, 5, 4), "beta"),
           "jannah": person("Jannah", date(2005, 6, 14), "omega"),
           "kes": person("Kes Dameron", date(1969, 9, 2), "beta", district="Yavin")}
    ids["poe"] = person("Poe Dameron", date(1997, 2, 11), "alpha", (ids["kes"],), "Yavin")
    ids["maz_order"] = reg.execute(c.AppointGuardian(
        ids["jannah"], ids["maz"], "Takodana Family Court", "TFC-2019-044", date(2019, 8, 1)))
    return ids


def _present_courtship(reg: Registry, p: dict[str, int]) -> None:
    """Poe and Jannah, a month in: three Visits held, one awaiting its report, two ahead."""
    from datetime import datetime, time, timedelta

    from troth.domain import commands as c

    today = reg.clock.today()

    def at(days: int, hour: int) -> datetime:
        return datetime.combine(today + timedelta(days=days), time(hour))

    home = "Maz's castle, Takodana"
    court = reg.execute(c.ProposeIntroduction(p["poe"], p["jannah"], p["kes"],
                                              today - timedelta(days=30), "arranged by his father"))
    reg.execute(c.AcknowledgeAsGuardian(court, p["maz"], today - timedelta(days=29)))
    reg.execute(c.RecordConsent(court, p["jannah"], True, today - timedelta(days=28)))
    plan = [("introduction", -21, 17, (p["ada"],)), ("dinner", -14, 19, (p["ada"], p["tobias"])),
            ("tea", -7, 16, (p["ada"],)), ("walk", -2, 11, (p["ada"],)),
            ("walk", 2, 11, (p["ada"],)), ("dinner", 5, 19, (p["ada"], p["tobias"]))]
    visits = []
    for n, (kind, days, hour, handlers) in enumerate(plan):
        where = home if n < 2 else "the lake path, Takodana"
        visits.append(reg.execute(c.ScheduleVisit(court, kind, at(days, hour), where, n < 2,
                                                  handlers)))
        if days < -2:
            reg.execute(c.RecordVisitHeld(visits[-1], handlers, note="held as planned"))
    reg.execute(c.ReportIncident("contact_breach", p["tobias"], today - timedelta(days=14),
                                 "the pair stood closer than the handlers allow; separated"
                                 " without difficulty", p["poe"], visits[1]))


def _health(reg: Registry, p: dict[str, int]) -> None:
    """Rey chooses her physician; about five months after the bond, a first heat."""
    from datetime import date

    from troth.domain import commands as c

    reg.execute(c.ShareHealth(p["rey"], p["kalonia"], "physician", True, p["rey"]))
    reg.execute(c.RecordFinding(p["rey"], p["kalonia"], "no heat recorded in the five months"
                                " since the bond", date(2026, 8, 20)))
    heat = reg.execute(c.RecordHeat(p["rey"], p["rey"], date(2026, 8, 29), date(2026, 9, 2),
                                    38.2, 7, True, "the first since the bond"))
    reg.execute(c.RecordPregnancy(p["rey"], p["kalonia"], None, heat))


def _accounts(reg: Registry, p: dict[str, int]) -> None:
    """Staff accounts are made by the office; each person's own account is enrolled as if
    in person at the office: an invitation, then her enrolment with its code."""
    from troth.domain import identity as idn
    from troth.domain.policy import Role
    from troth.registry.enrolment import code_digest, new_code
    from troth.registry.passwords import hash_password

    digest = hash_password(DEMO_PASSWORD)
    clerk: int | None = None  # the registrar attests each enrolment at the office
    for username, roles, who in DEMO_ACCOUNTS:
        wanted = tuple(Role(r) for r in roles)
        if who is None:
            made = reg.execute(idn.CreateAccount(username, digest, wanted), actor="demo")
            clerk = made if Role.REGISTRAR in wanted and clerk is None else clerk
            continue
        code = new_code()
        reg.execute(idn.IssueInvitation(p[who], code_digest(code), wanted, clerk), actor="demo")
        reg.execute(idn.Enrol(code_digest(code), username, digest, clerk), actor="demo")
