"""The application factory: no work at import; everything hangs off the registry given.

The JSON API lives under /api/v1 (troth.web.api); the pages (troth.web.pages, a separate
package) plug in below when present. OpenAPI at /openapi.json, browsable docs at /docs.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from troth.registry.candidate_search import SearchCache
from troth.registry.service import Registry
from troth.web import errors
from troth.web.api import build_router
from troth.web.auth import Authenticator
from troth.web.guards import RefuseNulInUrl
from troth.web.pages import router as pages_router

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
       " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
       " form-action 'self'; frame-ancestors 'none'")
# The browsable API docs (/docs, /redoc) are FastAPI's: their script and styles come from
# a CDN, with an inline start-up script. Only those two pages get this wider policy.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net;"
            " style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data:"
            " https://fastapi.tiangolo.com; worker-src blob:; object-src 'none';"
            " base-uri 'none'; frame-ancestors 'none'")
PERMISSIONS = ("accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(),"
               " gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(),"
               " publickey-credentials-get=(), usb=(), interest-cohort=()")
HSTS = b"max-age=31536000; includeSubDomains"
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", PERMISSIONS.encode()),
]


class SecurityHeaders:
    """Every response: nosniff, no referrer, no framing, a Content-Security-Policy of this
    origin only (no inline script or style: the pages have none, and htmx is told not to
    add its indicator styles), a Permissions-Policy refusing every powerful feature, and
    HSTS when served over TLS. API responses: no-store."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = scope["path"].startswith("/api/")
        csp = DOCS_CSP if scope["path"] in ("/docs", "/redoc") else CSP
        tls = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", [])
                           if not (api and h[0].lower() == b"cache-control")]
                headers += SECURITY_HEADERS
                headers.append((b"content-security-policy", csp.encode()))
                if tls:
                    headers.append((b"strict-transport-security", HSTS))
                if api:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class TrothApp(FastAPI):
    """FastAPI with QuietErrors outside Starlette's ServerErrorMiddleware."""

    def build_middleware_stack(self) -> ASGIApp:
        return errors.QuietErrors(super().build_middleware_stack())


def create_app(registry: Registry, trusted_proxies: tuple[str, ...] = ()) -> FastAPI:
    """The app; `trusted_proxies` (TROTH_TRUSTED_PROXIES) are not limited by address."""
    app = TrothApp(title="troth", version="0.1.0",
                  description="The civil registry of designations, guardianships, courtships"
                              " and bonds. Sign in at /api/v1/auth/login (a session cookie)"
                              " or send `Authorization: Bearer <token>`.")
    app.state.registry = registry
    app.state.auth = Authenticator(registry.queries.accounts, registry.clock,
                                   frozenset(trusted_proxies))
    app.state.candidate_search = SearchCache()  # candidate search: read once per change
    errors.install(app)
    app.add_middleware(RefuseNulInUrl)
    app.add_middleware(SecurityHeaders)
    app.include_router(build_router())
    app.include_router(pages_router)
    return app

