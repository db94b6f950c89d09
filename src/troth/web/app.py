"""The application factory: no work at import; everything hangs off the registry given.

The JSON API lives under /api/v1 (troth.web.api); the pages (troth.web.pages, a separate
package) plug in below when present. OpenAPI at /openapi.json, browsable docs at /docs.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from troth.registry.candidate_search import SearchCache
from troth.registry.service import Registry
from troth.store.accounts import AccountStore
from troth.store.pool import server_engines
from troth.store.reads.people import ReadModel
from troth.web import errors
from troth.web.api import build_router
from troth.web.auth import Authenticator

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Every response: nosniff, no referrer, no framing. API responses: no-store."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = scope["path"].startswith("/api/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", [])
                           if not (api and h[0].lower() == b"cache-control")]
                headers += SECURITY_HEADERS
                if api:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(registry: Registry) -> FastAPI:
    app = FastAPI(title="troth", version="0.1.0",
                  description="The civil registry of designations, guardianships, courtships"
                              " and bonds. Sign in at /api/v1/auth/login (a session cookie)"
                              " or send `Authorization: Bearer <token>`.")
    engines = server_engines(registry.engines)
    accounts = AccountStore(engines, registry.clock)
    app.state.registry = registry
    app.state.reads = ReadModel(engines)
    app.state.accounts = accounts
    app.state.auth = Authenticator(accounts)
    app.state.candidate_search = SearchCache()  # candidate search: read once per change
    errors.install(app)
    app.add_middleware(SecurityHeaders)
    app.include_router(build_router())
    pages_router = _pages_router()
    if pages_router is not None:
        app.include_router(pages_router)
    else:
        _placeholder_home(app, registry)
    return app


def _pages_router() -> Any:
    """The pages plug in here: a package troth.web.pages exposing `router` (an APIRouter)."""
    if importlib.util.find_spec("troth.web.pages") is None:
        return None
    return getattr(importlib.import_module("troth.web.pages"), "router", None)


def _placeholder_home(app: FastAPI, registry: Registry) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> str:
        n = registry.reads.count_people()
        return (f"<!doctype html><html lang=en><title>troth</title><h1>troth</h1>"
                f"<p>The registry holds {n} people. The JSON API is described at"
                f" <a href=/docs>/docs</a>.</p></html>")
