"""The search page and API page through everyone after the last (name, id) shown (issue
17): the pager's buttons carry the cursor, each person is listed once, the count is capped."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

from tests.web.world import World
from troth.domain import commands as c
from troth.domain.policy import Role

V1 = "/api/v1"


def _rows(html: str) -> list[int]:
    return [int(x) for x in re.findall(r'<td data-label="No.">#(\d+)</td>', html)]


def test_the_page_pager_walks_every_person_once_forward_and_back(
        as_role: Any, world: World, registry: Any) -> None:
    reg = as_role(Role.REGISTRAR)
    with registry.bulk() as bulk:  # three pages of 20 and a bit, some names alike
        for i in range(45):
            bulk.execute(c.RegisterPerson(f"Pagination Person {i % 30:02d}", date(1990, 1, 1)))
        bulk.commit()

    r = reg.get("/people", params={"text": "pagination"})  # the search lives in the address
    assert r.status_code == 200
    pages, seen = [_rows(r.text)], _rows(r.text)
    assert "Previous page" not in r.text and "people found; page 1 of" in r.text
    while (m := re.search(r'href="(/people\?[^"]*after=\d+[^"]*)"', r.text)):
        r = reg.get(html.unescape(m.group(1)))
        assert r.status_code == 200 and "Previous page" in r.text
        pages.append(_rows(r.text))
        seen += pages[-1]
    assert len(seen) == len(set(seen)) == 45 and len(pages) == 3
    m = re.search(r'href="(/people\?[^"]*before=\d+[^"]*)"', r.text)
    assert m is not None
    back = reg.get(html.unescape(m.group(1)))
    assert _rows(back.text) == pages[-2] and "page 2 of" in back.text
    # narrowed by designation (sent privately, by POST), the pager's buttons post the cursor
    r = reg.post("/people", data={"text": "pagination", "designation": "", "page": "1"})
    assert r.status_code == 200


def test_the_api_gives_cursors_and_a_stale_one_is_a_4xx(as_role: Any, world: World) -> None:
    reg = as_role(Role.REGISTRAR)
    first = reg.post(f"{V1}/people/search", json={"per_page": 4}).json()
    assert first["more"] is False and first["prev_before"] is None
    second = reg.post(f"{V1}/people/search",
                      json={"per_page": 4, "page": 2, "after": first["next_after"]}).json()
    assert second["prev_before"] == second["items"][0]["id"]
    ids = [p["id"] for p in first["items"] + second["items"]]
    assert len(set(ids)) == 8
    again = reg.post(f"{V1}/people/search",
                     json={"per_page": 4, "before": second["prev_before"]}).json()
    assert [p["id"] for p in again["items"]] == [p["id"] for p in first["items"]]
    r = reg.post(f"{V1}/people/search", json={"after": 2_000_000})
    assert r.status_code == 404 and "continue the list" in r.text
    r = reg.post(f"{V1}/people/search", json={"text": f"#{world.people['rey']}"}).json()
    assert [p["legal_name"] for p in r["items"]] == ["Rey"]
