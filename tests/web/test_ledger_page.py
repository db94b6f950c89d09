"""The /ledger page's deep check: the registrar replays the ledger and sees every row that
differs from it, named; nobody else may run it (ledger.read). On SQLite and PostgreSQL."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text

from tests.store_access import reader, writer
from tests.web.client import ApiClient
from tests.web.conftest import SQLITE_ONLY
from tests.web.world import PASSWORD
from troth.domain.policy import Role


def _signed_in(anon: ApiClient, role: Role) -> tuple[ApiClient, str]:
    client = ApiClient(anon.portal, anon.app)
    r = client.sign_in(role.value, PASSWORD)
    assert r.status_code == 303, r.text
    token = re.search(r'"X-CSRF-Token": "([^"]+)"', client.get("/").text)
    assert token is not None
    return client, token.group(1)


def _deep(anon: ApiClient, role: Role) -> Any:
    client, csrf = _signed_in(anon, role)
    try:
        return client.post("/ledger/deep", data={"csrf_token": csrf})
    finally:
        client.close()


def test_the_registrar_runs_the_deep_check_and_sees_the_tables_agree(
        anon: ApiClient, world: Any) -> None:
    r = _deep(anon, Role.REGISTRAR)
    assert r.status_code == 200
    assert "The tables are as the ledger says" in r.text and "sessions" in r.text


def test_a_name_changed_behind_the_registrys_back_is_named_on_the_page(
        registry: Any, anon: ApiClient, world: Any) -> None:
    with reader(registry) as conn:
        pid = conn.execute(text("SELECT min(id) FROM people")).scalar_one()
    with writer(registry) as conn:
        conn.execute(text(f"UPDATE people SET legal_name = 'Tampered Name' WHERE id = {pid}"))
    r = _deep(anon, Role.REGISTRAR)
    assert r.status_code == 200
    assert "The tables differ from the ledger" in r.text
    assert f"people/{pid}/legal_name" in r.text and "Tampered Name" in r.text


@SQLITE_ONLY
def test_no_one_but_the_registrar_runs_the_deep_check(anon: ApiClient, world: Any) -> None:
    for role in (r for r in Role if r is not Role.REGISTRAR):
        r = _deep(anon, role)
        assert (role, r.status_code) in ((role, 403), (role, 404))
        assert "deep-result" not in r.text or "ledger says" not in r.text
