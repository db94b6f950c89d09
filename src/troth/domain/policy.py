"""Who may do what: the access policy, written once as data.

A request is judged on three things: the account's roles, the action, and how the
account's person stands towards the record (its *relations*: the record is their own,
they guard its Omega, they are its assigned handler ...). The relations are computed by
the store (troth.store.reads.relations); this module is pure.

The same tables are read by the API (every endpoint names its action) and by the tests
(the access matrix is generated from GRANTS), and docs/api.md prints them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    REGISTRAR = "registrar"
    SPONSOR = "sponsor"
    PARTY = "party"
    GUARDIAN = "guardian"
    HANDLER = "handler"
    OFFICIANT = "officiant"
    PHYSICIAN = "physician"


class Relation(StrEnum):
    """How the account's person stands towards the record."""

    SELF = "self"  # their own person record, or a record they are a party to
    FAMILY = "family"  # parent, child or sibling of the person (or of a party)
    SPONSOR = "sponsor"  # sponsored the courtship the record belongs to
    GUARDIAN = "guardian"  # the current guardian of the person (or of the Omega party)
    HANDLER = "handler"  # assigned to the Visit as a handler
    OFFICIANT = "officiant"  # assigned to officiate at the ceremony
    REPORTER = "reporter"  # filed the incident
    PHYSICIAN = "physician"  # chosen by the patient as their physician (health records)
    PARTNER = "partner"  # a partner the patient shares her health records with
    BONDED = "bonded"  # bonded to the person (a bond not dissolved): her public record


class Denial(StrEnum):
    FORBIDDEN = "forbidden"  # 403: the record's existence is no secret
    HIDDEN = "hidden"  # 404: the record's existence is itself private


@dataclass(frozen=True)
class Action:
    name: str
    subject: str  # the kind of record the relation is computed against ("" = none)
    denial: Denial
    help: str


@dataclass(frozen=True)
class Grant:
    role: Role
    action: str
    via: frozenset[Relation] | None  # None: whatever the relation (or none at all)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    rule: str
    status: int  # 200 when allowed; 403 or 404 when not
    message: str


F, H = Denial.FORBIDDEN, Denial.HIDDEN

