"""API tokens (issue 14, item 8): made only from a signed-in session, with an expiry
(chosen up to a maximum), listed, revocable; a token records what it was made from, and
revoking a parent revokes its children."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from tests.conftest import FixedClock
from tests.web.client import ApiClient
from tests.web.world import PASSWORD, World
from troth.domain.policy import Role
from troth.web.auth import MAX_TOKEN_DAYS, TOKEN_DAYS

V1 = "/api/v1"


@pytest.fixture
def officiant(anon: ApiClient, world: World) -> Iterator[ApiClient]:
    """The officiant signed in with the session cookie."""
    client = ApiClient(anon.portal, anon.app)
    r = client.post(f"{V1}/auth/login", json={"username": "officiant", "password": PASSWORD})
    assert r.status_code == 200
    yield client
    client.close()


def _make(client: ApiClient, **body: Any) -> Any:
    return client.post(f"{V1}/auth/tokens", json={"name": "export", **body})


def test_a_token_cannot_make_a_token(officiant: ApiClient, as_role: Any) -> None:
    made = _make(officiant)
    assert made.status_code == 201
    script = officiant.as_token(made.json()["token"])
    r = _make(script)
    assert r.status_code == 403 and r.json()["error"]["rule"] == "token_from_session"
    r = _make(as_role(Role.OFFICIANT))
    assert r.status_code == 403
    listed = officiant.get(f"{V1}/auth/tokens").json()["items"]
    assert [t["id"] for t in listed if t["made_from"] == "token"] == []
    script.close()


def test_a_token_expires_by_default_after_90_days_and_at_most_after_the_maximum(
        officiant: ApiClient, anon: ApiClient, clock: FixedClock) -> None:
    made = _make(officiant).json()
    assert made["expires"].startswith(str(clock.today() + timedelta(days=TOKEN_DAYS)))
    short = _make(officiant, days=1).json()
    assert short["expires"].startswith(str(clock.today() + timedelta(days=1)))
    r = _make(officiant, days=MAX_TOKEN_DAYS + 1)
    assert r.status_code == 422
    for days in (0, -5):
        assert _make(officiant, days=days).status_code == 422
    script = anon.as_token(short["token"])
    assert script.get(f"{V1}/auth/me").status_code == 200
    clock.set(clock.today() + timedelta(days=2))
    assert script.get(f"{V1}/auth/me").status_code == 401
    script.close()


def test_tokens_are_listed_without_their_secret_and_revoked_at_once(
        officiant: ApiClient, anon: ApiClient) -> None:
    a, b = _make(officiant, name="a").json(), _make(officiant, name="b").json()
    listed = officiant.get(f"{V1}/auth/tokens").json()["items"]
    mine = {t["id"]: t for t in listed}
    assert {a["id"], b["id"]} <= set(mine)
    assert mine[a["id"]]["made_from"] == "session" and mine[a["id"]]["revoked"] is None
    assert all("token" not in t for t in listed)
    assert officiant.delete(f"{V1}/auth/tokens/{a['id']}").status_code == 204
    assert anon.as_token(a["token"]).get(f"{V1}/auth/me").status_code == 401
    assert anon.as_token(b["token"]).get(f"{V1}/auth/me").status_code == 200
    listed = {t["id"]: t for t in officiant.get(f"{V1}/auth/tokens").json()["items"]}
    assert listed[a["id"]]["revoked"] is not None


def test_ending_the_session_a_token_was_made_from_revokes_the_token(
        officiant: ApiClient, anon: ApiClient) -> None:
    made = _make(officiant).json()
    script = anon.as_token(made["token"])
    assert script.get(f"{V1}/auth/me").status_code == 200
    assert officiant.post(f"{V1}/auth/logout").status_code == 204
    assert script.get(f"{V1}/auth/me").status_code == 401


def test_revoking_a_parent_token_revokes_its_children(registry: Any, world: World,
                                                      anon: ApiClient) -> None:
    """Tokens made by tokens before this release keep their parent: revoking it ends
    them too."""
    from troth.web.auth import TOKEN_PREFIX, new_token

    store = registry.queries.accounts
    aid = world.accounts[Role.HANDLER]
    parent, parent_hash = new_token(TOKEN_PREFIX)
    child, child_hash = new_token(TOKEN_PREFIX)
    pid = store.create_token(aid, "parent", parent_hash)
    store.create_token(aid, "child", child_hash, parent_token=pid)
    assert anon.as_token(child).get(f"{V1}/auth/me").status_code == 200
    assert store.revoke_token(aid, pid)
    assert anon.as_token(parent).get(f"{V1}/auth/me").status_code == 401
    assert anon.as_token(child).get(f"{V1}/auth/me").status_code == 401
