"""A synchronous test client over httpx's ASGI transport (in-process, no server).

Starlette's own TestClient is deprecated with httpx; this drives httpx.AsyncClient through
an anyio blocking portal instead. App exceptions propagate (raise_app_exceptions), so a
500 anywhere fails the test that caused it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from anyio.from_thread import BlockingPortal, start_blocking_portal


class ApiClient:
    def __init__(self, portal: BlockingPortal, app: Any, token: str | None = None,
                 client: httpx.AsyncClient | None = None) -> None:
        self.portal = portal
        self.app = app
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = client or httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="https://testserver",
            headers=headers)

    def request(self, method: str, url: str, **kw: Any) -> httpx.Response:
        return self.portal.call(lambda: self.client.request(method, url, **kw))

    def get(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("GET", url, **kw)

    def post(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("POST", url, **kw)

    def delete(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("DELETE", url, **kw)

    def as_token(self, token: str | None) -> ApiClient:
        return ApiClient(self.portal, self.app, token)

    def close(self) -> None:
        self.portal.call(self.client.aclose)


@contextmanager
def portal() -> Iterator[BlockingPortal]:
    with start_blocking_portal() as p:
        yield p
