"""A finding is hers (issue 14, item 2): a physician's finding is a health entry of the
person it concerns, recorded by a physician she chose, attached to an annulment petition
only by her own release — signed in as herself, or in person at the office attested by
the registrar — for that petition only, withdrawable until the decision. The ledger holds
ids and a salted digest, never the text.

Reproduced first: as the Alpha, a petition with a finding about the Omega and
`finding_consent_by` = the Omega's id answered 201, and the text went into the ledger."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.store_access import reader
from tests.web.client import ApiClient
from tests.web.world import World, password_hash
from troth.domain import commands as c
from troth.domain import courtship_events as ev
from troth.domain.policy import Role
from troth.web.auth import TOKEN_PREFIX, new_token

V1 = "/api/v1"
TEXT = "CANARY-finding-7d3e: no heat recorded in five months"
DAY = date(2026, 11, 20)


@pytest.fixture
def bonded(registry: Any, world: World, anon: ApiClient) -> dict[str, Any]:
    """Ben and Rey bonded; Rey chose Kalonia as her physician, who recorded a finding."""
    p = world.people
    cid = registry.execute(c.ProposeIntroduction(p["ben"], p["rey"], p["leia"], DAY))
    registry.execute(c.RecordConsent(cid, p["rey"], True, DAY))
    registry.execute(c.GrantWaiver(cid, "min_visits_before_bonding", "registrar", "test", DAY))
    cer = registry.execute(c.ScheduleCeremony(cid, p["lor"], ("W",), DAY))
    for who in ("ben", "rey"):
        registry.execute(c.RecordConsent(cid, p[who], True, DAY, "bonding"))
    bond = registry.execute(c.SealBond(cer, p["lor"], "home", DAY))
    registry.execute(c.ShareHealth(p["rey"], p["kalonia"], "physician", True, p["rey"]))
    finding = registry.execute(c.RecordFinding(p["rey"], p["kalonia"], TEXT, DAY))
    aid = registry.queries.accounts.create("rey", password_hash(), p["rey"],
                                           [(Role.PARTY, "")])
    token, digest = new_token(TOKEN_PREFIX)
    registry.queries.accounts.create_token(aid, "t", digest)
    return {"bond": bond, "finding": finding, "rey": anon.as_token(token)}


def _ledger(registry: Any) -> str:
    with reader(registry) as conn:
        return " ".join(r[0] for r in conn.exec_driver_sql("SELECT data FROM ledger"))


def test_the_alpha_cannot_attach_a_finding_about_the_omega_in_her_name(
        registry: Any, world: World, as_role: Any, bonded: dict[str, Any]) -> None:
    ben, rey = as_role(Role.PARTY), world.people["rey"]
    body = {"grounds": "no_heats", "evidence": "e", "on": "2026-11-24",
            "finding_id": bonded["finding"]}
    for consent_by, rule in ((rey, "release_by_herself"), (None, "health_record_consent"),
                             (world.people["ben"], "health_record_consent")):
        r = ben.post(f"{V1}/bonds/{bonded['bond']}/petitions",
                     json={**body, "finding_consent_by": consent_by})
        assert r.status_code == 409 and r.json()["error"]["rule"] == rule, r.text
    text = ben.post(f"{V1}/bonds/{bonded['bond']}/petitions", json={
        "grounds": "no_heats", "evidence": "e", "on": "2026-11-24", "finding": TEXT,
        "physician_id": world.people["kalonia"], "finding_consent_by": rey})
    assert text.status_code == 422  # a finding's text is never posted with a petition
    assert TEXT not in _ledger(registry)


def test_she_releases_her_finding_for_his_petition_and_withdraws_it_before_the_decision(
        registry: Any, world: World, as_role: Any, bonded: dict[str, Any]) -> None:
    ben, clerk, rey = as_role(Role.PARTY), as_role(Role.REGISTRAR), bonded["rey"]
    rid, fid = world.people["rey"], bonded["finding"]
    pet = ben.post(f"{V1}/bonds/{bonded['bond']}/petitions", json={
        "grounds": "no_heats", "evidence": "e", "on": "2026-11-24"}).json()["id"]
    url = f"{V1}/people/{rid}/findings/{fid}/releases"
    assert ben.post(url, json={"petition_id": pet}).status_code == 404  # not his to release
    assert rey.post(url, json={"petition_id": pet}).status_code == 200
    shown = ben.get(f"{V1}/petitions/{pet}").json()["findings"]
    assert [(f["finding_id"], f["text"], f["attested_by"]) for f in shown] == [
        (fid, TEXT, None)]
    assert rey.post(url, json={"petition_id": pet, "release": False}).status_code == 200
    assert ben.get(f"{V1}/petitions/{pet}").json()["findings"] == []
    assert rey.post(url, json={"petition_id": pet}).status_code == 200
    clerk.post(f"{V1}/petitions/{pet}/decision", json={
        "granted": False, "reasons": "not made out", "on": "2026-11-25"})
    late = rey.post(url, json={"petition_id": pet, "release": False})
    assert late.status_code == 409 and late.json()["error"]["rule"] == "petition_state"
    assert TEXT not in _ledger(registry)


def test_the_registrar_records_her_release_given_in_person_as_attested(
        registry: Any, world: World, as_role: Any, bonded: dict[str, Any]) -> None:
    ben, clerk = as_role(Role.PARTY), as_role(Role.REGISTRAR)
    rid, fid = world.people["rey"], bonded["finding"]
    pet = ben.post(f"{V1}/bonds/{bonded['bond']}/petitions", json={
        "grounds": "no_heats", "evidence": "e", "on": "2026-11-24"}).json()["id"]
    r = clerk.post(f"{V1}/people/{rid}/findings/{fid}/releases", json={"petition_id": pet})
    assert r.status_code == 200, r.text
    [shown] = clerk.get(f"{V1}/petitions/{pet}").json()["findings"]
    assert shown["attested_by"] == world.accounts[Role.REGISTRAR]
    told = clerk.get(f"{V1}/people/{rid}/history").text
    assert "in person at the office, attested by account" in told and TEXT not in told
    assert clerk.get(f"{V1}/people/{rid}/health").status_code == 404  # still not hers to read


def test_a_finding_is_recorded_only_by_a_physician_she_chose(
        world: World, as_role: Any, bonded: dict[str, Any]) -> None:
    rid = world.people["rey"]
    body = {"text": "a finding", "on": "2026-11-24"}
    assert as_role(Role.PHYSICIAN).post(f"{V1}/people/{rid}/findings", json=body
                                        ).status_code == 201
    own = bonded["rey"].post(f"{V1}/people/{rid}/findings", json=body)
    assert own.status_code == 409 and own.json()["error"]["rule"] == \
        "finding_by_chosen_physician"
    for role in (Role.REGISTRAR, Role.PARTY, Role.GUARDIAN):
        assert as_role(role).post(f"{V1}/people/{rid}/findings", json=body).status_code == 404


def test_a_findings_text_once_written_into_a_petition_is_kept_out_of_every_read(
        registry: Any, world: World, as_role: Any, bonded: dict[str, Any]) -> None:
    """As petitions were recorded before issue 14: the text in the ledger entry (which the
    hash chain keeps) must reach no read."""
    p, clerk = world.people, as_role(Role.REGISTRAR)
    with registry.uow_factory("legacy") as uow:
        pet = uow.bonds.next_ids()["petition"]
        uow.record(ev.AnnulmentPetitioned(pet, bonded["bond"], p["ben"], p["rey"], "no_heats",
                                          "e", p["kalonia"], TEXT, p["rey"], DAY))
        uow.commit()
    assert TEXT in _ledger(registry)  # the old entry stays as it was
    for client in (clerk, as_role(Role.PARTY)):
        for url in (f"{V1}/petitions/{pet}", f"{V1}/people/{p['ben']}/history"):
            r = client.get(url)
            assert TEXT not in r.text, (url, r.text)
