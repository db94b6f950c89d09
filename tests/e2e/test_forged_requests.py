"""A page from another origin (another port of the same host: the same site, so the Lax
session cookie travels) cannot change anything: its auto-submitting forms are refused
(issue 14, item 6)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.e2e.conftest import Site

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _attacker(site: str, action: str, fields: dict[str, str]) -> bytes:
    inputs = "".join(f'<input name="{k}" value="{v}">' for k, v in fields.items())
    return (f'<!doctype html><form id="f" method="post" action="{site}{action}">{inputs}'
            '</form><script>document.getElementById("f").submit()</script>').encode()


@pytest.fixture
def attacker(site: Site) -> Iterator[tuple[str, dict[str, bytes]]]:
    """A server on another port that answers each path with a forging page."""
    pages: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path, b"")
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}", pages
    server.shutdown()


def test_a_page_on_another_port_cannot_disable_an_account_or_sign_the_registrar_out(
        as_user: Any, site: Site, attacker: tuple[str, dict[str, bytes]]) -> None:
    evil, pages = attacker
    store = site.registry.queries.accounts
    victim = store.account_id("leia")
    pages["/disable"] = _attacker(site.url, f"/api/v1/accounts/{victim}/disable", {})
    pages["/logout"] = _attacker(site.url, "/logout", {"csrf_token": "guessed"})
    pages["/api-logout"] = _attacker(site.url, "/api/v1/auth/logout", {})
    clerk = as_user("clerk")
    for path in ("/disable", "/logout", "/api-logout"):
        with clerk.expect_response(lambda r: r.request.method == "POST") as posted:
            clerk.goto(f"{evil}{path}")
        assert posted.value.status == 403, path
    assert store.describe(victim)["disabled"] is False
    clerk.goto("/")
    expect(clerk.get_by_role("button", name="Sign out")).to_be_visible()  # still signed in


def test_a_page_on_another_port_cannot_sign_a_browser_in(
        as_user: Any, site: Site, attacker: tuple[str, dict[str, bytes]]) -> None:
    from troth.demo.world import DEMO_PASSWORD

    evil, pages = attacker
    pages["/login"] = _attacker(site.url, "/login", {"username": "leia",
                                                     "password": DEMO_PASSWORD})
    visitor = as_user(None)
    with visitor.expect_response(lambda r: r.request.method == "POST") as posted:
        visitor.goto(f"{evil}/login")
    assert posted.value.status == 403
    assert not [c for c in visitor.context.cookies() if c["name"] == "troth_session"]
