"""The pages: server-rendered Jinja2 with HTMX, on the API's sessions and access policy.

`router` is picked up by troth.web.app.create_app. Every route uses PageRoute: not signed
in → the sign-in page; refused → an HTML page with the policy's own message.
"""

from __future__ import annotations

from fastapi import APIRouter

from troth.web.pages import (
    actions,
    auth_pages,
    candidates,
    corrections,
    dashboard,
    duplicates,
    enrolment,
    exports,
    health,
    inbox,
    ledger,
    marriages,
    people,
    records,
    releases,
    roster,
    roster_lists,
    stats,
    suggest,
    welfare,
)

__all__ = ["router"]

actions.extra_forms(*health.HEALTH_FORMS, welfare.DECIDE_REVIEW)
router = APIRouter(include_in_schema=False)
for module in (exports, auth_pages, dashboard, people, records, marriages, actions, ledger, stats,
               health, roster, roster_lists, candidates, corrections, duplicates, enrolment,
               releases, inbox, suggest, welfare):
    router.include_router(module.router, include_in_schema=False)
