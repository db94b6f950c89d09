"""The API's registration answers a likely duplicate with 409 and the candidates; the
registration page shows them with the "not a duplicate" fields."""

from __future__ import annotations

from typing import Any

from tests.web.client import ApiClient
from tests.web.conftest import SQLITE_ONLY
from tests.web.world import PASSWORD, World
from troth.domain.policy import Role

V1 = "/api/v1"


def test_a_likely_duplicate_is_a_409_listing_the_candidates(as_role: Any, world: World) -> None:
    reg = as_role(Role.REGISTRAR)
    first = reg.post(f"{V1}/people", json={"legal_name": "Poe Dameron", "born": "1979-02-02",
                                            "district": "Yavin"})
    assert first.status_code == 201
    pid = first.json()["id"]
    before = reg.get(f"{V1}/ledger/checkpoint").json()["count"]
    again = reg.post(f"{V1}/people", json={"legal_name": "Poé Dámeron", "born": "1979-02-02"})
    assert again.status_code == 409
    err = again.json()["error"]
    assert err["rule"] == "possible_duplicate" and f"#{pid}" in err["message"]
    assert err["candidates"][0]["id"] == pid
    assert err["candidates"][0]["probability"] >= 0.9
    assert "same birth date" in err["candidates"][0]["reasons"]
    assert reg.get(f"{V1}/ledger/checkpoint").json()["count"] == before
    anyway = reg.post(f"{V1}/people", json={
        "legal_name": "Poé Dámeron", "born": "1979-02-02", "not_duplicate_of": [pid],
        "not_duplicate_reason": "a cousin of the same name, seen"})
    assert anyway.status_code == 201
    events = reg.get(f"{V1}/people/{anyway.json()['id']}/history").json()["items"]
    assert events


@SQLITE_ONLY
def test_the_registration_page_shows_the_candidates_and_the_confirmation_field(
        world: World, anon: ApiClient) -> None:
    client = ApiClient(anon.portal, anon.app)
    try:
        assert client.sign_in(Role.REGISTRAR.value, PASSWORD).status_code == 303
        page = client.get("/do/register_person")
        assert page.status_code == 200 and 'name="not_duplicate_of"' in page.text
        form = {"csrf_token": client.csrf, "legal_name": "Rey", "born": "2006-03-01",
                "district": "", "parents": "", "not_duplicate_of": "",
                "not_duplicate_reason": ""}
        refused = client.post("/do/register_person", data=form)
        rey = world.people["rey"]
        assert refused.status_code == 422
        assert f"Possible duplicate of #{rey} (p=1.00: same birth date" in refused.text
        form.update(csrf_token=client.csrf, not_duplicate_of=str(rey),
                    not_duplicate_reason="another Rey, seen at the office")
        done = client.post("/do/register_person", data=form)
        assert done.status_code == 303, done.text
    finally:
        client.close()


@SQLITE_ONLY
def test_the_registrar_s_duplicates_page_lists_pairs_and_imports_records(
        registry: Any, world: World, anon: ApiClient) -> None:
    from datetime import date

    from troth.domain import commands as c

    with registry.bulk() as bulk:
        dup = bulk.execute(c.RegisterPerson("Réy", date(2006, 3, 1)))
        bulk.commit()
    client = ApiClient(anon.portal, anon.app)
    try:
        assert client.sign_in(Role.REGISTRAR.value, PASSWORD).status_code == 303
        r = client.get("/duplicates")
        assert r.status_code == 200
        rey = world.people["rey"]
        assert f'href="/people/{rey}"' in r.text and f'href="/people/{dup}"' in r.text
        assert "same birth date" in r.text and "Recorded by imports" in r.text
        assert 400 <= client.get("/duplicates?page=0").status_code < 500
        assert client.get("/duplicates?page=2").status_code == 200
    finally:
        client.close()
    other = ApiClient(anon.portal, anon.app)
    try:
        other.sign_in(Role.PARTY.value, PASSWORD)
        assert other.get("/duplicates").status_code in (403, 404)
    finally:
        other.close()
