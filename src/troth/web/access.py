"""The per-request context: who is asking, and the one place where the policy is applied.

Every endpoint names its action and the record(s) it touches; `Ctx.allow` computes the
account's relations to those records (fresh, from the store), asks the policy, writes a
denial to the access log, and raises. Nothing else in web/ decides access.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends
from starlette.requests import Request

from troth.domain.errors import InvalidInput
from troth.domain.policy import ACTION_BY_NAME, SENSITIVE, Decision, decide
from troth.registry.queries import Queries, Relations
from troth.registry.service import Registry
from troth.registry.views import Principal
from troth.web.auth import Authenticator, Unauthenticated
from troth.web.errors import Denied

API_PREFIX = "/api/v1"


@dataclass
class RequestContext:
    registry: Registry
    principal: Principal
    source: str = ""  # where the request came from, for the access log: see source_of
    _relations: dict[tuple[str, tuple[int, ...]], Relations] = field(default_factory=dict)

    @property
    def actor(self) -> str:
        """How the ledger names who issued a command: the account id, never a name."""
        return f"account:{self.principal.account_id}"

    @property
    def queries(self) -> Queries:
        return self.registry.queries

    @property
    def person_id(self) -> int | None:
        return self.principal.person_id

    def judge(self, action: str, *ids: int, subject: str | None = None) -> Decision:
        spec = ACTION_BY_NAME[action]
        first = decide(self.principal.roles, action, ())
        if first.allowed or not ids:
            return first
        return decide(self.principal.roles, action, self.relations(subject or spec.subject, ids))

    def relations(self, subject: str, ids: tuple[int, ...]) -> Relations:
        """Computed once per request and record, fresh from the store."""
        key = (subject, ids)
        if key not in self._relations:
            self._relations[key] = self.queries.relations.relations(
                self.principal.person_id, subject, ids, self.registry.clock.today())
        return self._relations[key]

    def allow(self, action: str, *ids: int, subject: str | None = None) -> Decision:
        """Allow or raise Denied (403/404); every denial is written to the access log."""
        decision = self.judge(action, *ids, subject=subject)
        if not decision.allowed or action in SENSITIVE:
            self.log(action, subject or ACTION_BY_NAME[action].subject, ids, decision)
        if not decision.allowed:
            raise Denied(decision.message, decision.rule, decision.status)
        return decision

    def acting(self, decision: Decision, named: int | None, what: str) -> int:
        """Who a command names as acting (consenting, reporting, sealing ...): the account's
        own person; the registrar alone may name another, in the field `what`."""
        if decision.rule.startswith("registrar:") and named is not None:
            return named
        if self.person_id is None:
            raise InvalidInput(f"name the person acting in '{what}'; this account is not"
                               " linked to a person", rule="acting_person")
        return self.person_id

    def acting_self(self) -> int:
        """The account's own person, for acts no one may do for another (health records)."""
        if self.person_id is None:
            raise InvalidInput("this account is not linked to a person", rule="acting_person")
        return self.person_id

    def may(self, action: str, *ids: int) -> bool:
        """Whether a field may be shown; a hidden field is not a denied request."""
        return self.judge(action, *ids).allowed

    def log(self, action: str, subject: str, ids: tuple[int, ...], d: Decision) -> None:
        self.queries.accounts.log_access(self.principal.account_id, action, subject or "-",
                                         ids[0] if ids else None, d.allowed, d.rule, d.status,
                                         self.source)


def source_of(request: Request) -> str:
    """The page or endpoint a request came to, as the access log names it: "page" or "api",
    the method and the matched route's path template ("api GET
    /api/v1/people/{person_id}/health") — never the URL, its ids or its query string."""
    template = str(getattr(request.scope.get("route"), "path", None) or "(no route)")
    api = request.scope["path"].startswith(API_PREFIX + "/")
    if api and not template.startswith(API_PREFIX + "/"):
        template = API_PREFIX + template  # FastAPI keeps an included router's own paths
    return f"{'api' if api else 'page'} {request.method} {template}"


def registry_of(request: Request) -> Registry:
    reg: Registry = request.app.state.registry
    return reg


def authenticator_of(request: Request) -> Authenticator:
    auth: Authenticator = request.app.state.auth
    return auth


def context(request: Request) -> RequestContext:
    principal = authenticator_of(request).principal(request)
    if principal is None:
        raise Unauthenticated("sign in, or send 'Authorization: Bearer <token>'",
                              rule="signed_in")
    return RequestContext(registry_of(request), principal, source_of(request))


Ctx = Annotated[RequestContext, Depends(context)]
