"""Marriages of Betas over real HTTP: each spouse's own consent (or given in person at the
office, the registrar attesting it), the officiant solemnises, either spouse petitions to
dissolve and the registrar decides; who sees a marriage: the two spouses, the registrar
and its officiant, no one else."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.registry.helpers import ledger_count
from tests.web.client import ApiClient
from tests.web.world import World
from troth.domain.policy import Role

V1 = "/api/v1"
DAY = date(2026, 11, 20).isoformat()
LATER = date(2026, 11, 24).isoformat()


def married(world: World, as_role: Any) -> int:
    """Leia (the sponsor's account) consents herself; Han, who has no account, consents in
    person at the office; Lor (the officiant's account) solemnises."""
    p = world.people
    leia = as_role(Role.SPONSOR).post(f"{V1}/people/{p['leia']}/marriage-consent",
                                      json={"partner_id": p["han"], "on": DAY})
    assert leia.status_code == 201, leia.text
    mid = int(leia.json()["id"])
    han = as_role(Role.REGISTRAR).post(f"{V1}/people/{p['han']}/marriage-consent",
                                       json={"partner_id": p["leia"], "on": DAY})
    assert han.status_code == 201 and int(han.json()["id"]) == mid, han.text
    sealed = as_role(Role.OFFICIANT).post(f"{V1}/marriages/{mid}/solemnisation",
                                          json={"witnesses": ["Luke Skywalker"], "on": DAY})
    assert sealed.status_code == 201, sealed.text
    return mid


def test_the_spouses_the_registrar_and_the_officiant_see_a_marriage_and_no_one_else(
        world: World, as_role: Any, anon: ApiClient) -> None:
    mid = married(world, as_role)
    seen = {role: as_role(role).get(f"{V1}/marriages/{mid}").status_code for role in Role}
    assert seen == {Role.REGISTRAR: 200, Role.SPONSOR: 200, Role.OFFICIANT: 200,
                    Role.PARTY: 404, Role.GUARDIAN: 404, Role.HANDLER: 404,
                    Role.PHYSICIAN: 404}
    assert anon.get(f"{V1}/marriages/{mid}").status_code == 401
    body = as_role(Role.SPONSOR).get(f"{V1}/marriages/{mid}").json()
    assert body["status"] == "solemnised" and body["officiant_id"] == world.people["lor"]
    check = anon.post(f"{V1}/marriage-certificates/verify",
                      json={"code": body["certificate_code"]}).json()
    assert check["valid"] and set(check["names"]) == {"Han Solo", "Leia Organa"}
    assert check["officiant"] == "Lor San Tekka"
    snap = as_role(Role.SPONSOR).get(
        f"{V1}/people/{world.people['leia']}/snapshot?on={DAY}&known=today").json()
    assert snap["married_to"] == world.people["han"]


def test_a_consent_for_another_is_not_ones_own_and_is_refused(
        registry: Any, world: World, as_role: Any) -> None:
    p = world.people
    before = ledger_count(registry)
    r = as_role(Role.SPONSOR).post(f"{V1}/people/{p['han']}/marriage-consent",
                                   json={"partner_id": p["leia"], "on": DAY})
    assert r.status_code == 403
    assert ledger_count(registry) == before


@pytest.mark.parametrize("partner,rule", [("ben", "both_betas"), ("rey", "both_betas"),
                                          ("leia", "not_oneself")])
def test_a_marriage_to_an_alpha_or_omega_or_oneself_is_refused_with_its_reason(
        registry: Any, world: World, as_role: Any, partner: str, rule: str) -> None:
    before = ledger_count(registry)
    r = as_role(Role.SPONSOR).post(f"{V1}/people/{world.people['leia']}/marriage-consent",
                                   json={"partner_id": world.people[partner], "on": DAY})
    assert r.status_code == 409 and r.json()["error"]["rule"] == rule, r.text
    assert ledger_count(registry) == before


def test_either_spouse_petitions_to_dissolve_and_the_registrar_decides(
        registry: Any, world: World, as_role: Any) -> None:
    mid = married(world, as_role)
    outsider = as_role(Role.OFFICIANT).post(f"{V1}/marriages/{mid}/petitions",
                                            json={"grounds": "breakdown", "on": DAY})
    assert outsider.status_code == 404
    filed = as_role(Role.SPONSOR).post(f"{V1}/marriages/{mid}/petitions",
                                       json={"grounds": "breakdown", "on": DAY})
    assert filed.status_code == 201, filed.text
    pid = filed.json()["id"]
    assert as_role(Role.SPONSOR).get(f"{V1}/marriage-petitions/{pid}").status_code == 200
    assert as_role(Role.OFFICIANT).get(f"{V1}/marriage-petitions/{pid}").status_code == 404
    by_spouse = as_role(Role.SPONSOR).post(f"{V1}/marriage-petitions/{pid}/decision",
                                           json={"granted": True, "reasons": "r", "on": DAY})
    assert by_spouse.status_code == 404
    # Han, who has no account, petitions in person at the office: refused while one waits
    again = as_role(Role.REGISTRAR).post(f"{V1}/marriages/{mid}/petitions", json={
        "grounds": "mutual_wish", "on": DAY, "petitioner_id": world.people["han"]})
    assert again.status_code == 409 and again.json()["error"]["rule"] == "one_petition"
    same_day = as_role(Role.REGISTRAR).post(f"{V1}/marriage-petitions/{pid}/decision", json={
        "granted": True, "reasons": "both spouses heard", "on": DAY})
    assert same_day.json()["error"]["rule"] == "dissolution_date"
    decided = as_role(Role.REGISTRAR).post(f"{V1}/marriage-petitions/{pid}/decision", json={
        "granted": True, "reasons": "both spouses heard", "on": LATER})
    assert decided.status_code == 200, decided.text
    body = as_role(Role.REGISTRAR).get(f"{V1}/marriages/{mid}").json()
    assert (body["status"], body["dissolved_on"]) == ("dissolved", LATER)


def test_a_person_withdraws_their_own_consent_and_no_one_else_may(
        world: World, as_role: Any) -> None:
    p = world.people
    mid = as_role(Role.SPONSOR).post(f"{V1}/people/{p['leia']}/marriage-consent",
                                     json={"partner_id": p["han"], "on": DAY}).json()["id"]
    other = as_role(Role.OFFICIANT).post(f"{V1}/marriages/{mid}/withdrawal", json={"on": DAY})
    assert other.status_code == 403
    own = as_role(Role.SPONSOR).post(f"{V1}/marriages/{mid}/withdrawal", json={"on": DAY})
    assert own.status_code == 201, own.text
    assert as_role(Role.SPONSOR).get(f"{V1}/marriages/{mid}").json()["status"] == "withdrawn"
    late = as_role(Role.OFFICIANT).post(f"{V1}/marriages/{mid}/solemnisation",
                                        json={"witnesses": ["W"], "on": DAY})
    assert late.status_code == 409 and late.json()["error"]["rule"] == "marriage_state"
