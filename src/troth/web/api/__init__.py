"""The JSON API, /api/v1: one module per resource, every error in one documented shape."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from troth.web import csrf
from troth.web.access import API_PREFIX
from troth.web.api import (
    accounts,
    auth_routes,
    bonds,
    corrections,
    courtships,
    guardianships,
    health,
    inbox,
    ledger,
    marriages,
    matching,
    people,
    visits,
)
from troth.web.errors import ERROR_RESPONSES

MODULES = (auth_routes, people, corrections, guardianships, courtships, visits, bonds, health,
           marriages, ledger, accounts, matching, inbox)


def build_router() -> APIRouter:
    router = APIRouter(prefix=API_PREFIX, responses=ERROR_RESPONSES,
                       dependencies=[Depends(csrf.check)])
    for module in MODULES:
        router.include_router(module.router)
    return router
