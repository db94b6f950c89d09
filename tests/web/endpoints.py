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
    path: str  # "{pid}" is replaced by the target person's id
    action: str
    body: Callable[[int], Any] | None = None

    @property
    def per_person(self) -> bool:
        return "{pid}" in self.path

    def url(self, pid: int) -> str:
        return "/api/v1" + self.path.replace("{pid}", str(pid))


PERSON = {"legal_name": "Poe Dameron", "born": "1995-04-01"}

ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("POST", "/people", "person.register", lambda _: PERSON),
    Endpoint("POST", "/births", "person.register",
             lambda pid: {"legal_name": "Nobody", "born": "1800-01-01", "parents": [pid]}),
    Endpoint("POST", "/people/search", "person.search", lambda _: {"text": "a"}),
    Endpoint("GET", "/people/{pid}", "person.read"),
    Endpoint("GET", "/people/{pid}/history", "person.history"),
    Endpoint("GET", "/people/{pid}/snapshot?on=2020-01-01", "person.history"),
    Endpoint("POST", "/people/{pid}/presentation", "person.record",
             lambda _: {"designation": "alpha", "on": "1900-01-01"}),
    Endpoint("POST", "/people/{pid}/death", "person.record", lambda _: {"died": "1900-01-01"}),
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
)
