"""Forms for ceremonies, sealing a bond, and annulment."""

from __future__ import annotations

from troth.domain import commands as c
from troth.domain.bonding import GROUNDS
from troth.web.access import RequestContext
from troth.web.pages.forms import Field, Form, Values
from troth.web.pages.forms_courtship import hidden, me
from troth.web.pages.forms_people import on, person, today


def _witnesses(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.replace(";", ",").split(",") if w.strip())


CEREMONY = Form(
    "schedule_ceremony", "Schedule a bonding ceremony", "ceremony.schedule",
    (hidden("courtship_id", "Courtship"),
     person("officiant_id", "Officiant", "One of the office's officiants, by name or registry"
            " number; not a party.", choose="officiant"),
     Field("witnesses", "Witnesses", help="Names of the witnesses, separated by commas."),
     on("Ceremony on"),
     Field("at", "Time", required=False, help="The time of day as HH:MM (24 hours), for"
           " example 15:00; leave empty if not yet fixed."),
     Field("place", "Place", required=False, help="Where it is held, for example"
           " \"Registry hall, Jakku\"; at most 200 characters.")),
    build=lambda v, ctx: c.ScheduleCeremony(v["courtship_id"], v["officiant_id"],
                                            _witnesses(v["witnesses"]), v["on"],
                                            v["at"] or None, v["place"] or None),
    done=lambda i, v: (f"/ceremonies/{i}", f"Ceremony #{i} is scheduled."),
    target=(("courtship_id",), "courtship"), defaults=today, submit="Schedule",
    intro="At the ceremony both parties' own consent to the bonding must be on record; the"
          " officiant cannot seal the bond without the Omega's.")


def _sealed(i: int, v: Values) -> tuple[str, str]:
    return f"/ceremonies/{v['ceremony_id']}", f"Bond #{i} is sealed and its certificate issued."


SEAL = Form(
    "seal_bond", "Seal the bond", "ceremony.seal",
    (hidden("ceremony_id", "Ceremony"),
     Field("household", "The household's address",
           help="Where the pair will live: a furnished home, by custom."),
     on("Sealed on")),
    build=lambda v, ctx: c.SealBond(v["ceremony_id"], me(ctx), v["household"], v["on"]),
    done=_sealed, target=(("ceremony_id",), "ceremony"), defaults=today,
    submit="Seal the bond",
    intro="Sealing records the bond, ends the Omega's guardianship, closes the courtship and"
          " issues the bonding certificate.")


def _petition(v: Values, ctx: RequestContext) -> int:
    consent_by = me(ctx) if v["finding_consent"] and v["finding_id"] else None
    return ctx.registry.execute(c.PetitionAnnulment(
        v["bond_id"], me(ctx), v["grounds"], v["evidence"], v["on"], v["finding_id"] or None,
        consent_by), actor=ctx.actor)


PETITION = Form(
    "petition_annulment", "Petition for an annulment", "annulment.petition",
    (hidden("bond_id", "Bond"),
     Field("grounds", "Grounds", "select",
           choices=tuple((g, g.replace("_", " ").capitalize()) for g in GROUNDS)),
     Field("evidence", "Evidence", "textarea", help="What supports the petition."),
     on("Filed on"),
     Field("finding_id", "A physician's finding about my own health (its number)", "number",
           required=False, help="Only a finding in your own health record, recorded by a"
           " physician you chose; the other party's findings are released only by them."),
     Field("finding_consent", "I release this finding for this petition only",
           "checkbox", required=False,
           help="You may withdraw the release until the petition is decided.")),
    run=_petition, target=(("bond_id",), "bond"), defaults=today, submit="File the petition",
    done=lambda i, v: (f"/petitions/{i}", f"Petition #{i} is filed; the registrar decides"
                       " it on record."),
    intro="Either party may petition. The registrar decides, with reasons.")


DECIDE = Form(
    "decide_annulment", "Decide an annulment petition", "annulment.decide",
    (hidden("petition_id", "Petition"),
     Field("granted", "Decision", "select",
           choices=(("no", "Refuse the petition"), ("yes", "Grant the annulment"))),
     Field("reasons", "Reasons", "textarea"), on("Decided on"),
     Field("dissolve_on", "The bond is dissolved on", "date", required=False,
           help="If granted; the decision's date when left empty.")),
    build=lambda v, ctx: c.DecideAnnulment(v["petition_id"], v["granted"] == "yes",
                                           v["reasons"], v["on"], v["dissolve_on"]),
    done=lambda i, v: (f"/petitions/{i}", "The decision is recorded."),
    target=(("petition_id",), "petition"), defaults=today, submit="Record the"
    " decision")

FORMS = (CEREMONY, SEAL, PETITION, DECIDE)


def certificate_code_of_ceremony(ctx: RequestContext, ceremony_id: int) -> str:
    q = ctx.queries.dashboards
    bond_id = q.bond_of_ceremony(ceremony_id)
    if bond_id is None:
        return ""
    return str(ctx.queries.courtships.bond(bond_id).certificate_code)
