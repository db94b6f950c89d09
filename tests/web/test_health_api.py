"""Health records over the API: only the owner, the physician she chose and a partner she
shares with; revocation holds on the next request; a canary in a heat note reaches no one
else — not a response, not the access log, not the server log."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.store_access import reader
from tests.web.client import ApiClient
from tests.web.world import World, password_hash
from troth.domain.policy import Role
from troth.web.auth import TOKEN_PREFIX, new_token

HEAT_CANARY = "CANARY-heat-note-91c2e7"


@pytest.fixture
def rey(registry: Any, world: World, anon: ApiClient) -> ApiClient:
    """A client signed in as Rey herself (a party)."""
    store = registry.queries.accounts
    aid = store.create("rey", password_hash(), world.people["rey"], [(Role.PARTY, "")])
    token, digest = new_token(TOKEN_PREFIX)
    store.create_token(aid, "tests", digest)
    return anon.as_token(token)


def test_the_owner_records_and_reads_and_others_get_404(rey, as_role, world, registry,
                                                         caplog) -> None:
    caplog.set_level(logging.DEBUG)
    rid = world.people["rey"]
    r = rey.post(f"/api/v1/people/{rid}/heats",
                 json={"start": "2026-08-20", "end": "2026-08-24", "notes": HEAT_CANARY})
    assert r.status_code == 201, r.text
    mine = rey.get(f"/api/v1/people/{rid}/health").json()
    assert mine["heats"][0]["notes"] == HEAT_CANARY
    seen = []
    for role in Role:
        client = as_role(role)
        for url in (f"/api/v1/people/{rid}/health", f"/api/v1/people/{rid}/health/forecast",
                    f"/api/v1/people/{rid}", f"/api/v1/people/{rid}/history"):
            resp = client.get(url)
            seen.append(resp.text)
            if "health" in url:
                assert resp.status_code == 404, (role, url)
                assert resp.json()["error"]["code"]
        post = client.post(f"/api/v1/people/{rid}/heats", json={"start": "2026-09-20"})
        assert post.status_code == 404, role
    log = as_role(Role.REGISTRAR).get("/api/v1/access-log", params={"per_page": 500})
    assert HEAT_CANARY not in " ".join(seen) + log.text + caplog.text
    with reader(registry) as conn:
        ledger = " ".join(r[0] for r in conn.exec_driver_sql("SELECT data FROM ledger"))
    assert HEAT_CANARY not in ledger


def test_a_chosen_physician_writes_a_partner_reads_and_revocation_is_immediate(
        rey, as_role, world) -> None:
    rid, doc, ben = world.people["rey"], world.people["kalonia"], world.people["ben"]
    assert rey.post(f"/api/v1/people/{rid}/health/shares",
                    json={"grantee_id": doc, "role": "physician"}).status_code == 201
    assert rey.post(f"/api/v1/people/{rid}/health/shares",
                    json={"grantee_id": ben, "role": "partner"}).status_code == 201
    physician, partner = as_role(Role.PHYSICIAN), as_role(Role.PARTY)
    assert physician.post(f"/api/v1/people/{rid}/heats",
                          json={"start": "2026-08-20"}).status_code == 201
    assert partner.get(f"/api/v1/people/{rid}/health").json()["heats"][0]["start"] == (
        "2026-08-20")
    assert partner.get(f"/api/v1/people/{rid}/health").json()["shares"] == []
    assert partner.post(f"/api/v1/people/{rid}/heats",
                        json={"start": "2026-09-20"}).status_code == 404
    assert rey.get(f"/api/v1/people/{rid}/health/forecast").json()["state"]
    assert rey.delete(f"/api/v1/people/{rid}/health/shares/{ben}").status_code == 201
    assert partner.get(f"/api/v1/people/{rid}/health").status_code == 404


def test_bad_health_input_is_a_clear_422_and_writes_nothing(rey, world, registry) -> None:
    rid = world.people["rey"]
    before = registry.queries.people.checkpoint()
    for body in ({"start": "2026-08-20", "temperature": 50},
                 {"start": "2026-08-20", "end": "2026-08-01"},
                 {"start": "not a date"}, {"start": "2026-08-20", "extra": 1}):
        r = rey.post(f"/api/v1/people/{rid}/heats", json=body)
        assert r.status_code == 422, (body, r.text)
        assert r.json()["error"]["message"]
    assert registry.queries.people.checkpoint() == before
