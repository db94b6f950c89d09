"""The welfare queue's and the exports' routes attacked as the others were, on SQLite and
PostgreSQL: a NUL, numbers past any registry number, a far date, text where a number
goes — each a 4xx with a sentence, never a 500."""

from __future__ import annotations

from typing import Any

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
