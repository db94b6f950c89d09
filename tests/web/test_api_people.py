"""Every people, guardianship, ledger and customs endpoint, in-process, on SQLite and
PostgreSQL, as the registrar (the access matrix covers the other roles)."""

from __future__ import annotations

from typing import Any

from tests.web.world import World
from troth.domain.policy import Role

V1 = "/api/v1"


def _register(client: Any, name: str, born: str, **extra: Any) -> int:
    r = client.post(f"{V1}/people", json={"legal_name": name, "born": born, **extra})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def test_a_registrar_registers_presents_and_reads_a_person_back(as_role: Any) -> None:
    reg = as_role(Role.REGISTRAR)
    pid = _register(reg, "Finn Ezé", "2000-01-01",
                    other_names=[{"kind": "work", "name": "FN-2187"}],
                    scent={"gives": [0.1, 0.2], "draws": [0.3, 0.4], "notes": "cedar"})
    r = reg.post(f"{V1}/people/{pid}/presentation", json={"designation": "beta",
                                                           "on": "2014-06-01"})
    assert r.status_code == 200 and r.json() == {"id": pid}
    got = reg.get(f"{V1}/people/{pid}").json()
    assert got["designation"] == "beta" and got["presented_on"] == "2014-06-01"
    assert got["other_names"] == [{"kind": "work", "name": "FN-2187"}]
    assert got["scent"] == {"gives": [0.1, 0.2], "draws": [0.3, 0.4], "notes": "cedar"}


def test_a_second_presentation_is_refused_with_its_rule_and_writes_nothing(
        as_role: Any, world: World) -> None:
    reg = as_role(Role.REGISTRAR)
    before = reg.get(f"{V1}/ledger/checkpoint").json()["count"]
    r = reg.post(f"{V1}/people/{world.people['ben']}/presentation",
                 json={"designation": "beta", "on": "2020-01-01"})
    assert r.status_code == 409
    err = r.json()["error"]
    assert err["code"] == "refused" and err["rule"] and err["message"]
    assert reg.get(f"{V1}/ledger/checkpoint").json()["count"] == before


def test_births_deaths_history_and_snapshots_tell_the_same_story(
        as_role: Any, world: World) -> None:
    reg = as_role(Role.REGISTRAR)
    leia, han = world.people["leia"], world.people["han"]
    r = reg.post(f"{V1}/births", json={"legal_name": "Jaina Solo", "born": "2001-05-05",
                                       "parents": [leia, han]})
    assert r.status_code == 201
    child = r.json()["id"]
    assert reg.get(f"{V1}/people/{child}").json()["parents"] == sorted([leia, han])
    assert reg.post(f"{V1}/people/{han}/death", json={"died": "2019-05-04"}).status_code == 200
    hist = reg.get(f"{V1}/people/{han}/history", params={"per_page": 1}).json()
    assert hist["total"] >= 3 and hist["pages"] == hist["total"] and len(hist["items"]) == 1
    assert "death" in hist["items"][0]["kind"].lower() or hist["items"][0]["effective"] == \
        "2019-05-04"
    # everything here was recorded today: "as known today" of earlier dates
    known = {"known": "today"}
    before = reg.get(f"{V1}/people/{han}/snapshot", params={"on": "2019-01-01", **known}).json()
    after = reg.get(f"{V1}/people/{han}/snapshot", params={"on": "2020-01-01", **known}).json()
    assert before["died"] is None and after["died"] == "2019-05-04"
    then = reg.get(f"{V1}/people/{han}/snapshot", params={"on": "2020-01-01"}).json()
    assert not then["exists"]  # as recorded by 2020: not yet on record
    old = reg.get(f"{V1}/people/{han}/history", params={"as_of": "2019-01-01", **known}).json()
    assert old["total"] == hist["total"] - 1


