"""Response headers (issue 14, item 9): a Content-Security-Policy of this origin only (no
inline script or style anywhere in the pages), a Permissions-Policy, and HSTS when served
over TLS."""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.web.client import ApiClient
from tests.web.world import PASSWORD, World
from troth.domain.policy import Role

PAGES = ("/", "/people", "/ledger", "/stats", "/roster", "/do/register_person",
         "/match/candidates")


def _csp(r: httpx.Response) -> dict[str, str]:
    return {d.split()[0]: d.strip() for d in r.headers["content-security-policy"].split(";")
            if d.strip()}


def test_every_response_has_a_self_only_csp_and_a_permissions_policy(
        anon: ApiClient, as_role: Any, world: World) -> None:
    reg = as_role(Role.REGISTRAR)
    for r in (anon.get("/login"), anon.get("/verify"), reg.get("/"),
              reg.get(f"/people/{world.people['rey']}"), reg.get("/api/v1/customs"),
              anon.get("/static/troth.css"), anon.get("/nowhere")):
        csp = _csp(r)
        assert csp["default-src"] == "default-src 'self'", r.url
        for directive in ("script-src", "style-src"):
            assert csp[directive] == f"{directive} 'self'", r.url
        assert csp["frame-ancestors"] == "frame-ancestors 'none'"
        assert csp["object-src"] == "object-src 'none'"
        assert "unsafe" not in r.headers["content-security-policy"]
        policy = r.headers["permissions-policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy


def test_hsts_is_sent_over_tls_and_not_over_plain_http(anon: ApiClient) -> None:
    r = anon.get("/login")  # the test client speaks https://testserver
    assert r.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
    plain = httpx.AsyncClient(transport=httpx.ASGITransport(app=anon.app),
                              base_url="http://testserver")
    r = anon.portal.call(lambda: plain.get("/login"))
    assert "strict-transport-security" not in r.headers
    anon.portal.call(plain.aclose)


def test_the_pages_have_no_inline_script_or_style_and_htmx_adds_none(
        anon: ApiClient, world: World) -> None:
    client = ApiClient(anon.portal, anon.app)
    assert client.sign_in("registrar", PASSWORD).status_code == 303
    for url in (*PAGES, f"/people/{world.people['rey']}", "/login", "/verify"):
        html = client.get(url).text
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == [], url
        assert "<style" not in html and not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url
        config = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'', html)
        assert config and '"includeIndicatorStyles":false' in config.group(1), url
        assert '"allowEval":false' in config.group(1)
    client.close()