ACTIONS: tuple[Action, ...] = (
    Action("person.search", "", F, "Search the register of people."),
    Action("person.read", "person", H, "Read a person's record."),
    Action("person.scent", "person", H, "Read a person's scent signature (private)."),
    Action("scent.record", "health", H, "Record or re-measure a person's scent signature (a"
           " physician the person chose)."),
    Action("person.history", "person", H, "Read a person's history and past snapshots."),
    Action("person.register", "", F, "Register a person or a birth."),
    Action("person.record", "person", F, "Record a presentation or a death."),
    Action("person.contact", "person", H, "Keep a person's contact e-mail, where her"
           " notifications are also sent (the person herself, or the registrar)."),
    Action("correction.request", "person", F, "Request the correction of a registered fact."),
    Action("correction.decide", "", F, "Approve or reject a correction another registrar"
           " requested."),
    Action("correction.read", "", F, "List corrections and read one."),
    Action("guardianship.read", "person", H, "See who guards a person, and when."),
    Action("guardianship.order", "person", F, "Appoint, transfer, revoke or end a guardianship."),
    Action("ledger.read", "", F, "Verify the ledger and print its checkpoint."),
    Action("customs.read", "", F, "Read the customs in force."),
    Action("account.manage", "", F, "Create accounts (staff only), grant and revoke roles,"
           " disable."),
    Action("account.invite", "person", F, "Invite a person to enrol her own account."),
    Action("access_log.read", "", F, "Read the access log."),
    Action("courtship.propose", "couple", F, "Propose an introduction."),
    Action("match.candidates", "person", F, "Search introduction candidates for a person"
           " (registry staff and sponsors: for anyone; a party: for themself only)."),
    Action("courtship.read", "courtship", H, "Read a courtship, its consents and waivers."),
    Action("courtship.consent", "courtship", H, "Record one's own consent or refusal."),
    Action("courtship.acknowledge", "courtship", H, "Acknowledge a courtship as guardian."),
    Action("courtship.end", "courtship", H, "End a courtship."),
    Action("courtship.waive", "courtship", H, "Grant a waiver of a custom."),
    Action("visit.schedule", "courtship", H, "Schedule a Visit."),
    Action("roster.manage", "", F, "Keep the handlers' list, their availability and"
           " unavailability, and the week's Visit requests (the registry office)."),
    Action("visit.read", "visit", H, "Read a Visit."),
    Action("visit.report", "visit", H, "Record a Visit as held or missed."),
    Action("visit.cancel", "visit", H, "Cancel a Visit."),
    Action("incident.report", "incident_target", F, "Report an incident."),
    Action("incident.read", "incident", H, "Read an incident."),
    Action("incident.queue", "", F, "The welfare queue of open incidents."),
    Action("welfare.assign", "", F, "Assign open incidents of the welfare queue to a"
           " registrar."),
    Action("incident.close", "incident", H, "Close an incident with an outcome."),
    Action("welfare.decide", "incident", H, "Decide a welfare review: the guardian kept, or"
           " the guardianship transferred or revoked."),
    Action("guardianship.record", "person", F, "A guardian's record across all wards and"
           " years, with each ward's incidents and reviews."),
    Action("ceremony.schedule", "courtship", H, "Schedule a bonding ceremony."),
    Action("ceremony.read", "ceremony", H, "Read a ceremony."),
    Action("ceremony.seal", "ceremony", H, "Seal the bond at the ceremony."),
    Action("bond.read", "bond", H, "Read a bond and its certificate."),
    Action("annulment.petition", "bond", H, "Petition for an annulment."),
    Action("annulment.read", "petition", H, "Read an annulment petition."),
    Action("annulment.decide", "petition", H, "Decide an annulment petition."),
    Action("health.read", "health", H, "Read health records (the patient chooses who)."),
    Action("health.write", "health", H, "Record heats and pregnancies (patient, physician)."),
    Action("health.share", "health", H, "Choose who may read one's health records."),
    Action("health.reads", "health", H, "See who read one's own health records, when and"
           " from which page or command (the owner alone)."),
    Action("finding.release", "health", H, "Release one's own physician's finding for one"
           " annulment petition, or withdraw it before the decision."),
    Action("finding.attest", "", F, "Attest a release given in person at the office."),
    Action("marriage.consent", "person", F, "Record one's own consent to marry (the registrar:"
           " a consent given in person at the office, attested)."),
    Action("marriage.read", "marriage", H, "Read a marriage and its certificate (the spouses,"
           " its officiant)."),
    Action("marriage.solemnise", "marriage", H, "Solemnise a marriage on notice, as its"
           " officiant."),
    Action("marriage.petition", "marriage", H, "Petition to dissolve one's own marriage."),
    Action("dissolution.read", "marriage_petition", H, "Read a petition to dissolve a"
           " marriage (the spouses)."),
    Action("dissolution.decide", "marriage_petition", H, "Decide a petition to dissolve a"
           " marriage."),
)
ACTION_BY_NAME = {a.name: a for a in ACTIONS}
# Allowed uses of these are written to the access log too, not only denials.
SENSITIVE = frozenset({"health.read", "health.write", "health.share", "access_log.read",
                       "account.manage", "account.invite", "finding.release",
                       "finding.attest"})

R = Relation


def _g(role: Role, *actions: str, via: Iterable[Relation] | None = None) -> list[Grant]:
    rel = None if via is None else frozenset(via)
    return [Grant(role, a, rel) for a in actions]


_REGISTRAR_ALL = [a.name for a in ACTIONS
                  if a.name not in ("courtship.consent", "health.read", "health.write",
                                    "health.share", "health.reads", "finding.release",
                                    "scent.record")]

