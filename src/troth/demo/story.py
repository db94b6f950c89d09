"""The story's timeline (WORLD.md), played through the ordinary commands for the demo."""

from __future__ import annotations

from datetime import date, datetime

from troth.demo.cast import Cast
from troth.domain import commands as c
from troth.registry.service import Registry

# Ben's parents married two years before he was born (he was born on 25 October 1999).
HAN_AND_LEIA_MARRIED = date(1997, 5, 17)


def marry_han_and_leia(reg: Registry, cast: Cast) -> int:
    """Leia Organa and Han Solo, two Betas, marry by their own consents before Lor San Tekka."""
    p, on = cast.ids, HAN_AND_LEIA_MARRIED
    marriage = reg.execute(c.ConsentToMarriage(p["leia"], p["han"], date(1997, 4, 2)))
    reg.execute(c.ConsentToMarriage(p["han"], p["leia"], date(1997, 4, 2)))
    reg.execute(c.SolemniseMarriage(marriage, p["tekka"], ("Luke Skywalker", "Chewbacca"), on))
    return marriage


def play_story(reg: Registry, cast: Cast) -> dict[str, int]:
    """Ben's parents' marriage (1997); then the introduction, three Visits (the first
    missed), incidents (a threat among them), a waiver granted by the families, the bond.

    The registry's clock must be on or after 2026-03-28 (the bonding).
    """
    p = cast.ids
    home = "Plutt's Yard, Jakku"
    out: dict[str, int] = {"marriage": marry_han_and_leia(reg, cast)}
    court = reg.execute(c.ProposeIntroduction(p["ben"], p["rey"], p["leia"], date(2026, 3, 2),
                                              "arranged by his mother"))
    reg.execute(c.AcknowledgeAsGuardian(court, p["plutt"], date(2026, 3, 3)))
    reg.execute(c.RecordConsent(court, p["rey"], True, date(2026, 3, 4)))
    v1 = reg.execute(c.ScheduleVisit(court, "introduction", datetime(2026, 3, 7, 18), home, True,
                                     (p["ada"], p["tobias"])))
    reg.execute(c.RecordVisitMissed(v1, "absent", "they met in the yard instead"))
    reg.execute(c.ReportIncident("force_against_ward", p["ada"], date(2026, 3, 7),
                                 "the guardian grabbed the ward's wrist", p["plutt"], v1))
    reg.execute(c.ReportIncident("assault", p["ada"], date(2026, 3, 7),
                                 "the Alpha struck the guardian", p["ben"], v1))
    v2 = reg.execute(c.ScheduleVisit(court, "dinner", datetime(2026, 3, 14, 19), home, True,
                                     (p["ada"], p["tobias"])))
    reg.execute(c.RecordVisitHeld(v2, (p["ada"], p["tobias"]), note="a courting dinner"))
    v3 = reg.execute(c.ScheduleVisit(court, "film", datetime(2026, 3, 21, 19), "the Solo home",
                                     False, (p["ada"],)))
    reg.execute(c.RecordVisitHeld(v3, (p["ada"],), note="a film at home; the handler knitted"))
    out["threat"] = reg.execute(c.ReportIncident(
        "threat", p["ada"], date(2026, 3, 21),
        "the Alpha told the family: 'I can take her whenever I want ... it's up to you'",
        p["ben"], v3))
    reg.execute(c.ReportIncident("payment_demand", p["rey"], date(2026, 3, 22),
                                 "the guardian signalled he wants to be paid", p["plutt"],
                                 guardianship_id=p["guardianship"]))
    cer = reg.execute(c.ScheduleCeremony(court, p["tekka"], ("Han Solo", "Luke Skywalker"),
                                         date(2026, 3, 28)))
    reg.execute(c.RecordConsent(court, p["ben"], True, date(2026, 3, 28), "bonding"))
    reg.execute(c.RecordConsent(court, p["rey"], True, date(2026, 3, 28), "bonding"))
    # Granted by the families a week after the threat: the verdict flags it.
    reg.execute(c.GrantWaiver(court, "min_visits_before_bonding", "families",
                              "both parties wish to bond a week after their third Visit",
                              date(2026, 3, 28), (p["leia"], p["han"], p["plutt"]),
                              ("the sponsor, the Alpha's mother", "the Alpha's father", "")))
    out["bond"] = reg.execute(c.SealBond(cer, p["tekka"],
                                         "14 Elm Row, Takodana paired households",
                                         date(2026, 3, 28)))
    out["courtship"] = court
    return out
