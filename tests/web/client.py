"""A synchronous test client over httpx's ASGI transport (in-process, no server).

Starlette's own TestClient is deprecated with httpx; this drives httpx.AsyncClient through
an anyio blocking portal instead. App exceptions propagate (raise_app_exceptions), so a
500 anywhere fails the test that caused it.

Like a browser on troth's own pages, the client sends `Origin` (its own) on every
state-changing request, and the CSRF token it was last given — by a page (the
`hx-headers` of <body>, or a form's `csrf_token` field) or by the API's
`X-CSRF-Token` response header — as `X-CSRF-Token` on requests made by script (JSON
or no body; HTMX does the same). A plain form post carries only its fields: the test
puts `csrf_token` among them, as the page's form does. A client that signs in with a
Bearer token sends neither, as a script would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from anyio.from_thread import BlockingPortal, start_blocking_portal

BASE = "https://testserver"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
_IN_PAGE = re.compile(r'"X-CSRF-Token": "([0-9a-f]+)"|name="csrf_token" value="([0-9a-f]+)"')


class ApiClient:
    def __init__(self, portal: BlockingPortal, app: Any, token: str | None = None,
                 client: httpx.AsyncClient | None = None) -> None:
        self.portal = portal
        self.app = app
        self.bearer = token
        self.csrf = ""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = client or httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url=BASE, headers=headers)

    def request(self, method: str, url: str, **kw: Any) -> httpx.Response:
        if method.upper() in UNSAFE and not self.bearer:
            scripted = "data" not in kw and "files" not in kw  # a plain form sends fields
            token = {"X-CSRF-Token": self.csrf} if self.csrf and scripted else {}
            headers = {"Origin": BASE, **token}
            kw["headers"] = {**headers, **kw.get("headers", {})}
        response = self.portal.call(lambda: self.client.request(method, url, **kw))
        self._remember_token(response)
        return response

    def _remember_token(self, response: httpx.Response) -> None:
        if "x-csrf-token" in response.headers:
            self.csrf = response.headers["x-csrf-token"]
        elif response.headers.get("content-type", "").startswith("text/html"):
            found = _IN_PAGE.search(response.text)
            if found:
                self.csrf = found.group(1) or found.group(2)

    def get(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("GET", url, **kw)

    def post(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("POST", url, **kw)

    def delete(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("DELETE", url, **kw)

    def sign_in(self, username: str, password: str) -> httpx.Response:
        """Sign in through the pages' form, as a person at a browser does."""
        self.get("/login")
        return self.post("/login", data={"username": username, "password": password,
                                         "next": "/", "csrf_token": self.csrf})

    def as_token(self, token: str | None) -> ApiClient:
        return ApiClient(self.portal, self.app, token)

    def close(self) -> None:
        self.portal.call(self.client.aclose)


@contextmanager
def portal() -> Iterator[BlockingPortal]:
    with start_blocking_portal() as p:
        yield p