def test_search_pages_through_people_with_filters_in_the_body(as_role: Any,
                                                              world: World) -> None:
    reg = as_role(Role.REGISTRAR)
    first = reg.post(f"{V1}/people/search", json={"per_page": 5}).json()
    second = reg.post(f"{V1}/people/search", json={"per_page": 5, "page": 2}).json()
    assert first["total"] == second["total"] == len(world.people)
    assert first["pages"] == -(-first["total"] // 5)
    ids = [p["id"] for p in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 10
    omegas = reg.post(f"{V1}/people/search", json={"designation": "omega",
                                                   "text": "REY"}).json()
    assert [p["id"] for p in omegas["items"]] == [world.people["rey"]]


def test_guardianships_are_appointed_asked_about_transferred_and_ended(
        as_role: Any, world: World) -> None:
    reg = as_role(Role.REGISTRAR)
    rey, unkar, maz = world.people["rey"], world.people["unkar"], world.people["maz"]
    # the world appoints her guardian from 2020-07-01, after she presented (issue 15)
    on = reg.get(f"{V1}/people/{rey}/guardian", params={"on": "2021-01-01"}).json()
    assert on["guardianship"]["guardian_id"] == unkar
    r = reg.post(f"{V1}/people/{rey}/guardianship/transfer", json={
        "new_guardian_id": maz, "court": "Jakku Family Court", "order_ref": "JFC-200",
        "on": "2024-01-01", "reason": "the ward's petition"})
    assert r.status_code == 201, r.text
    assert reg.get(f"{V1}/people/{rey}/guardian").json()["guardianship"]["guardian_id"] == maz
    listed = reg.get(f"{V1}/people/{rey}/guardianships").json()
    assert [g["guardian_id"] for g in listed["items"]] == [unkar, maz]
    r = reg.post(f"{V1}/people/{rey}/guardianship/end", json={"on": "2025-01-01"})
    assert r.status_code == 200
    assert reg.get(f"{V1}/people/{rey}/guardian").json()["guardianship"] is None
    again = reg.post(f"{V1}/people/{rey}/guardianship", json={
        "guardian_id": rey, "court": "C", "order_ref": "O", "start": "2025-02-01"})
    assert again.status_code in (409, 422) and again.json()["error"]["rule"]


def test_the_ledger_verifies_against_a_kept_checkpoint(as_role: Any, world: World) -> None:
    reg = as_role(Role.REGISTRAR)
    cp = reg.get(f"{V1}/ledger/checkpoint").json()
    assert cp["checkpoint"].startswith("troth-ledger:")
    ok = reg.post(f"{V1}/ledger/verify", json={"checkpoint": cp["checkpoint"]}).json()
    assert ok["ok"] is True and ok["count"] == cp["count"]
    bad = reg.post(f"{V1}/ledger/verify", json={"checkpoint": "nonsense"})
    assert bad.status_code == 422 and bad.json()["error"]["rule"] == "checkpoint_format"


def test_customs_are_listed_with_their_help_for_any_signed_in_role(as_role: Any) -> None:
    body = as_role(Role.HANDLER).get(f"{V1}/customs").json()
    names = {c["name"] for c in body["customs"]}
    assert "min_visits_before_bonding" in names and all(c["help"] for c in body["customs"])


def test_bad_input_is_a_422_in_the_one_error_shape_naming_the_field(as_role: Any) -> None:
    reg = as_role(Role.REGISTRAR)
    r = reg.post(f"{V1}/people", json={"legal_name": "X", "born": "2001-02-30"})
    assert r.status_code == 422
    assert set(r.json()) == {"error"} and "born" in r.json()["error"]["message"]
    r = reg.post(f"{V1}/people", json={"legal_name": "X", "born": "2001-01-01",
                                       "scent": {"gives": [1.0], "draws": [1.0, 2.0]}})
    assert r.status_code == 422 and r.json()["error"]["rule"] == "scent_vector"
    assert reg.get(f"{V1}/people/0").status_code == 422
    assert reg.get(f"{V1}/people/424242").json()["error"]["code"] == "not_found"
    r = reg.get(f"{V1}/no-such-thing")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_every_api_response_says_no_store_and_nosniff(anon: Any, as_role: Any) -> None:
    for r in (anon.get(f"{V1}/customs"), as_role(Role.REGISTRAR).get(f"{V1}/customs")):
        assert r.headers["cache-control"] == "no-store"
        assert r.headers["x-content-type-options"] == "nosniff"
