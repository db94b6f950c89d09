"""The welfare queue's and the exports' routes attacked as the others were, on SQLite and
PostgreSQL: a NUL, numbers past any registry number, a far date, text where a number
goes — each a 4xx with a sentence, never a 500."""

from __future__ import annotations

from typing import Any

from tests.web.world import World, with_courtships
from troth.domain.policy import Role

ODD = ["%00", "x%00y", "99999999999999999999", "-1", "2026-13-01", "%E2%80%AE", "a" * 300]


def test_the_queue_and_its_export_answer_any_filter_without_a_500(as_role: Any) -> None:
    reg = as_role(Role.REGISTRAR)
    for value in ODD:
        for name in ("kind", "older_than", "district", "assignee"):
            for path in ("/welfare", "/welfare/export.csv"):
                r = reg.get(f"{path}?{name}={value}")
                assert r.status_code in (200, 400, 422), (path, name, value, r.status_code)


def test_assigning_odd_numbers_or_accounts_is_a_4xx(as_role: Any) -> None:
    reg = as_role(Role.REGISTRAR)
    reg.get("/welfare")
    for fields in ({"only": "99999999999999999999"}, {"only": "2147483647"},
                   {"incident_id": "1\x00"}, {"incident_id": "1", "to": "2147483647"},
                   {"incident_id": "1", "to": "abc"}, {"only": "0"}):
        r = reg.post("/welfare/assign", data={**fields, "csrf_token": reg.csrf})
        assert 400 <= r.status_code < 500, (fields, r.status_code, r.text[:300])


def test_the_exports_answer_odd_filters_with_a_4xx(as_role: Any) -> None:
    reg = as_role(Role.REGISTRAR)
    reg.get("/people")
    for fields in ({"text": "a\x00b"}, {"min_age": "9" * 30}, {"district": "\x00"}):
        r = reg.post("/people/export.csv", data={**fields, "csrf_token": reg.csrf})
        assert r.status_code in (200, 400, 422), (fields, r.status_code)
    for url in ("/corrections/export.csv?state=%00", "/roster/export.csv?week=2026-W99",
                "/roster/export.csv?district=%00"):
        assert reg.get(url).status_code in (200, 400, 404, 422), url


def test_the_api_assigns_as_the_page_does_and_refuses_a_non_registrar(
        as_role: Any, registry: Any, world: World) -> None:
    w = with_courtships(registry, world)
    incident = w.records["A"]["incident"]
    reg = as_role(Role.REGISTRAR)
    r = reg.post("/api/v1/incidents/assignments", json={"incident_ids": [incident]})
    assert r.status_code == 200 and r.json() == {"assigned": 1}, r.text
    again = reg.post("/api/v1/incidents/assignments", json={"incident_ids": [incident]})
    assert again.json() == {"assigned": 0}
    sponsor_account = registry.queries.accounts.account_id(Role.SPONSOR.value)
    r = reg.post("/api/v1/incidents/assignments",
                 json={"incident_ids": [incident], "assignee": sponsor_account})
    assert r.status_code == 409 and r.json()["error"]["rule"] == "assignee_registrar"
    assert reg.post("/api/v1/incidents/assignments",
                    json={"incident_ids": []}).status_code == 422
    r = as_role(Role.GUARDIAN).post("/api/v1/incidents/assignments",
                                    json={"incident_ids": [incident]})
    assert r.status_code == 403
