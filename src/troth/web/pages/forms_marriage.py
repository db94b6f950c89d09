"""Forms for marriages of Betas: one's own consent, the officiant's solemnisation, a spouse's
petition to dissolve, the registrar's decision.

A consent the registrar records for another person is given in person at the office: the
registrar's account is recorded as attesting it."""

from __future__ import annotations

from troth.domain import commands as c
from troth.domain.marriage import GROUNDS
from troth.web.access import RequestContext
from troth.web.pages.forms import Field, Form, Values
from troth.web.pages.forms_bonding import _witnesses
from troth.web.pages.forms_courtship import hidden, me
from troth.web.pages.forms_people import on, person, today


def _consent(v: Values, ctx: RequestContext) -> int:
    pid = v["person_id"]
    attested = None if pid == ctx.person_id else ctx.principal.account_id
    return ctx.registry.execute(c.ConsentToMarriage(pid, v["partner_id"], v["on"], attested),
                                actor=ctx.actor)


CONSENT = Form(
    "marriage_consent", "Consent to marry", "marriage.consent",
    (hidden("person_id", "Person"),
     person("partner_id", "The person to marry", "Their registry number, as shown on their"
            " record."),
     on("Consent given on")),
    run=_consent, target=(("person_id",), "person"), defaults=today, submit="Record the consent",
    done=lambda i, v: (f"/marriages/{i}", f"The consent is recorded (marriage #{i})."),
    rules={"not_oneself": "partner_id", "both_betas": "partner_id",
           "both_adults": "partner_id", "neither_married": "partner_id",
           "neither_bonded": "partner_id", "spouses_alive": "partner_id",
           "one_notice": "partner_id"},
    intro="Each spouse gives their own consent: signed in as themself, or in person at the"
          " office, where the registrar records it. A marriage is of two adult Betas, neither"
          " married nor bonded. The first consent gives notice of the marriage.")


WITHDRAW = Form(
    "withdraw_marriage_consent", "Withdraw my consent to marry", "marriage.consent",
    (hidden("marriage_id", "Marriage"), on("Withdrawn on")),
    build=lambda v, ctx: c.WithdrawMarriageConsent(v["marriage_id"], me(ctx), v["on"]),
    done=lambda i, v: (f"/marriages/{i}", "Your consent is withdrawn; the notice lapsed."),
    target=(("marriage_id",), "marriage"), defaults=today, submit="Withdraw my consent",
    intro="Until the marriage is solemnised, either person may withdraw, with no reason"
          " needed. The notice then lapses; nothing is solemnised on it.")


SOLEMNISE = Form(
    "solemnise_marriage", "Solemnise the marriage", "marriage.solemnise",
    (hidden("marriage_id", "Marriage"),
     Field("witnesses", "Witnesses", help="Names of the witnesses, separated by commas."),
     on("Solemnised on")),
    build=lambda v, ctx: c.SolemniseMarriage(v["marriage_id"], me(ctx),
                                             _witnesses(v["witnesses"]), v["on"]),
    done=lambda i, v: (f"/marriages/{i}", f"Marriage #{i} is solemnised and its certificate"
                       " issued."),
    target=(("marriage_id",), "marriage"), defaults=today, submit="Solemnise",
    rules={"own_consents": "marriage_id", "officiant_independent": "marriage_id"},
    intro="Both spouses' own consents must be on record by the day; you solemnise as the"
          " officiant, before at least one witness.")


def _petition(v: Values, ctx: RequestContext) -> int:
    return ctx.registry.execute(c.PetitionDissolution(
        v["marriage_id"], me(ctx), v["grounds"], v["on"], v["evidence"]), actor=ctx.actor)


PETITION = Form(
    "petition_dissolution", "Petition to dissolve the marriage", "marriage.petition",
    (hidden("marriage_id", "Marriage"),
     Field("grounds", "Grounds", "select",
           choices=tuple((g, g.replace("_", " ").capitalize()) for g in GROUNDS)),
     Field("evidence", "Statement", "textarea", required=False,
           help="What supports the petition, if anything."),
     on("Filed on")),
    run=_petition, target=(("marriage_id",), "marriage"), defaults=today,
    submit="File the petition",
    done=lambda i, v: (f"/marriages/{v['marriage_id']}", f"Petition #{i} is filed; the"
                       " registrar decides it on record."),
    intro="Either spouse may petition. The registrar decides, with reasons.")


DECIDE = Form(
    "decide_dissolution", "Decide a petition to dissolve a marriage", "dissolution.decide",
    (hidden("petition_id", "Petition"),
     Field("granted", "Decision", "select",
           choices=(("no", "Refuse the petition"), ("yes", "Dissolve the marriage"))),
     Field("reasons", "Reasons", "textarea"), on("Decided on"),
     Field("dissolve_on", "The marriage is dissolved on", "date", required=False,
           help="If granted; the decision's date when left empty.")),
    build=lambda v, ctx: c.DecideDissolution(v["petition_id"], v["granted"] == "yes",
                                             v["reasons"], v["on"], v["dissolve_on"]),
    done=lambda i, v: (f"/marriage-petitions/{i}", "The decision is recorded."),
    target=(("petition_id",), "marriage_petition"), defaults=today,
    submit="Record the decision")

FORMS = (CONSENT, WITHDRAW, SOLEMNISE, PETITION, DECIDE)
