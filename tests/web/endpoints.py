"""Every policy-governed endpoint, with the action it names and a harmless request body.

Bodies of write endpoints are chosen so the registry refuses them after the access check
(a death before birth, a guardian who is the ward ...): the matrix can then call every
endpoint as every role without changing the world it judges.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_n = itertools.count(1)


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # "{pid}" is replaced by the target person's id, "{id}" by the record's
    action: str
    body: Callable[[Any], Any] | None = None
    subject: str = ""  # the kind of record the path or body names ("" = none)

    @property
    def per_person(self) -> bool:
        return "{pid}" in self.path

    @property
    def kind(self) -> str:
        return "person" if self.per_person else self.subject

    def url(self, target: Any) -> str:
        path = self.path.replace("{pid}", str(target)).replace("{id}", str(target))
        return "/api/v1" + path


PERSON = {"legal_name": "Poe Dameron", "born": "1995-04-01"}

ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("POST", "/people", "person.register", lambda _: PERSON),
    Endpoint("POST", "/births", "person.register",
             lambda pid: {"legal_name": "Nobody", "born": "1800-01-01", "parents": [pid]}),
    Endpoint("POST", "/people/search", "person.search", lambda _: {"text": "ann"}),
    Endpoint("GET", "/people/{pid}", "person.read"),
    Endpoint("GET", "/people/{pid}/history", "person.history"),
    Endpoint("GET", "/people/{pid}/snapshot?on=2020-01-01", "person.history"),
    Endpoint("POST", "/people/{pid}/presentation", "person.record",
             lambda _: {"designation": "alpha", "on": "1900-01-01"}),
    Endpoint("POST", "/people/{pid}/death", "person.record", lambda _: {"died": "1900-01-01"}),
    Endpoint("GET", "/people/{pid}/contact", "person.contact"),
    Endpoint("PUT", "/people/{pid}/contact", "person.contact",
             lambda _: {"email": "not an address"}),
    Endpoint("GET", "/people/{pid}/guardian?on=2020-01-01", "guardianship.read"),
    Endpoint("GET", "/people/{pid}/guardianships", "guardianship.read"),
    Endpoint("POST", "/people/{pid}/guardianship", "guardianship.order",
             lambda pid: {"guardian_id": pid, "court": "C", "order_ref": "O",
                          "start": "2020-01-01"}),
    Endpoint("POST", "/people/{pid}/guardianship/transfer", "guardianship.order",
             lambda pid: {"new_guardian_id": pid, "court": "C", "order_ref": "O",
                          "on": "1900-01-01"}),
    Endpoint("POST", "/people/{pid}/guardianship/end", "guardianship.order",
             lambda _: {"on": "1900-01-01", "how": "revoked"}),
    Endpoint("POST", "/ledger/verify", "ledger.read", lambda _: {}),
    Endpoint("GET", "/ledger/checkpoint", "ledger.read"),
    Endpoint("GET", "/customs", "customs.read"),
    Endpoint("POST", "/accounts", "account.manage",
             lambda _: {"username": f"new{next(_n)}", "password": "x" * 12,
                        "roles": ["party"]}),
    Endpoint("GET", "/accounts/999999", "account.manage"),
    Endpoint("POST", "/accounts/999999/roles", "account.manage", lambda _: {"role": "party"}),
    Endpoint("DELETE", "/accounts/999999/roles/party", "account.manage"),
    Endpoint("POST", "/accounts/999999/disable", "account.manage"),
    Endpoint("GET", "/access-log", "access_log.read"),
    Endpoint("POST", "/people/{pid}/invitations", "account.invite", lambda _: {"roles": []}),
    Endpoint("POST", "/people/{pid}/findings", "health.write",
             lambda _: {"text": "a finding", "on": "2099-01-01"}),
    Endpoint("GET", "/people/{pid}/health/reads", "health.reads"),
    Endpoint("POST", "/people/{pid}/scent", "scent.record",
             lambda _: {"on": "2099-01-01", "gives": [0.5, 0.5], "draws": [0.5, 0.5]}),
    Endpoint("GET", "/match/candidates/{pid}", "match.candidates"),
    Endpoint("GET", "/people/{pid}/guardian-record", "guardianship.record"),
    Endpoint("POST", "/corrections", "correction.request",  # evidence missing: refused
             lambda pid: {"person_id": pid, "field": "district", "value": "D9",
                          "evidence": " "}),
    Endpoint("GET", "/corrections", "correction.read"),
    Endpoint("POST", "/incidents/assignments", "welfare.assign",  # no such incident
             lambda _: {"incident_ids": [999999]}),
    Endpoint("GET", "/corrections/999999", "correction.read"),
    Endpoint("POST", "/corrections/999999/approval", "correction.decide", lambda _: {}),
    Endpoint("POST", "/corrections/999999/rejection", "correction.decide",
             lambda _: {"reason": "r"}),
    # a consent to marry oneself: refused by the registry after the access check
    Endpoint("POST", "/people/{pid}/marriage-consent", "marriage.consent",
             lambda pid: {"partner_id": pid, "on": "2026-01-01"}),
)

LATER = "2099-01-01"  # a date in the future: the registry refuses it after the access check


def _e(method: str, path: str, action: str, subject: str,
       body: Callable[[Any], Any] | None = None) -> Endpoint:
    return Endpoint(method, path, action, body, subject)


RECORD_ENDPOINTS: tuple[Endpoint, ...] = (
    _e("POST", "/courtships", "courtship.propose", "couple",
       lambda ids: {"alpha_id": ids[0], "omega_id": ids[1], "on": LATER}),
    _e("POST", "/incidents", "incident.report", "visit",
       lambda v: {"kind": "neglect", "on": LATER, "description": "d", "visit_id": v}),
    _e("GET", "/courtships/{id}", "courtship.read", "courtship"),
    _e("POST", "/courtships/{id}/consents", "courtship.consent", "courtship",
       lambda _: {"given": True, "on": LATER}),
    _e("POST", "/courtships/{id}/acknowledgement", "courtship.acknowledge", "courtship",
       lambda _: {"on": LATER}),
    _e("POST", "/courtships/{id}/waivers", "courtship.waive", "courtship",
       lambda _: {"custom": "not_a_custom", "reason": "r", "on": LATER}),
    _e("POST", "/courtships/{id}/visits", "visit.schedule", "courtship",
       lambda _: {"kind": "tea", "starts_at": "2099-01-01T10:00:00", "place": "p",
                  "at_omega_residence": True, "handlers": []}),
    _e("POST", "/courtships/{id}/ceremonies", "ceremony.schedule", "courtship",
       lambda _: {"officiant_id": 424242, "witnesses": [], "on": LATER}),
    _e("GET", "/visits/{id}", "visit.read", "visit"),
    _e("POST", "/visits/{id}/missed", "visit.report", "visit",
       lambda _: {"reason": "absent"}),
    _e("POST", "/visits/{id}/held", "visit.report", "visit",
       lambda _: {"handlers_present": [424242]}),
    _e("POST", "/visits/{id}/cancel", "visit.cancel", "visit", lambda _: {"reason": "r"}),
    _e("GET", "/incidents/{id}", "incident.read", "incident"),
    _e("POST", "/incidents/{id}/close", "incident.close", "incident",
       lambda _: {"outcome": "o", "on": LATER}),
    _e("POST", "/incidents/{id}/decision", "welfare.decide", "incident",
       lambda _: {"outcome": "kept", "reasons": "r", "on": LATER}),
    _e("GET", "/ceremonies/{id}", "ceremony.read", "ceremony"),
    _e("POST", "/ceremonies/{id}/seal", "ceremony.seal", "ceremony",
       lambda _: {"household": "h", "on": LATER}),
    _e("GET", "/bonds/{id}", "bond.read", "bond"),
    _e("POST", "/bonds/{id}/petitions", "annulment.petition", "bond",
       lambda _: {"grounds": "mutual_wish", "evidence": "e", "on": LATER}),
    _e("GET", "/petitions/{id}", "annulment.read", "petition"),
    _e("POST", "/petitions/{id}/decision", "annulment.decide", "petition",
       lambda _: {"granted": False, "reasons": "r", "on": LATER}),
    _e("GET", "/incidents", "incident.queue", ""),
    # Last: an allowed end really ends courtship A (relations do not depend on its status).
    _e("POST", "/courtships/{id}/end", "courtship.end", "courtship", lambda _: {"on": LATER}),
)
