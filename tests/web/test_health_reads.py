"""Who read my record (issue 14): every use of a health record is logged with the page or
endpoint it came from — the route's template, never the URL — and the owner alone lists
them, over the API; anyone else gets the 404 of a hidden record."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.client import ApiClient
from tests.web.test_health_api import rey  # noqa: F401  (a fixture: Rey signed in)
from tests.web.world import PASSWORD, World, password_hash
from troth.domain.policy import Role

QUERY_CANARY = "CANARY-query-5f1d"


def test_a_page_read_of_her_health_record_is_logged_with_the_pages_route_template(
        registry: Any, world: World, anon: ApiClient) -> None:
    rid = world.people["rey"]
    registry.queries.accounts.create("rey", password_hash(), rid, [(Role.PARTY, "")])
    client = ApiClient(anon.portal, anon.app)
    try:
        assert client.sign_in("rey", PASSWORD).status_code == 303
        r = client.get(f"/people/{rid}/health", params={"q": QUERY_CANARY})
        assert r.status_code == 200, r.text
    finally:
        client.close()
    [entry] = registry.queries.accounts.reads_of(rid)
    assert (entry.action, entry.allowed) == ("health.read", True)
    assert entry.source == "page GET /people/{person_id}/health"
    assert QUERY_CANARY not in entry.source and str(rid) not in entry.source


def test_the_owner_lists_who_read_her_record_and_from_where(
        rey: ApiClient, as_role: Any, world: World) -> None:  # noqa: F811
    rid, doc = world.people["rey"], world.people["kalonia"]
    assert rey.post(f"/api/v1/people/{rid}/health/shares",
                    json={"grantee_id": doc, "role": "physician"}).status_code == 201
    physician = as_role(Role.PHYSICIAN)
    assert physician.get(f"/api/v1/people/{rid}/health/forecast").status_code == 200
    r = rey.get(f"/api/v1/people/{rid}/health/reads")
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    read = next(i for i in items if i["action"] == "health.read")
    assert read["source"] == "api GET /api/v1/people/{person_id}/health/forecast"
    assert read["account_id"] == world.accounts[Role.PHYSICIAN] and read["allowed"]
    assert read["at"]
    share = next(i for i in items if i["action"] == "health.share")
    assert share["source"] == "api POST /api/v1/people/{person_id}/health/shares"


@pytest.mark.parametrize("role", list(Role))
def test_no_one_but_the_owner_lists_who_read_her_record(
        rey: ApiClient, as_role: Any, world: World, role: Role) -> None:  # noqa: F811
    rid, doc = world.people["rey"], world.people["kalonia"]
    rey.post(f"/api/v1/people/{rid}/health/shares", json={"grantee_id": doc,
                                                          "role": "physician"})
    r = as_role(role).get(f"/api/v1/people/{rid}/health/reads")
    assert r.status_code == 404, (role, r.text)
    assert r.json()["error"]["rule"] == "deny:health.reads"
