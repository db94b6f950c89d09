"""Releasing a physician's finding for an annulment petition, in the pages (issue 14).

The finding is the person's own health record: only she releases it for a petition, signed
in as herself, or the registrar attests that she asked for it in person at the office. The
petition page shows that a finding was released, by whom, when and who attested it; its text
only to whoever decides the petition (the registrar) and to its owner — never to the other
party, the guardian, a handler or the physician."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from tests.web.client import ApiClient
from tests.web.world import PASSWORD, World, password_hash
from troth.domain import commands as c
from troth.domain.policy import Role

TEXT = "CANARY-finding-page-51c2: no heat recorded in five months"
DAY = date(2026, 11, 20)
RELEASE = "Release finding #"
WITHDRAW = "Withdraw the release"
ATTEST = "Attest the release"


def _client(anon: ApiClient, username: str) -> ApiClient:
    client = anon.as_token(None)
    assert client.sign_in(username, PASSWORD).status_code == 303
    return client


@pytest.fixture
def petition(registry: Any, world: World) -> dict[str, int]:
    """Ben and Rey bonded; Kalonia, the physician Rey chose, recorded a finding in her file;
    Ben petitions for an annulment. Rey and Jannah (another Omega) have accounts."""
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
    pet = registry.execute(c.PetitionAnnulment(bond, p["ben"], "no_heats", "his account",
                                               date(2026, 11, 24)))
    for name, person in (("rey", "rey"), ("jannah", "stranger")):
        registry.queries.accounts.create(name, password_hash(), p[person], [(Role.PARTY, "")])
    return {"bond": bond, "finding": finding, "petition": pet}


def _released(registry: Any, pet: int) -> list[int]:
    return [f["finding_id"] for f in registry.queries.lookups.petition(pet)["findings"]]


def _post(client: ApiClient, pet: int, **fields: Any) -> Any:
    return client.post(f"/petitions/{pet}/releases", data={**fields, "csrf_token": client.csrf})


def test_she_releases_her_own_finding_from_the_petition_page_and_withdraws_it(
        registry: Any, world: World, anon: ApiClient, petition: dict[str, int]) -> None:
    rey, pet, fid = _client(anon, "rey"), petition["petition"], petition["finding"]
    page = rey.get(f"/petitions/{pet}").text
    assert f"Release finding #{fid} for this petition" in page and TEXT not in page
    assert ATTEST not in page
    r = _post(rey, pet, finding_id=fid, action="release")
    assert r.status_code == 303 and _released(registry, pet) == [fid]
    page = rey.get(f"/petitions/{pet}").text
    assert re.search(rf"Physician's finding #{fid}</dt><dd>{TEXT} .*released for this"
                     rf" petition by <a[^>]*>Rey</a> on 25 November 2026\)", page)
    assert WITHDRAW in page and "attested" not in page  # her own finding: she reads it
    r = _post(rey, pet, finding_id=fid, action="withdraw")
    assert r.status_code == 303 and _released(registry, pet) == []
    assert f"Release finding #{fid} for this petition" in rey.get(f"/petitions/{pet}").text


def test_the_registrar_attests_a_release_in_person_only_with_the_box_ticked(
        registry: Any, world: World, anon: ApiClient, petition: dict[str, int]) -> None:
    clerk, pet, fid = _client(anon, "registrar"), petition["petition"], petition["finding"]
    page = clerk.get(f"/petitions/{pet}").text
    assert ATTEST in page and "The person is here in person and asked for this" in page
    assert RELEASE not in page and TEXT not in page
    rey = world.people["rey"]
    unticked = _post(clerk, pet, finding_id=fid, person_id=rey, action="release")
    assert unticked.status_code == 422 and "tick &#39;the person is here in person" in \
        unticked.text and _released(registry, pet) == []
    wrong = _post(clerk, pet, finding_id=fid, person_id=world.people["ben"], action="release",
                  in_person="yes")  # his release of her finding: the domain refuses
    assert wrong.status_code == 409 and _released(registry, pet) == []
    r = _post(clerk, pet, finding_id=fid, person_id=rey, action="release", in_person="yes")
    assert r.status_code == 303 and _released(registry, pet) == [fid]
    page = clerk.get(f"/petitions/{pet}").text
    assert (f"in person at the office, attested by account #{world.accounts[Role.REGISTRAR]}"
            in page) and TEXT in page  # released for the petition the registrar decides
    assert TEXT not in _client(anon, "party").get(f"/petitions/{pet}").text  # nor for Ben


def test_no_one_else_sees_the_forms_or_releases_her_finding(
        registry: Any, world: World, anon: ApiClient, petition: dict[str, int]) -> None:
    pet, fid, rey = petition["petition"], petition["finding"], world.people["rey"]
    ben = _client(anon, "party")  # the other party, the petitioner
    page = ben.get(f"/petitions/{pet}").text
    assert page and RELEASE not in page and WITHDRAW not in page and ATTEST not in page
    for who in ("party", "jannah", "guardian", "handler", "physician"):
        client = _client(anon, who)
        shown = client.get(f"/petitions/{pet}")
        assert RELEASE not in shown.text and ATTEST not in shown.text and TEXT not in shown.text
        client.get("/")  # a page, for the form token
        for fields in ({"finding_id": fid, "action": "release"},
                       {"finding_id": fid, "action": "release", "person_id": rey,
                        "in_person": "yes"}):
            r = _post(client, pet, **fields)
            assert r.status_code == 403, (who, r.status_code, r.text)
            assert "Only the person a physician&#39;s finding concerns releases it" in r.text
        nowhere = _post(client, 999_999, finding_id=fid, action="release")
        assert nowhere.status_code == 403  # the same answer whether the petition exists or not
    assert _released(registry, pet) == []
    refused = registry.queries.accounts.access_log(1, 50)[0]
    assert any(e.action == "finding.release" and not e.allowed and e.status == 403
               for e in refused)


def test_a_decided_petition_offers_no_release_and_refuses_one(
        registry: Any, world: World, anon: ApiClient, petition: dict[str, int]) -> None:
    pet, fid = petition["petition"], petition["finding"]
    rey = _client(anon, "rey")
    assert _post(rey, pet, finding_id=fid, action="release").status_code == 303
    registry.execute(c.DecideAnnulment(pet, False, "not shown", date(2026, 11, 25)))
    for who in ("rey", "registrar"):
        page = _client(anon, who).get(f"/petitions/{pet}").text
        assert RELEASE not in page and WITHDRAW not in page and ATTEST not in page
        assert f"Physician's finding #{fid}" in page and TEXT in page
    ben = _client(anon, "party").get(f"/petitions/{pet}").text
    assert f"Physician's finding #{fid}" in ben and TEXT not in ben
    late = _post(rey, pet, finding_id=fid, action="withdraw")
    assert late.status_code == 409 and "only until the decision" in late.text
    assert _released(registry, pet) == [fid]


def test_a_bad_finding_number_is_a_4xx_with_a_message(
        registry: Any, world: World, anon: ApiClient, petition: dict[str, int]) -> None:
    pet = petition["petition"]
    rey = _client(anon, "rey")
    rey.get(f"/petitions/{pet}")
    for raw in ("", "abc", "9223372036854775808", "-1"):
        r = _post(rey, pet, finding_id=raw, action="release")
        assert r.status_code == 422 and "registry number" in r.text, raw
    assert _post(rey, pet, finding_id=424_242, action="release").status_code == 403
