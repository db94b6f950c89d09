"""Who an account is (issue 14, item 1): the registrar cannot become anyone.

Reproduced first: the registrar linked a new account to an Omega (or to her chosen
physician) and read her health record through it. Now only the person's own enrolment,
with a one-time code the office issued her, links an account to her; every change to who
an account is, or which roles it holds, is on her own history; the ledger holds ids only."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.store_access import reader
from tests.web.client import ApiClient
from tests.web.world import PASSWORD, World, password_hash
from troth.domain import commands as c
from troth.domain.policy import Role
from troth.web.auth import TOKEN_PREFIX, new_token


def _signed_in(anon: ApiClient, username: str, password: str = PASSWORD) -> ApiClient:
    client = anon.as_token(None)  # its own cookie jar
    r = client.post("/api/v1/auth/login", json={"username": username, "password": password})
    assert r.status_code == 200, r.text
    return client


def _token_for(registry: Any, account_id: int, anon: ApiClient) -> ApiClient:
    token, digest = new_token(TOKEN_PREFIX)
    registry.queries.accounts.create_token(account_id, "t", digest)
    return anon.as_token(token)


def _rey_with_a_heat_and_her_physician(registry: Any, world: World) -> int:
    rey = world.people["rey"]
    registry.execute(c.ShareHealth(rey, world.people["kalonia"], "physician", True, rey))
    registry.execute(c.RecordHeat(rey, rey, registry.clock.today() - timedelta(days=30), None,
                                  None, None, False, "a private note"))
    return rey


def _invite(as_role: Any, pid: int, roles: list[str]) -> dict[str, Any]:
    r = as_role(Role.REGISTRAR).post(f"/api/v1/people/{pid}/invitations", json={"roles": roles})
    assert r.status_code == 201, r.text
    return dict(r.json())


def _ledger(registry: Any) -> str:
    with reader(registry) as conn:
        return " ".join(f"{r[0]} {r[1]}" for r in conn.exec_driver_sql(
            "SELECT kind, data FROM ledger"))


def test_the_registrar_cannot_link_a_new_account_to_an_omega_or_her_physician(
        registry: Any, world: World, as_role: Any, anon: ApiClient) -> None:
    rey = _rey_with_a_heat_and_her_physician(registry, world)
    registrar = as_role(Role.REGISTRAR)
    for person, role, name in ((rey, "party", "rey2"),
                               (world.people["kalonia"], "physician", "kalonia2")):
        r = registrar.post("/api/v1/accounts", json={
            "username": name, "password": PASSWORD, "person_id": person, "roles": [role]})
        assert r.status_code == 422, r.text
    made = registrar.post("/api/v1/accounts", json={
        "username": "impostor", "password": PASSWORD, "roles": ["party", "physician"]})
    assert made.status_code == 201 and made.json()["person_id"] is None, made.text
    impostor = _signed_in(anon, "impostor")
    assert impostor.get(f"/api/v1/people/{rey}/health").status_code == 404
    assert registrar.get(f"/api/v1/people/{rey}/health").status_code == 404


def test_the_person_enrols_with_her_code_and_every_step_is_on_her_history(
        registry: Any, world: World, as_role: Any, anon: ApiClient) -> None:
    rey = _rey_with_a_heat_and_her_physician(registry, world)
    inv = _invite(as_role, rey, ["party"])
    r = anon.post("/api/v1/enrol", json={"code": inv["code"].lower(), "username": "rey",
                                         "password": PASSWORD})
    assert r.status_code == 201, r.text
    assert (r.json()["person_id"], r.json()["link"], r.json()["roles"]) == (
        rey, "enrolled", ["party"])
    her = _signed_in(anon, "rey")
    health = her.get(f"/api/v1/people/{rey}/health")
    assert health.status_code == 200 and "a private note" in health.text
    told = her.get(f"/api/v1/people/{rey}/history").text
    assert "invitation_issued" in told or "invited" in told
    for kind in ("account_enrolled", "account_role_granted"):
        assert kind in told or kind.replace("_", " ") in told.lower(), kind
    ledger = _ledger(registry)
    code = inv["code"].replace("-", "")
    assert code not in ledger.replace("-", "") and PASSWORD not in ledger
    assert '"rey"' not in ledger  # the username neither


def test_an_enrolment_code_is_used_once_and_expires_after_fourteen_days(
        registry: Any, world: World, as_role: Any, anon: ApiClient) -> None:
    first = _invite(as_role, world.people["rey"], [])
    body = {"code": first["code"], "username": "rey", "password": PASSWORD}
    assert anon.post("/api/v1/enrol", json=body).status_code == 201
    again = anon.post("/api/v1/enrol", json={**body, "username": "rey-again"})
    assert again.status_code == 409 and again.json()["error"]["rule"] == "enrolment_code"
    late = _invite(as_role, world.people["poe"], [])
    registry.clock._now += timedelta(days=14)
    expired = anon.post("/api/v1/enrol", json={**body, "code": late["code"],
                                               "username": "poe"})
    assert expired.status_code == 409 and expired.json()["error"]["rule"] == "enrolment_code"
    guessed = anon.post("/api/v1/enrol", json={**body, "code": "AAAA-BBBB", "username": "x"})
    assert guessed.status_code == 409, guessed.text


def test_her_enrolment_unlinks_every_other_account_that_acted_as_her(
        registry: Any, world: World, as_role: Any, anon: ApiClient) -> None:
    rey = _rey_with_a_heat_and_her_physician(registry, world)
    old = registry.queries.accounts.create("old-rey", password_hash(), rey, [(Role.PARTY, "")])
    before = _token_for(registry, old, anon)
    assert before.get(f"/api/v1/people/{rey}/health").status_code == 200
    inv = _invite(as_role, rey, ["party"])
    assert anon.post("/api/v1/enrol", json={"code": inv["code"], "username": "rey",
                                            "password": PASSWORD}).status_code == 201
    assert before.get(f"/api/v1/people/{rey}/health").status_code == 404
    assert registry.queries.accounts.describe(old)["person_id"] is None
    assert "account_unlinked" in _ledger(registry)


def test_an_office_linked_account_works_until_its_person_confirms_it(
        registry: Any, world: World, as_role: Any, anon: ApiClient) -> None:
    rey = _rey_with_a_heat_and_her_physician(registry, world)
    aid = registry.queries.accounts.create("rey", password_hash(), rey, [(Role.PARTY, "")])
    her = _token_for(registry, aid, anon)
    assert her.get("/api/v1/auth/me").json()["link"] == "office"
    assert her.get(f"/api/v1/people/{rey}/health").status_code == 200
    confirmed = her.post("/api/v1/auth/me/link", json={"confirm": True})
    assert confirmed.status_code == 200 and confirmed.json()["link"] == "confirmed"
    assert her.post("/api/v1/auth/me/link", json={"confirm": True}).status_code == 409
    assert "confirmed that account" in her.get(f"/api/v1/people/{rey}/history").text


def test_an_account_disowned_by_its_holder_acts_as_no_one(
        registry: Any, world: World, anon: ApiClient) -> None:
    rey = _rey_with_a_heat_and_her_physician(registry, world)
    aid = registry.queries.accounts.create("not-rey", password_hash(), rey, [(Role.PARTY, "")])
    holder = _token_for(registry, aid, anon)
    assert holder.post("/api/v1/auth/me/link", json={"confirm": False}).status_code == 200
    assert holder.get(f"/api/v1/people/{rey}/health").status_code == 404


def test_roles_granted_and_revoked_are_ledger_entries_on_her_history(
        registry: Any, world: World, as_role: Any, anon: ApiClient) -> None:
    leia = world.people["leia"]
    aid = world.accounts[Role.SPONSOR]
    registrar = as_role(Role.REGISTRAR)
    assert registrar.post(f"/api/v1/accounts/{aid}/roles",
                          json={"role": "guardian"}).status_code == 200
    assert registrar.delete(f"/api/v1/accounts/{aid}/roles/guardian").status_code == 200
    told = registrar.get(f"/api/v1/people/{leia}/history").text
    assert "given the role guardian" in told and "role guardian was taken" in told


def test_the_enrolment_page_links_her_account_with_her_code(
        registry: Any, world: World, as_role: Any, anon: ApiClient) -> None:
    assert anon.get("/enrol").status_code == 200
    bad = anon.post("/enrol", data={"code": "nope", "username": "rey", "password": PASSWORD})
    assert bad.status_code == 409 and "not valid" in bad.text
    inv = _invite(as_role, world.people["rey"], ["party"])
    done = anon.post("/enrol", data={"code": inv["code"], "username": "rey",
                                     "password": PASSWORD})
    assert done.status_code == 303 and done.headers["location"].startswith("/login")
    assert _signed_in(anon, "rey").get("/api/v1/auth/me").json()["person_id"] == \
        world.people["rey"]
