"""Forged requests (issue 14, item 6): a state-changing request authenticated by the
session cookie needs the session's CSRF token and must not come from another origin;
the sign-in form needs its pre-session token; Bearer requests need neither."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.web.client import BASE, ApiClient
from tests.web.world import PASSWORD, World
from troth.domain.policy import Role
from troth.web.auth import COOKIE

V1 = "/api/v1"
OTHER_PORT = "https://testserver:8001"  # another port of the same host is another origin


def _raw(client: ApiClient, method: str, url: str, **kw: Any) -> httpx.Response:
    """A request exactly as given: no Origin or token added by the test client."""
    return client.portal.call(lambda: client.client.request(method, url, **kw))


@pytest.fixture
def registrar(anon: ApiClient, world: World) -> Iterator[ApiClient]:
    """The registrar signed in with the session cookie (the API's sign-in)."""
    client = ApiClient(anon.portal, anon.app)
    r = client.post(f"{V1}/auth/login", json={"username": "registrar", "password": PASSWORD})
    assert r.status_code == 200 and client.csrf
    yield client
    client.close()


def _live(as_role: Any, role: Role) -> bool:
    return bool(as_role(role).get(f"{V1}/auth/me").status_code == 200)


def test_a_cookie_post_without_the_token_is_refused_and_nothing_changes(
        registrar: ApiClient, as_role: Any, world: World) -> None:
    url = f"{V1}/accounts/{world.accounts[Role.HANDLER]}/disable"
    for headers in ({}, {"Origin": BASE}, {"Origin": BASE, "X-CSRF-Token": "0" * 40}):
        r = _raw(registrar, "POST", url, headers=headers)
        assert r.status_code == 403, headers
        assert r.json()["error"] == {"code": "forbidden", "rule": "csrf_token",
                                     "message": r.json()["error"]["message"]}
    assert _live(as_role, Role.HANDLER)


def test_a_cookie_post_from_another_origin_is_refused_even_with_the_token(
        registrar: ApiClient, as_role: Any, world: World) -> None:
    url = f"{V1}/accounts/{world.accounts[Role.HANDLER]}/disable"
    token = {"X-CSRF-Token": registrar.csrf}
    for where in ({"Origin": OTHER_PORT}, {"Origin": "null"},
                  {"Sec-Fetch-Site": "same-site"}, {"Sec-Fetch-Site": "cross-site"}):
        r = _raw(registrar, "POST", url, headers={**token, **where})
        assert r.status_code == 403 and r.json()["error"]["rule"] == "csrf_origin", where
    assert _live(as_role, Role.HANDLER)
    r = _raw(registrar, "POST", url, headers={**token, "Origin": OTHER_PORT,
                                               "Sec-Fetch-Site": "same-site"})
    assert r.status_code == 403
    # a browser's own form post under Referrer-Policy: no-referrer says Origin: null
    r = _raw(registrar, "POST", url, headers={**token, "Origin": "null",
                                               "Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 204
    assert not _live(as_role, Role.HANDLER)


def test_a_forged_logout_is_refused_and_the_session_lives_on(registrar: ApiClient) -> None:
    r = _raw(registrar, "POST", f"{V1}/auth/logout", headers={"Origin": OTHER_PORT})
    assert r.status_code == 403
    r = _raw(registrar, "POST", f"{V1}/auth/logout")
    assert r.status_code == 403
    assert registrar.get(f"{V1}/auth/me").status_code == 200
    assert registrar.post(f"{V1}/auth/logout").status_code == 204
    assert registrar.get(f"{V1}/auth/me").status_code == 401


def test_the_sign_in_form_refuses_a_cross_site_post_and_one_without_its_token(
        anon: ApiClient, world: World) -> None:
    form = {"username": "registrar", "password": PASSWORD, "next": "/"}
    r = _raw(anon, "POST", "/login", data=form)  # no pre-session cookie, no token
    assert r.status_code == 403 and COOKIE not in r.cookies
    anon.get("/login")
    token = anon.csrf
    assert token
    r = _raw(anon, "POST", "/login", data={**form, "csrf_token": token},
             headers={"Origin": OTHER_PORT})
    assert r.status_code == 403 and COOKIE not in r.cookies
    r = _raw(anon, "POST", "/login", data={**form, "csrf_token": "f" * 40})
    assert r.status_code == 403 and COOKIE not in r.cookies
    r = _raw(anon, "POST", "/login", data={**form, "csrf_token": token},
             headers={"Origin": BASE})
    assert r.status_code == 303 and COOKIE in r.cookies


def test_the_api_sign_in_refuses_another_origin(anon: ApiClient, world: World) -> None:
    body = {"username": "registrar", "password": PASSWORD}
    r = _raw(anon, "POST", f"{V1}/auth/login", json=body, headers={"Origin": OTHER_PORT})
    assert r.status_code == 403 and COOKIE not in r.cookies
    r = _raw(anon, "POST", f"{V1}/auth/login", json=body, headers={"Origin": BASE})
    assert r.status_code == 200 and r.headers["x-csrf-token"]


def test_a_page_form_posted_with_the_cookie_but_not_the_token_is_refused(
        anon: ApiClient, registry: Any, world: World) -> None:
    client = ApiClient(anon.portal, anon.app)
    assert client.sign_in("registrar", PASSWORD).status_code == 303
    before = registry.queries.people.count_people()
    form = {"legal_name": "Forged Person", "born": "2001-01-01"}
    r = _raw(client, "POST", "/do/register_person", data=form, headers={"Origin": BASE})
    assert r.status_code == 403 and "This form has expired" in r.text
    r = _raw(client, "POST", "/do/register_person", data=form,
             headers={"Origin": OTHER_PORT, "X-CSRF-Token": client.get("/").headers.get(
                 "x-csrf-token", client.csrf)})
    assert r.status_code == 403
    r = _raw(client, "POST", "/logout", data={}, headers={"Origin": BASE})
    assert r.status_code == 403
    assert registry.queries.people.count_people() == before
    assert client.get("/").status_code == 200  # still signed in
    client.close()


def test_bearer_requests_need_no_token_and_are_not_checked_by_origin(
        as_role: Any, world: World) -> None:
    reg = as_role(Role.REGISTRAR)
    url = f"{V1}/accounts/{world.accounts[Role.SPONSOR]}/disable"
    r = reg.post(url, headers={"Origin": OTHER_PORT})
    assert r.status_code == 204


def test_every_form_and_htmx_request_of_the_pages_carries_the_token(
        anon: ApiClient, world: World) -> None:
    client = ApiClient(anon.portal, anon.app)
    assert client.sign_in("registrar", PASSWORD).status_code == 303
    for url in ("/", "/people", "/ledger", "/do/register_person", "/roster",
                f"/people/{world.people['rey']}"):
        html = client.get(url).text
        token = re.search(r'hx-headers=\'\{"X-CSRF-Token": "([0-9a-f]{40})"\}\'', html)
        assert token, url
        for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", html, re.S):
            assert f'name="csrf_token" value="{token.group(1)}"' in form, (url, form[:80])
    client.close()
