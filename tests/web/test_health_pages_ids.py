"""The health forms judge the record an id names: a pregnancy is not a heat, and another
person's entry is answered exactly as a missing one (nothing says whether it exists)."""

from __future__ import annotations

import re
from typing import Any

from tests.web.client import ApiClient
from tests.web.conftest import SQLITE_ONLY
from tests.web.world import PASSWORD, World, password_hash
from troth.domain import commands as c
from troth.domain.policy import Role


def _rey_signed_in(registry: Any, world: World, anon: ApiClient) -> tuple[ApiClient, str]:
    registry.queries.accounts.create(
        "rey", password_hash(), world.people["rey"], [(Role.PARTY, "")])
    client = ApiClient(anon.portal, anon.app)
    r = client.sign_in("rey", PASSWORD)
    assert r.status_code == 303, r.text
    token = re.search(r'"X-CSRF-Token": "([^"]+)"', client.get("/").text)
    assert token is not None
    return client, token.group(1)


def _refusals(page: str) -> list[str]:
    return re.findall(r'class="(?:refusal|field-error)"[^>]*>([^<]+)<', page)


@SQLITE_ONLY
def test_exclude_heat_refuses_a_pregnancys_id(registry: Any, world: World,
                                              anon: ApiClient) -> None:
    rey = world.people["rey"]
    hid = registry.execute(c.RecordHeat(rey, rey, registry.clock.today()))
    pid = registry.execute(c.RecordPregnancy(rey, rey, heat_id=hid))
    client, csrf = _rey_signed_in(registry, world, anon)
    try:
        r = client.post("/do/exclude_heat", data={"csrf_token": csrf, "person_id": str(rey),
                                                  "heat_id": str(pid), "excluded": "yes",
                                                  "reason": "x"})
        assert r.status_code == 422, r.text
        types = [e.type for e in registry.queries.health.entries(rey)]
        assert types == ["heat", "pregnancy"]
    finally:
        client.close()


@SQLITE_ONLY
def test_correct_heat_answers_anothers_heat_as_it_answers_a_missing_one(
        registry: Any, world: World, anon: ApiClient) -> None:
    rey, jannah = world.people["rey"], world.people["stranger"]
    theirs = registry.execute(c.RecordHeat(jannah, jannah, registry.clock.today()))
    client, csrf = _rey_signed_in(registry, world, anon)
    try:
        pages = []
        for heat_id in (theirs, 999_999):
            r = client.post("/do/correct_heat", data={
                "csrf_token": csrf, "person_id": str(rey), "heat_id": str(heat_id),
                "start": registry.clock.today().isoformat()})
            assert r.status_code == 422, r.text
            pages.append([m.replace(f"#{heat_id}", "#N") for m in _refusals(r.text)])
        assert pages[0] and pages[0] == pages[1], pages
        assert "written by their owner" not in " ".join(pages[0])
    finally:
        client.close()
