"""The life of a courtship through the API, each step taken by the role that may take it,
with the roles that may not refused on the way (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.web.world import World
from troth.domain import commands as c
from troth.domain.policy import Role
from troth.web.auth import TOKEN_PREFIX, new_token

V1 = "/api/v1"


def _rey(registry: Any, world: World, anon: Any) -> Any:
    store = registry.queries.accounts
    aid = store.create("rey", "unused", world.people["rey"], [(Role.PARTY, "")])
    token, digest = new_token(TOKEN_PREFIX)
    store.create_token(aid, "tests", digest)
    return anon.as_token(token)


def _ok(r: Any, status: int = 201) -> int:
    assert r.status_code == status, r.text
    return int(r.json()["id"])


def test_a_courtship_from_introduction_to_bond_and_annulment_petition(
        registry: Any, world: World, as_role: Any, anon: Any) -> None:
    p = world.people
    leia, unkar, maz = as_role(Role.SPONSOR), as_role(Role.GUARDIAN), as_role(Role.HANDLER)
    ben, lor, clerk = as_role(Role.PARTY), as_role(Role.OFFICIANT), as_role(Role.REGISTRAR)
    doctor, rey = as_role(Role.PHYSICIAN), _rey(registry, world, anon)

    assert maz.post(f"{V1}/courtships", json={"alpha_id": p["ben"], "omega_id": p["rey"],
                                              "on": "2026-11-01"}).status_code == 403
    court = _ok(leia.post(f"{V1}/courtships", json={
        "alpha_id": p["ben"], "omega_id": p["rey"], "on": "2026-11-01", "note": "arranged"}))
    _ok(unkar.post(f"{V1}/courtships/{court}/acknowledgement", json={"on": "2026-11-02"}), 200)
    assert unkar.post(f"{V1}/courtships/{court}/consents",
                      json={"given": True, "on": "2026-11-02"}).status_code == 404
    _ok(rey.post(f"{V1}/courtships/{court}/consents", json={"given": True, "on": "2026-11-03"}))
    visit = _ok(leia.post(f"{V1}/courtships/{court}/visits", json={
        "kind": "introduction", "starts_at": "2026-11-05T18:00:00", "place": "the yard",
        "at_omega_residence": True, "handlers": [p["maz"]]}))
    assert ben.get(f"{V1}/visits/{visit}").json()["handlers"] == [p["maz"]]
    assert doctor.get(f"{V1}/visits/{visit}").status_code == 404
    assert ben.post(f"{V1}/visits/{visit}/held", json={"handlers_present": [p["maz"]]}
                    ).status_code == 404
    _ok(maz.post(f"{V1}/visits/{visit}/held", json={"handlers_present": [p["maz"]]}), 200)
    incident = _ok(maz.post(f"{V1}/incidents", json={
        "kind": "payment_demand", "on": "2026-11-06", "visit_id": visit,
        "about_id": p["unkar"], "description": "the guardian asked to be paid"}))
    assert maz.get(f"{V1}/incidents/{incident}").json()["reported_by"] == p["maz"]
    assert ben.get(f"{V1}/incidents/{incident}").status_code == 404
    queue = clerk.get(f"{V1}/incidents").json()
    assert [i["id"] for i in queue["items"]] == [incident] and queue["items"][0]["opens_review"]

    cer = _ok(clerk.post(f"{V1}/courtships/{court}/ceremonies", json={
        "officiant_id": p["lor"], "witnesses": ["Han Solo"], "on": "2026-11-20"}))
    for party in (ben, rey):
        _ok(party.post(f"{V1}/courtships/{court}/consents",
                       json={"given": True, "on": "2026-11-20", "stage": "bonding"}))
    verdict = leia.get(f"{V1}/courtships/{court}").json()["bonding"]
    assert verdict["outcome"] == "needs_waiver"
    assert any(f["rule"] == "min_visits_before_bonding" for f in verdict["findings"])
    _ok(clerk.post(f"{V1}/courtships/{court}/waivers", json={
        "custom": "min_visits_before_bonding", "granted_by": "families",
        "reason": "both wish to bond now", "on": "2026-11-20"}))
    assert ben.post(f"{V1}/ceremonies/{cer}/seal", json={
        "household": "14 Elm Row", "on": "2026-11-20"}).status_code == 404
    bond = _ok(lor.post(f"{V1}/ceremonies/{cer}/seal", json={"household": "14 Elm Row",
                                                            "on": "2026-11-20"}))
    assert unkar.get(f"{V1}/people/{p['rey']}").status_code == 404  # bonding ended it
    code = rey.get(f"{V1}/bonds/{bond}").json()["certificate_code"]
    assert anon.post(f"{V1}/certificates/verify", json={"code": code}).json()["valid"]
    forged = ("A" if code[0] != "A" else "B") + code[1:]
    assert not anon.post(f"{V1}/certificates/verify", json={"code": forged}).json()["valid"]

    petition = _ok(rey.post(f"{V1}/bonds/{bond}/petitions", json={
        "grounds": "mutual_wish", "evidence": "both agree", "on": "2026-11-24"}))
    assert ben.get(f"{V1}/petitions/{petition}").json()["petitioner_id"] == p["rey"]
    assert unkar.get(f"{V1}/petitions/{petition}").status_code == 404
    assert ben.post(f"{V1}/petitions/{petition}/decision", json={
        "granted": True, "reasons": "x", "on": "2026-11-25"}).status_code == 404
    _ok(clerk.post(f"{V1}/petitions/{petition}/decision", json={
        "granted": True, "reasons": "mutual wish established", "on": "2026-11-25"}), 200)
    log = clerk.get(f"{V1}/access-log", params={"per_page": 100}).json()["items"]
    denied = {(e["action"], e["status"]) for e in log if not e["allowed"]}
    assert {("courtship.propose", 403), ("courtship.consent", 404), ("visit.report", 404),
            ("ceremony.seal", 404), ("annulment.decide", 404)} <= denied


def test_my_courtships_lists_those_i_am_party_to_or_sponsored(
        world: World, as_role: Any) -> None:
    p = world.people
    court = _ok(as_role(Role.SPONSOR).post(f"{V1}/courtships", json={
        "alpha_id": p["ben"], "omega_id": p["rey"], "on": "2026-11-01"}))
    for role in (Role.SPONSOR, Role.PARTY):
        mine = as_role(role).get(f"{V1}/courtships/mine").json()
        assert [c["id"] for c in mine["items"]] == [court] and mine["total"] == 1
    assert as_role(Role.HANDLER).get(f"{V1}/courtships/mine").json()["total"] == 0


def test_a_refused_bonding_verdict_also_names_the_custom_a_waiver_would_need(
        world: World, as_role: Any, registry: Any) -> None:
    p = world.people
    leia, maz = as_role(Role.SPONSOR), as_role(Role.HANDLER)
    court = _ok(leia.post(f"{V1}/courtships", json={
        "alpha_id": p["ben"], "omega_id": p["rey"], "on": "2026-11-01"}))
    registry.execute(c.RecordConsent(court, p["rey"], True, date(2026, 11, 2)))
    for day in (5, 12):
        visit = _ok(leia.post(f"{V1}/courtships/{court}/visits", json={
            "kind": "tea", "starts_at": f"2026-11-{day:02d}T15:00:00", "place": "the yard",
            "at_omega_residence": True, "handlers": [p["maz"]]}))
        _ok(maz.post(f"{V1}/visits/{visit}/held", json={"handlers_present": [p["maz"]]}), 200)
    verdict = leia.get(f"{V1}/courtships/{court}").json()["bonding"]
    assert verdict["outcome"] == "refused"
    reasons = {f["rule"]: f["reason"] for f in verdict["findings"]}
    assert {"omega_consent", "alpha_consent", "min_visits_before_bonding"} <= set(reasons)
    assert reasons["min_visits_before_bonding"].startswith("2 of the 8 customary Visits")


def test_time_out_of_range_is_a_422_and_too_few_handlers_are_said_at_once(
        world: World, as_role: Any, registry: Any) -> None:
    p = world.people
    leia, clerk = as_role(Role.SPONSOR), as_role(Role.REGISTRAR)
    court = _ok(leia.post(f"{V1}/courtships", json={
        "alpha_id": p["ben"], "omega_id": p["rey"], "on": "2026-11-01"}))
    registry.execute(c.RecordConsent(court, p["rey"], True, date(2026, 11, 2)))
    far = leia.post(f"{V1}/courtships/{court}/visits", json={
        "kind": "tea", "starts_at": "9999-12-31T23:59:00", "place": "the yard",
        "at_omega_residence": True, "handlers": [p["maz"]]})
    assert far.status_code == 422, far.text
    assert far.json()["error"]["rule"] == "date_range"
    born = clerk.post(f"{V1}/people", json={"legal_name": "Ancient", "born": "0001-01-01"})
    assert born.status_code == 422, born.text
    alone = leia.post(f"{V1}/courtships/{court}/visits", json={
        "kind": "tea", "starts_at": "2026-11-26T15:00:00", "place": "the yard",
        "at_omega_residence": True, "handlers": []})
    assert alone.status_code == 201, alone.text
    assert [n["rule"] for n in alone.json()["notes"]] == ["handlers_per_visit"]
    ahead = _ok(leia.post(f"{V1}/courtships/{court}/visits", json={
        "kind": "tea", "starts_at": "2026-11-28T15:00:00", "place": "the yard",
        "at_omega_residence": True, "handlers": [p["maz"]]}))
    early = as_role(Role.HANDLER).post(f"{V1}/visits/{ahead}/held",
                                       json={"handlers_present": [p["maz"]]})
    assert early.status_code == 409 and early.json()["error"]["rule"] == (
        "not_before_visit_starts")
