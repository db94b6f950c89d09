"""Candidate search over HTTP (issue 6): GET /api/v1/match/candidates/{id} and the
/match/candidates page, in-process. Who may search for whom (staff and sponsors: anyone;
a party: themself; everyone else: nobody), the filters, the ranking against compatibility
computed here from the scents, and bad input answered with a 4xx that says what to fix."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pytest

from tests.web.conftest import SQLITE_ONLY
from tests.web.world import World
from troth.domain import commands as c
from troth.domain.people import Scent
from troth.domain.policy import Role
from troth.match import compat

pytestmark = SQLITE_ONLY  # reads_match's SQL runs on both databases in tests/match
URL = "/api/v1/match/candidates"
BEN_SCENT = Scent((0.1, 0.2), (0.3, 0.4))  # tests.web.world gives everyone this one
# name, born, district, angle of their scent and of their perception (radians)
OMEGAS = (("Kaydel Connix", date(1996, 5, 1), "Hosnian", 0.93, 1.11),
          ("Zorii Bliss", date(1990, 1, 10), "Kijimi", 1.00, 1.05),
          ("Rose Tico", date(2000, 8, 2), "Hays Minor", 2.50, 0.20),
          ("Paige Tico", date(1985, 3, 3), "Hays Minor", 0.60, 0.90),
          ("Beaumont Kin", date(2009, 1, 1), "Hosnian", 0.93, 1.11))  # 17: a minor


def _unit(angle: float) -> tuple[float, float]:
    return (round(math.cos(angle), 6), round(math.sin(angle), 6))


@pytest.fixture
def town(registry: Any, world: World) -> dict[str, int]:
    """Five more Omegas with scents of their own; Jannah ("stranger") declined Ben once."""
    ids = {}
    for name, born, district, gives, draws in OMEGAS:
        pid = registry.execute(c.RegisterPerson(name, born, scent=Scent(
            _unit(gives), _unit(draws)), district=district))
        registry.execute(c.RecordPresentation(pid, "omega", date(born.year + 14, 6, 1)))
        ids[name] = pid
    ben, jannah = world.people["ben"], world.people["stranger"]
    court = registry.execute(c.ProposeIntroduction(ben, jannah, None, date(2026, 11, 1)))
    registry.execute(c.RecordConsent(court, jannah, False, date(2026, 11, 2)))
    return ids


def _expected(registry: Any, ben: int, ids: list[int]) -> dict[int, float]:
    """Mutual compatibility computed here from the stored scents (not by the search)."""
    rate = registry.customs.true_match_rate
    out = {}
    for pid in ids:
        s = registry.queries.people.person(pid).scent
        out[pid] = float(compat.mutual_compatibility(
            BEN_SCENT.draws, BEN_SCENT.gives, s.draws, s.gives, rate=rate))
    return out


def test_the_registrar_gets_the_eligible_omegas_best_first_with_both_directions(
        as_role: Any, world: World, town: dict[str, int], registry: Any) -> None:
    ben = world.people["ben"]
    r = as_role(Role.REGISTRAR).get(f"{URL}/{ben}")
    assert r.status_code == 200, r.text
    body = r.json()
    items = body["items"]
    got = [i["id"] for i in items]
    # Rey (20) and the four adult newcomers; not the minor, not Jannah (declined Ben)
    adults = [town[n] for n, *_ in OMEGAS[:4]]
    assert sorted(got) == sorted([world.people["rey"], *adults])
    expected = _expected(registry, ben, got)
    assert got == sorted(got, key=lambda i: (-expected[i], i))
    for item in items:
        assert item["compatibility"] == pytest.approx(expected[item["id"]], rel=1e-4)
        assert item["compatibility"] == pytest.approx(
            math.sqrt(item["attraction_to"] * item["attraction_from"]), rel=1e-4)
        assert item["designation"] == "omega" and item["legal_name"]
        assert item["may_propose"] is True
    assert items[0]["id"] != items[-1]["id"] and items[0]["compatibility"] > items[-1][
        "compatibility"]
    assert body["person_id"] == ben and body["top"] == 20 and body["on"] == "2026-11-25"


def test_age_district_and_top_filters_narrow_the_list(
        as_role: Any, world: World, town: dict[str, int]) -> None:
    reg, ben = as_role(Role.REGISTRAR), world.people["ben"]
    aged = reg.get(f"{URL}/{ben}", params={"min_age": 27, "max_age": 36}).json()["items"]
    assert {i["id"] for i in aged} == {town["Kaydel Connix"], town["Zorii Bliss"]}
    assert all(27 <= i["age"] <= 36 for i in aged)
    hays = reg.get(f"{URL}/{ben}", params={"district": "Hays Minor"}).json()["items"]
    assert {i["id"] for i in hays} == {town["Rose Tico"], town["Paige Tico"]}
    two = reg.get(f"{URL}/{ben}", params={"top": 2}).json()["items"]
    assert [i["id"] for i in two] == [i["id"] for i in reg.get(f"{URL}/{ben}").json()["items"]
                                      ][:2]
    none = reg.get(f"{URL}/{ben}", params={"min_age": 90})
    assert none.status_code == 200 and none.json()["items"] == []


def test_a_party_searches_for_themself_and_no_one_else(
        as_role: Any, world: World, town: dict[str, int]) -> None:
    ben = as_role(Role.PARTY)  # Ben's own account
    assert ben.get(f"{URL}/{world.people['ben']}").status_code == 200
    other = ben.get(f"{URL}/{world.people['poe']}")
    assert other.status_code == 403
    err = other.json()["error"]
    assert err["rule"] == "deny:match.candidates"
    assert "a party: for themself only" in err["message"]
    assert ben.get(f"{URL}/999999").status_code == 403  # no hint whether #999999 exists


@pytest.mark.parametrize("role", [Role.GUARDIAN, Role.HANDLER, Role.OFFICIANT,
                                  Role.PHYSICIAN])
def test_guardians_handlers_officiants_and_physicians_may_not_search(
        role: Role, as_role: Any, world: World) -> None:
    r = as_role(role).get(f"{URL}/{world.people['ben']}")
    assert r.status_code == 403
    assert r.json()["error"]["message"].startswith("this account may not do this: search"
                                                   " introduction candidates")


def test_a_sponsor_searches_for_anyone_but_sees_and_proposes_only_as_the_policy_allows(
        as_role: Any, world: World, town: dict[str, int]) -> None:
    leia = as_role(Role.SPONSOR)  # Ben's mother
    for_poe = leia.get(f"{URL}/{world.people['poe']}")
    assert for_poe.status_code == 200
    assert all(not i["may_propose"] for i in for_poe.json()["items"])
    for_ben = leia.get(f"{URL}/{world.people['ben']}").json()["items"]
    assert for_ben and all(i["may_propose"] for i in for_ben)  # her son's introductions
    assert all(i["legal_name"] is None for i in for_ben)  # not her family: number only


@pytest.mark.parametrize(("params", "words"), [
    ({"top": 0}, "top"), ({"top": 101}, "top"), ({"min_age": -1}, "min_age"),
    ({"min_age": 40, "max_age": 30}, "oldest age (30) is below the youngest (40)"),
    ({"district": ""}, "district"),
])
def test_bad_filters_are_a_422_that_names_the_problem(
        params: dict[str, Any], words: str, as_role: Any, world: World) -> None:
    r = as_role(Role.REGISTRAR).get(f"{URL}/{world.people['ben']}", params=params)
    assert r.status_code == 422, r.text
    assert words in r.json()["error"]["message"]


def test_an_unknown_or_unmatchable_person_is_answered_with_the_registrys_reason(
        as_role: Any, world: World, town: dict[str, int]) -> None:
    reg = as_role(Role.REGISTRAR)
    missing = reg.get(f"{URL}/999999")
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "no person #999999 in the registry"
    for who, words in ((world.people["leia"], "is a Beta; introductions are between an Alpha"),
                       (town["Beaumont Kin"], "introductions are for adults")):
        r = reg.get(f"{URL}/{who}")
        assert r.status_code == 422
        assert r.json()["error"]["rule"] == "person_matchable"
        assert words in r.json()["error"]["message"]


def test_the_page_lists_candidates_for_staff_and_refuses_a_guardian(
        as_role: Any, world: World, town: dict[str, int]) -> None:
    ben = world.people["ben"]
    page = as_role(Role.REGISTRAR).get("/match/candidates", params={"person": ben,
                                                                     "max_age": 30})
    assert page.status_code == 200
    assert "Rose Tico" in page.text and "Zorii Bliss" not in page.text
    assert f"/do/propose_introduction?alpha_id={ben}&amp;omega_id={town['Rose Tico']}" in (
        page.text)
    bad = as_role(Role.REGISTRAR).get("/match/candidates", params={"person": ben,
                                                                    "min_age": 40,
                                                                    "max_age": 30})
    assert bad.status_code == 422 and "swap them" in bad.text
    empty = as_role(Role.REGISTRAR).get("/match/candidates", params={"person": ben,
                                                                      "min_age": 90})
    assert "No eligible candidates match these filters" in empty.text
    refused = as_role(Role.GUARDIAN).get("/match/candidates")
    assert refused.status_code == 403
    assert "may not do this: search introduction candidates" in refused.text
    assert 'href="/match/candidates"' not in as_role(Role.GUARDIAN).get("/").text


def test_the_page_searches_a_partys_own_candidates_without_asking_who(
        as_role: Any, world: World, town: dict[str, int]) -> None:
    page = as_role(Role.PARTY).get("/match/candidates")
    assert page.status_code == 200
    assert f'value="{world.people["ben"]}"' in page.text and "readonly" in page.text
    assert "Kaydel Connix" not in page.text  # not Ben's to read: numbers only
    assert f"#{town['Kaydel Connix']}" in page.text
    assert "Propose an introduction" not in page.text  # a party does not propose
    leia = as_role(Role.REGISTRAR).get("/match/candidates",
                                       params={"person": world.people["leia"]})
    assert "is a Beta; introductions are between an Alpha and an Omega" in leia.text


def test_the_server_reads_the_records_once_per_change_and_never_answers_from_stale_ones(
        as_role: Any, app: Any, world: World, town: dict[str, int], registry: Any) -> None:
    reg, ben = as_role(Role.REGISTRAR), world.people["ben"]
    first = [i["id"] for i in reg.get(f"{URL}/{ben}").json()["items"]]
    cache, today = app.state.candidate_search, registry.clock.today()
    kept = cache.get(registry, today, registry.customs.true_match_rate)
    assert reg.get(f"{URL}/{ben}").status_code == 200
    assert cache.get(registry, today, registry.customs.true_match_rate) is kept  # not re-read
    registry.execute(c.ProposeIntroduction(ben, first[0], None, today))  # a new ledger entry
    again = [i["id"] for i in reg.get(f"{URL}/{ben}").json()["items"]]
    assert again == first[1:]  # in a live courtship with Ben now: no longer a candidate
    assert cache.get(registry, today, registry.customs.true_match_rate) is not kept
