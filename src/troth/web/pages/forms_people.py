"""Forms for people and guardianships (the registrar's commands)."""

from __future__ import annotations

from collections.abc import Mapping

from troth.domain import commands as c
from troth.domain.errors import InvalidInput
from troth.domain.people import Designation, Scent
from troth.web.access import RequestContext
from troth.web.pages.forms import Field, Form, Values


def today(ctx: RequestContext, _: Mapping[str, str] | None = None) -> dict[str, str]:
    d = ctx.registry.clock.today().isoformat()
    return {"on": d, "start": d, "died": d}


def on(label: str = "On") -> Field:
    return Field("on", label, "date", help="The date it took effect.")


def person(name: str, label: str, help: str = "", required: bool = True,
           choose: str = "person") -> Field:
    return Field(name, label, "person", required,
                 help or "Type a name or the registry number (as on the record) and choose"
                         " from the list.", choose=choose)


def _person_page(i: int, v: Values) -> tuple[str, str]:
    return f"/people/{i}", f"Registered as #{i}."


def _ward_page(_: int, v: Values) -> tuple[str, str]:
    return f"/people/{v['ward_id']}", "The guardianship order is recorded."


REGISTER = Form(
    "register_person", "Register a person", "person.register",
    (Field("legal_name", "Legal name"),
     Field("born", "Date of birth", "date"),
     Field("district", "District", required=False, help="Where the person lives."),
     Field("parents", "Parents", "people", required=False, choose="parent",
           help="Up to two parents, by name or registry number, separated by commas."),
     Field("not_duplicate_of", "Not a duplicate of", "people", required=False,
           help="Only when the registry finds a possible duplicate: the registry numbers it"
                " listed, if this is a different person."),
     Field("not_duplicate_reason", "Why this is a different person", "textarea",
           required=False, help="Recorded with the registration (e.g. twins, seen both).")),
    build=lambda v, ctx: c.RegisterPerson(
        v["legal_name"], v["born"], (), tuple(v["parents"]), None, v["district"],
        tuple(v["not_duplicate_of"] or ()), v["not_duplicate_reason"] or ""),
    rules={"possible_duplicate": "not_duplicate_of",
           "not_duplicate_reason": "not_duplicate_reason", "not_duplicate_of": "not_duplicate_of"},
    intro="The registry checks that the person is not already registered; a possible"
          " duplicate is listed with how alike the records are.",
    done=_person_page, submit="Register")

BIRTH = Form(
    "register_birth", "Register a birth", "person.register",
    (Field("legal_name", "The child's legal name"),
     Field("born", "Date of birth", "date"),
     Field("parents", "Parents", "people", choose="parent",
           help="One or two parents, by name or registry number, separated by commas."),
     Field("district", "District", required=False)),
    build=lambda v, ctx: c.RegisterBirth(v["legal_name"], v["born"], tuple(v["parents"]),
                                         v["district"]),
    done=_person_page, submit="Register the birth")

PRESENTATION = Form(
    "record_presentation", "Record a presentation", "person.record",
    (person("person_id", "Person"),
     Field("designation", "Designation", "select",
           choices=tuple((d.value, d.value.capitalize()) for d in Designation)),
     on("Presented on"),
     Field("reason", "Reason", "textarea", required=False,
           help="Needed only when the age at presentation is outside the customary range.")),
    build=lambda v, ctx: c.RecordPresentation(v["person_id"], v["designation"], v["on"],
                                              v["reason"]),
    done=lambda i, v: (f"/people/{v['person_id']}", "The presentation is recorded."),
    target=(("person_id",), "person"), defaults=today,
    intro="A designation is recorded once and never changes afterwards.")

def _scent(v: Values, ctx: RequestContext) -> c.RecordScent:
    if ctx.person_id is None:
        raise InvalidInput("this account is not linked to a person in the registry, so it"
                           " cannot record as a physician", rule="account_person")
    scent = Scent(Scent.parse_vector(v["scent_gives"], "gives"),
                  Scent.parse_vector(v["scent_draws"], "draws"), v["notes"] or "")
    return c.RecordScent(v["person_id"], ctx.person_id, v["on"], scent)


SCENT = Form(
    "record_scent", "Record a scent signature", "scent.record",
    (person("person_id", "Person"), on("Measured on"),
     Field("scent_gives", "Gives", help="What the person gives off: numbers separated by"
           " commas, for example 0.6, 0.8."),
     Field("scent_draws", "Draws", help="What draws the person: as many numbers as Gives."),
     Field("notes", "Notes", "textarea", required=False)),
    build=_scent, rules={"scent_by_chosen_physician": "person_id",
                         "scent_while_alive": "on"},
    done=lambda i, v: (f"/people/{v['person_id']}", "The scent signature is recorded."),
    target=(("person_id",), "health"), defaults=today, submit="Record the measurement",
    intro="For a physician the person chose. A scent signature is an identity attribute:"
          " others see only compatibility scores, and the person's history says who measured"
          " it and when, never the values.")

DEATH = Form(
    "record_death", "Record a death", "person.record",
    (person("person_id", "Person"), Field("died", "Date of death", "date")),
    build=lambda v, ctx: c.RecordDeath(v["person_id"], v["died"]),
    done=lambda i, v: (f"/people/{v['person_id']}", "The death is recorded."),
    target=(("person_id",), "person"), defaults=today,
    intro="Guardianships the person held or was under end on that day.")

APPOINT = Form(
    "appoint_guardian", "Appoint a guardian", "guardianship.order",
    (person("ward_id", "Ward", "The Omega placed under guardianship.", choose="omega"),
     person("guardian_id", "Guardian", "An adult, living and not under guardianship; by"
            " custom a Beta, another needs a recorded reason.", choose="guardian"),
     Field("court", "Court"), Field("order_ref", "Court order reference"),
     Field("start", "From", "date"),
     Field("reason", "Reason", "textarea", required=False)),
    build=lambda v, ctx: c.AppointGuardian(v["ward_id"], v["guardian_id"], v["court"],
                                           v["order_ref"], v["start"], v["reason"]),
    done=_ward_page, target=(("ward_id",), "person"), defaults=today, submit="Appoint")

TRANSFER = Form(
    "transfer_guardianship", "Transfer a guardianship", "guardianship.order",
    (person("ward_id", "Ward", choose="omega"),
     person("new_guardian_id", "New guardian", choose="guardian"),
     Field("court", "Court"), Field("order_ref", "Court order reference"), on("From"),
     Field("reason", "Reason", "textarea", required=False,
           help="For example: the ward petitioned for a new guardian.")),
    build=lambda v, ctx: c.TransferGuardianship(v["ward_id"], v["new_guardian_id"], v["court"],
                                                v["order_ref"], v["on"], v["reason"]),
    done=_ward_page, target=(("ward_id",), "person"), defaults=today, submit="Transfer",
    rules={"guardian_not_ward": "new_guardian_id"})

END_GUARDIANSHIP = Form(
    "end_guardianship", "End or revoke a guardianship", "guardianship.order",
    (person("ward_id", "Ward", choose="omega"), on(),
     Field("how", "How", "select", choices=(("ended", "Ended"), ("revoked", "Revoked by the"
                                                                 " court"))),
     Field("note", "Note", "textarea", required=False)),
    build=lambda v, ctx: c.EndGuardianship(v["ward_id"], v["on"], v["how"], v["note"]),
    done=_ward_page, target=(("ward_id",), "person"), defaults=today, submit="Record")

FORMS = (REGISTER, BIRTH, PRESENTATION, SCENT, DEATH, APPOINT, TRANSFER, END_GUARDIANSHIP)
