"""Signing in and out: argon2 passwords, session cookies, API tokens, rate limiting, and
revocations that take effect on the very next request."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tests.store_access import reader
from tests.web.world import PASSWORD, World
from troth.domain.policy import Role
from troth.store import tables as t
from troth.web.auth import COOKIE, LOGIN_LIMIT, digest

V1 = "/api/v1"


def _login(client: Any, username: str, password: str = PASSWORD) -> Any:
    return client.post(f"{V1}/auth/login", json={"username": username, "password": password})


def test_a_login_sets_a_secure_httponly_lax_cookie_holding_a_new_random_token(
        anon: Any, world: World, registry: Any) -> None:
    first = _login(anon, "party")
    assert first.status_code == 200 and first.json()["roles"] == ["party"]
    cookie = first.headers["set-cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "samesite=lax" in cookie.lower()
    token = first.cookies[COOKIE]
    assert len(token) >= 43  # 256 random bits, url-safe base64
    second = _login(anon, "party")
    assert second.cookies[COOKIE] != token
    with reader(registry) as conn:
        stored = {r[0] for r in conn.execute(select(t.sessions.c.token_hash))}
    assert digest(token) in stored and token not in stored
    assert anon.get(f"{V1}/auth/me").json()["person_id"] == world.people["ben"]


def test_passwords_are_stored_as_argon2_hashes(world: World, registry: Any) -> None:
    with reader(registry) as conn:
        hashes = [r[0] for r in conn.execute(select(t.accounts.c.password_hash))]
    assert hashes and all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)


def test_logout_ends_every_session_of_the_account_at_once(app: Any, world: World) -> None:
    from tests.web.client import ApiClient, portal

    with portal() as p:
        laptop, phone = ApiClient(p, app), ApiClient(p, app)
        _login(laptop, "guardian")
        _login(phone, "guardian")
        assert phone.get(f"{V1}/auth/me").status_code == 200
        assert laptop.post(f"{V1}/auth/logout").status_code == 204
        r = phone.get(f"{V1}/auth/me")
        assert r.status_code == 401 and r.json()["error"]["rule"] == "credential_live"
        laptop.close()
        phone.close()


def test_disabling_an_account_ends_its_sessions_and_tokens_on_the_next_request(
        anon: Any, as_role: Any, world: World) -> None:
    _login(anon, "handler")
    token_client = as_role(Role.HANDLER)
    assert token_client.get(f"{V1}/customs").status_code == 200
    r = as_role(Role.REGISTRAR).post(f"{V1}/accounts/{world.accounts[Role.HANDLER]}/disable")
    assert r.status_code == 204
    assert anon.get(f"{V1}/customs").status_code == 401
    assert token_client.get(f"{V1}/customs").status_code == 401
    assert _login(anon, "handler").status_code == 401


def test_a_revoked_role_stops_applying_on_the_very_next_request(
        as_role: Any, world: World) -> None:
    guardian = as_role(Role.GUARDIAN)
    rey = world.people["rey"]
    assert guardian.get(f"{V1}/people/{rey}").status_code == 200
    aid = world.accounts[Role.GUARDIAN]
    r = as_role(Role.REGISTRAR).delete(f"{V1}/accounts/{aid}/roles/guardian")
    assert r.status_code == 200 and r.json()["roles"] == []
    assert guardian.get(f"{V1}/people/{rey}").status_code == 404


def test_an_ended_guardianship_stops_the_guardians_access_on_the_next_request(
        as_role: Any, world: World) -> None:
    guardian, rey = as_role(Role.GUARDIAN), world.people["rey"]
    assert guardian.get(f"{V1}/people/{rey}").status_code == 200
    r = as_role(Role.REGISTRAR).post(f"{V1}/people/{rey}/guardianship/end",
                                     json={"on": "2026-01-01", "how": "revoked"})
    assert r.status_code == 200, r.text
    assert guardian.get(f"{V1}/people/{rey}").status_code == 404


def test_repeated_failed_logins_are_refused_with_429_even_with_the_right_password(
        anon: Any, world: World) -> None:
    for _ in range(LOGIN_LIMIT):
        assert _login(anon, "sponsor", "wrong password").status_code == 401
    r = _login(anon, "sponsor")
    assert r.status_code == 429 and r.json()["error"]["rule"] == "login_rate_limit"
    assert r.headers["retry-after"]
    assert _login(anon, "party").status_code == 200  # another username is unaffected


def test_an_unknown_user_and_a_wrong_password_get_the_same_answer(anon: Any,
                                                                  world: World) -> None:
    a = _login(anon, "nobody-at-all", "whatever it is")
    b = _login(anon, "party", "whatever it is")
    assert a.status_code == b.status_code == 401 and a.json() == b.json()


def test_api_tokens_work_as_bearer_and_stop_when_revoked(anon: Any, world: World) -> None:
    me = anon  # tokens are made from a signed-in session (issue 14, item 8)
    assert _login(me, "officiant").status_code == 200
    made = me.post(f"{V1}/auth/tokens", json={"name": "export"})
    assert made.status_code == 201
    script = anon.as_token(made.json()["token"])
    assert script.get(f"{V1}/auth/me").json()["roles"] == ["officiant"]
    assert me.delete(f"{V1}/auth/tokens/{made.json()['id']}").status_code == 204
    assert script.get(f"{V1}/auth/me").status_code == 401
    assert anon.as_token("troth_forged").get(f"{V1}/auth/me").status_code == 401
    r = anon.get(f"{V1}/auth/me", headers={"Authorization": "Basic abc"})
    assert r.status_code == 401 and r.json()["error"]["rule"] == "auth_header"


def test_the_registrar_creates_accounts_and_grants_roles(as_role: Any, world: World) -> None:
    reg = as_role(Role.REGISTRAR)
    r = reg.post(f"{V1}/accounts", json={"username": "finn", "password": "x" * 12,
                                         "roles": ["party"]})
    assert r.status_code == 201 and r.json()["roles"] == ["party"]
    assert r.json()["person_id"] is None  # a person's own account comes from her enrolment
    aid = r.json()["id"]
    dup = reg.post(f"{V1}/accounts", json={"username": "finn", "password": "y" * 12,
                                           "roles": ["party"]})
    assert dup.status_code == 422 and dup.json()["error"]["rule"] == "username_unique"
    r = reg.post(f"{V1}/accounts/{aid}/roles", json={"role": "handler"})
    assert sorted(r.json()["roles"]) == ["handler", "party"]
    log = reg.get(f"{V1}/access-log").json()
    assert log["total"] >= 2 and {e["action"] for e in log["items"]} == {
        "account.manage", "access_log.read"}
