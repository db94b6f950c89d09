"""Scent signatures over time on the web (issue 15): a physician the person chose records
or re-measures her scent (API and page form); no one else may; her history says who and
when, never the values. And a physician's "no heats expected" finding, recorded through the
API, makes the registry's forecast say so until a later finding withdraws it."""

from __future__ import annotations

from typing import Any

from tests.web.client import ApiClient
from tests.web.world import PASSWORD, World
from troth.domain import commands as c
from troth.domain.policy import Role

V1 = "/api/v1"
BODY = {"on": "2026-11-20", "gives": [0.61, 0.79], "draws": [0.83, 0.57], "notes": "cedar"}


def _chosen(registry: Any, world: World) -> int:
    """Rey chooses Kalonia (the demo's physician) as her physician."""
    rey = world.people["rey"]
    registry.execute(c.ShareHealth(rey, world.people["kalonia"], "physician", True, rey))
    return rey


def test_the_physician_she_chose_records_her_scent_and_her_history_shows_no_values(
        registry: Any, world: World, as_role: Any) -> None:
    rey = _chosen(registry, world)
    r = as_role(Role.PHYSICIAN).post(f"{V1}/people/{rey}/scent", json=BODY)
    assert r.status_code == 200, r.text
    assert r.json() == {"id": rey}
    assert registry.queries.people.person(rey).scent.gives == (0.61, 0.79)
    history = as_role(Role.REGISTRAR).get(f"{V1}/people/{rey}/history").json()["items"]
    told = [h["text"] for h in history if h["kind"] == "scent_measured"]
    assert told == [f"Scent signature of Rey (#{rey}) re-measured by"
                    f" #{world.people['kalonia']} on 2026-11-20"]
    assert not any(v in told[0] for v in ("0.61", "0.79", "0.83", "cedar"))


def test_no_one_but_a_physician_she_chose_records_her_scent(
        registry: Any, world: World, as_role: Any) -> None:
    rey = world.people["rey"]
    before = registry.queries.people.person(rey).scent
    for role in (Role.PHYSICIAN, Role.REGISTRAR, Role.GUARDIAN, Role.PARTY):
        r = as_role(role).post(f"{V1}/people/{rey}/scent", json=BODY)  # no share yet
        assert r.status_code == 404, (role, r.text)
    assert registry.queries.people.person(rey).scent == before


def test_bad_scent_input_is_a_4xx_with_the_reason(registry: Any, world: World,
                                                   as_role: Any) -> None:
    rey = _chosen(registry, world)
    doc = as_role(Role.PHYSICIAN)
    uneven = doc.post(f"{V1}/people/{rey}/scent", json={**BODY, "draws": [0.1]})
    assert uneven.status_code == 422
    assert uneven.json()["error"]["rule"] == "scent_vector"
    future = doc.post(f"{V1}/people/{rey}/scent", json={**BODY, "on": "2026-11-30"})
    assert 400 <= future.status_code < 500
    assert future.json()["error"]["rule"] == "date_in_future"


def test_the_page_form_records_a_scent_for_the_physician_she_chose(
        registry: Any, world: World, anon: ApiClient) -> None:
    rey = _chosen(registry, world)
    doc = anon.as_token(None)
    assert doc.sign_in("physician", PASSWORD).status_code == 303
    health = doc.get(f"/people/{rey}/health")
    assert f'href="/do/record_scent?person_id={rey}"' in health.text
    form = doc.get(f"/do/record_scent?person_id={rey}")
    assert form.status_code == 200 and "Record a scent signature" in form.text
    fields = {"person_id": str(rey), "on": "2026-11-21", "scent_gives": "0.2, 0.9",
              "scent_draws": "0.9, 0.2", "notes": "", "csrf_token": doc.csrf}
    bad = doc.post("/do/record_scent", data={**fields, "scent_draws": "0.9, x"})
    assert bad.status_code == 422 and "is not a comma-separated list of numbers" in bad.text
    done = doc.post("/do/record_scent", data=fields)
    assert done.status_code == 303, done.text
    assert registry.queries.people.person(rey).scent.gives == (0.2, 0.9)


def test_a_no_heats_finding_through_the_api_makes_the_forecast_say_so_until_withdrawn(
        registry: Any, world: World, as_role: Any) -> None:
    rey = _chosen(registry, world)
    doc = as_role(Role.PHYSICIAN)
    url = f"{V1}/people/{rey}/health/forecast"
    before = doc.get(url).json()["state"]
    assert before != "none_expected"
    r = doc.post(f"{V1}/people/{rey}/findings",
                 json={"text": "underweight", "on": "2026-11-20", "kind": "no_heats_expected"})
    assert r.status_code == 201, r.text
    now = doc.get(url).json()
    assert now["state"] == "none_expected" and "underweight" in now["message"]
    bad = doc.post(f"{V1}/people/{rey}/findings",
                   json={"text": "x", "on": "2026-11-20", "kind": "barren"})
    assert bad.status_code == 422
    r = doc.post(f"{V1}/people/{rey}/findings",
                 json={"text": "recovered", "on": "2026-11-24", "kind": "no_heats_withdrawn"})
    assert r.status_code == 201, r.text
    assert doc.get(url).json()["state"] == before
