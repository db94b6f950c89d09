"""Corrections by two hands over HTTP: the API and the pages. The signed-in account is the
one recorded; the same account cannot decide its own request (a 409 with the reason on the
API, the form shown again with it on the page); "as of" answers both views."""

from __future__ import annotations

from typing import Any

from tests.registry.helpers import ledger_count
from tests.web.client import ApiClient
from tests.web.world import PASSWORD, World, password_hash
from troth.domain.policy import Role
from troth.web.auth import TOKEN_PREFIX, new_token

V1 = "/api/v1"


def second_registrar(registry: Any, anon: ApiClient) -> tuple[ApiClient, int]:
    """Another registrar's account ("checker"), signed in with a token."""
    store = registry.queries.accounts
    aid = store.create("checker", password_hash(), None, [(Role.REGISTRAR, "")])
    token, digest = new_token(TOKEN_PREFIX)
    store.create_token(aid, "tests", digest)
    return anon.as_token(token), aid


def test_the_api_refuses_the_requester_as_decider_and_another_registrar_decides(
        as_role: Any, anon: ApiClient, registry: Any, world: World) -> None:
    maker = as_role(Role.REGISTRAR)
    checker, checker_id = second_registrar(registry, anon)
    han = world.people["han"]
    r = maker.post(f"{V1}/corrections", json={"person_id": han, "field": "legal_name",
                                              "value": "Han Solo Sr", "evidence": "passport"})
    assert r.status_code == 201, r.text
    cid = r.json()["id"]
    before = ledger_count(registry)
    own = maker.post(f"{V1}/corrections/{cid}/approval", json={})
    assert own.status_code == 409 and own.json()["error"]["rule"] == "maker_checker"
    assert "a different registrar" in own.json()["error"]["message"]
    assert maker.post(f"{V1}/corrections/{cid}/rejection",
                      json={"reason": "no"}).json()["error"]["rule"] == "maker_checker"
    assert ledger_count(registry) == before
    pending = maker.get(f"{V1}/corrections", params={"state": "pending"}).json()
    assert [x["id"] for x in pending] == [cid]
    ok = checker.post(f"{V1}/corrections/{cid}/approval", json={"reason": "passport seen"})
    assert ok.status_code == 200, ok.text
    assert ledger_count(registry) == before + 1
    got = maker.get(f"{V1}/corrections/{cid}").json()
    assert (got["state"], got["requested_by"], got["decided_by"]) == (
        "approved", world.accounts[Role.REGISTRAR], checker_id)
    assert maker.get(f"{V1}/people/{han}").json()["legal_name"] == "Han Solo Sr"
    assert maker.get(f"{V1}/corrections", params={"state": "pending"}).json() == []
    checker.close()


def test_bad_requests_are_4xx_with_reasons_and_write_nothing(
        as_role: Any, registry: Any, world: World) -> None:
    maker = as_role(Role.REGISTRAR)
    rey = world.people["rey"]
    before = ledger_count(registry)
    for body, status, rule in (
            ({"field": "born", "value": "2006-03-02", "evidence": ""}, 422, "evidence_required"),
            ({"field": "designation", "value": "beta", "evidence": "slip"}, 409,
             "designation_court_order"),
            ({"field": "born", "value": "2026-13-01", "evidence": "x"}, 422, "correction_value"),
            ({"field": "colour", "value": "x", "evidence": "x"}, 422, "correction_field")):
        r = maker.post(f"{V1}/corrections", json={"person_id": rey, **body})
        assert r.status_code == status and r.json()["error"]["rule"] == rule, r.text
    assert maker.get(f"{V1}/corrections", params={"state": "bogus"}).status_code == 422
    assert maker.post(f"{V1}/corrections/4242/approval", json={}).status_code == 404
    assert ledger_count(registry) == before
    party = as_role(Role.PARTY)
    assert party.post(f"{V1}/corrections", json={"person_id": rey, "field": "district",
                                                  "value": "D", "evidence": "e"}
                      ).status_code == 403


def test_a_corrected_birth_date_as_of_then_and_as_known_today(
        as_role: Any, anon: ApiClient, registry: Any, world: World, clock: Any) -> None:
    from datetime import date

    maker = as_role(Role.REGISTRAR)
    checker, _ = second_registrar(registry, anon)
    ben = world.people["ben"]
    cid = maker.post(f"{V1}/corrections", json={"person_id": ben, "field": "born",
                                                "value": "1999-10-24",
                                                "evidence": "hospital record"}).json()["id"]
    clock.set(date(2026, 12, 1))
    assert checker.post(f"{V1}/corrections/{cid}/approval", json={}).status_code == 200
    snap = f"{V1}/people/{ben}/snapshot"
    then = maker.get(snap, params={"on": "2026-11-30"}).json()
    known = maker.get(snap, params={"on": "2026-11-30", "known": "today"}).json()
    after = maker.get(snap, params={"on": "2026-12-01"}).json()
    assert (then["born"], known["born"], after["born"]) == (
        "1999-10-25", "1999-10-24", "1999-10-24")
    hist = maker.get(f"{V1}/people/{ben}/history").json()["items"]
    assert any("Date of birth of Ben Solo" in h["text"] and "corrected from 1999-10-25 to"
               " 1999-10-24 on 2026-12-01" in h["text"] for h in hist)
    checker.close()


def test_the_page_refuses_the_requester_as_decider_with_the_reason(
        anon: ApiClient, registry: Any, world: World) -> None:
    maker = ApiClient(anon.portal, anon.app)
    assert maker.sign_in("registrar", PASSWORD).status_code == 303
    rey = world.people["rey"]
    form = maker.get(f"/do/request_correction?person_id={rey}")
    assert form.status_code == 200 and "Evidence" in form.text
    r = maker.post("/do/request_correction", data={
        "person_id": str(rey), "field": "district", "value": "Jakku", "evidence": "",
        "csrf_token": maker.csrf})
    assert r.status_code == 422 and "f-evidence-error" in r.text  # required
    r = maker.post("/do/request_correction", data={
        "person_id": str(rey), "field": "district", "value": "Jakku",
        "evidence": "tenancy record", "csrf_token": maker.csrf})
    assert r.status_code == 303, r.text
    listed = maker.get("/corrections")
    assert "Correction #1" in listed.text and "(you)" in listed.text
    board = maker.get("/").text
    assert "Corrections waiting for a second registrar" in board and "by you" in board
    before = ledger_count(registry)
    own = maker.post("/do/approve_correction", data={"correction_id": "1", "reason": "",
                                                     "csrf_token": maker.csrf})
    assert own.status_code == 422 and "a different registrar" in own.text
    assert ledger_count(registry) == before
    registry.queries.accounts.create("checker", password_hash(), None, [(Role.REGISTRAR, "")])
    checker = ApiClient(anon.portal, anon.app)
    assert checker.sign_in("checker", PASSWORD).status_code == 303
    checker.get("/corrections")
    r = checker.post("/do/reject_correction", data={"correction_id": "1", "reason": "",
                                                    "csrf_token": checker.csrf})
    assert r.status_code == 422  # a rejection gives its reason
    r = checker.post("/do/reject_correction", data={"correction_id": "1",
                                                    "reason": "old tenancy",
                                                    "csrf_token": checker.csrf})
    assert r.status_code == 303
    assert "old tenancy" in checker.get("/corrections?state=rejected").text
    page = checker.get(f"/people/{rey}?as_of=2026-01-01&known=today")
    assert "As known today" in page.text or "as known today" in page.text
    for c in (maker, checker):
        c.close()