GRANTS: tuple[Grant, ...] = (
    # The registrar: everything, except to speak for a party or to read health records.
    *_g(Role.REGISTRAR, *_REGISTRAR_ALL),
    # Everyone signed in may read the customs in force.
    *[Grant(role, "customs.read", None) for role in Role if role is not Role.REGISTRAR],
    # Everyone sees their own history: every change to who their account is, or which roles
    # it holds, is an entry there (issue 14), whatever role the account holds.
    *[Grant(role, "person.history", frozenset({R.SELF})) for role in Role
      if role not in (Role.REGISTRAR, Role.PARTY)],
    # Everyone keeps their own contact e-mail (where their notifications are also sent).
    *[Grant(role, "person.contact", frozenset({R.SELF})) for role in Role
      if role is not Role.REGISTRAR],
    # Marriages of Betas: whatever role a spouse's account holds, their own consent, their
    # marriage and its petitions are theirs; an officiant solemnises a marriage on notice
    # and then reads the marriage they solemnised.
    *[Grant(role, action, frozenset({R.SELF})) for role in Role if role is not Role.REGISTRAR
      for action in ("marriage.consent", "marriage.read", "marriage.petition",
                     "dissolution.read")],
    *_g(Role.OFFICIANT, "marriage.solemnise"),
    *_g(Role.OFFICIANT, "marriage.read", via=[R.OFFICIANT]),
    # A party (the Alpha or the Omega): their own record, courtships, Visits, consents, bond.
    *_g(Role.PARTY, "person.read", "person.scent", "person.history", "guardianship.read",
        "courtship.read", "courtship.consent", "courtship.end", "visit.read",
        "visit.cancel", "incident.report", "ceremony.read", "bond.read",
        "annulment.petition", "annulment.read", "health.read", "health.write",
        "health.share", "health.reads", "finding.release", via=[R.SELF]),
    # A bonded partner reads the other's public record (not its history or scent).
    *_g(Role.PARTY, "person.read", via=[R.BONDED]),
    # A partner she chose may read her health records; nothing more.
    *_g(Role.PARTY, "health.read", via=[R.PARTNER]),
    *_g(Role.PARTY, "incident.read", via=[R.REPORTER]),
    # A party may search introduction candidates for themself only.
    *_g(Role.PARTY, "match.candidates", via=[R.SELF]),
    # A sponsor: introductions for their own family, and the courtships they sponsored;
    # candidates may be searched for anyone (finding a match is what a sponsor does).
    *_g(Role.SPONSOR, "match.candidates"),
    *_g(Role.SPONSOR, "person.read", via=[R.SELF, R.FAMILY]),
    *_g(Role.SPONSOR, "courtship.propose", via=[R.FAMILY]),
    *_g(Role.SPONSOR, "courtship.read", "visit.schedule", via=[R.SPONSOR]),
    *_g(Role.SPONSOR, "visit.read", "visit.cancel", via=[R.SPONSOR]),
    # A guardian: the ward's record, courtships and Visits — never the ward's health.
    *_g(Role.GUARDIAN, "person.read", "guardianship.read", via=[R.SELF, R.GUARDIAN]),
    *_g(Role.GUARDIAN, "courtship.read", "courtship.acknowledge", "visit.schedule",
        "visit.read", "visit.cancel", "incident.report", via=[R.GUARDIAN]),
    *_g(Role.GUARDIAN, "incident.read", via=[R.REPORTER]),
    # A handler: only the Visits assigned to them; reports and incidents on those.
    *_g(Role.HANDLER, "person.read", via=[R.SELF]),
    *_g(Role.HANDLER, "visit.read", "visit.report", "incident.report", via=[R.HANDLER]),
    *_g(Role.HANDLER, "incident.read", via=[R.REPORTER]),
    # An officiant: the ceremonies assigned to them.
    *_g(Role.OFFICIANT, "person.read", via=[R.SELF]),
    *_g(Role.OFFICIANT, "ceremony.read", "ceremony.seal", via=[R.OFFICIANT]),
    # A physician: the health records of patients who chose them, nothing else.
    *_g(Role.PHYSICIAN, "person.read", via=[R.SELF]),
    *_g(Role.PHYSICIAN, "health.read", "health.write", via=[R.PHYSICIAN]),
    # ... and their scent signatures (an identity attribute, not a health record).
    *_g(Role.PHYSICIAN, "scent.record", via=[R.PHYSICIAN]),
)


def _check() -> None:
    for g in GRANTS:
        if g.action not in ACTION_BY_NAME:
            raise AssertionError(f"grant names unknown action {g.action}")


_check()


def grants_for(role: Role, action: str) -> list[Grant]:
    return [g for g in GRANTS if g.role is role and g.action == action]


def decide(roles: Iterable[Role], action: str, relations: Iterable[Relation]) -> Decision:
    """Allowed if any of the roles has a grant for the action through any of the relations.

    The rule named is `role:action[via relation]` when allowed, `deny:action` otherwise; a
    denial answers 404 where the record's existence is private, 403 elsewhere.
    """
    spec = ACTION_BY_NAME[action]
    rels = frozenset(relations)
    for role in sorted(set(roles)):
        for g in grants_for(role, action):
            if g.via is None:
                return Decision(True, f"{role}:{action}", 200, "allowed")
            hit = sorted(g.via & rels)
            if hit:
                return Decision(True, f"{role}:{action} via {hit[0]}", 200, "allowed")
    if spec.denial is Denial.HIDDEN:
        return Decision(False, f"deny:{action}", 404,
                        "no such record, or not one this account may see")
    return Decision(False, f"deny:{action}", 403,
                    f"this account may not do this: {spec.help[:1].lower()}{spec.help[1:]}")


def markdown() -> str:
    """The policy as a Markdown table (docs/api.md carries it; a test keeps them equal)."""
    roles = list(Role)
    head = "| action | on denial | " + " | ".join(r.value for r in roles) + " |"
    rows = [head, "|" + "---|" * (len(roles) + 2)]
    for a in ACTIONS:
        cells = []
        for role in roles:
            grants = grants_for(role, a.name)
            if not grants:
                cells.append("—")
            elif any(g.via is None for g in grants):
                cells.append("any")
            else:
                cells.append(", ".join(sorted({r.value for g in grants for r in g.via or ()})))
        denial = "404" if a.denial is Denial.HIDDEN else "403"
        rows.append(f"| `{a.name}` | {denial} | " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"
