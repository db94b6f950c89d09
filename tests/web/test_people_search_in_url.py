"""The people search lives in the address (issue 16): the search form uses GET, the page
reads its query, so Back, reload and a bookmark keep it; "6" and "#6" find person 6; a
designation narrows a search only in a POST body, never in the address."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.web.demo_site import DemoSite, demo_site, signed_in
from troth.domain import commands as c


@pytest.fixture
def site(tmp_path: Path, sqlite_template: Path) -> Iterator[DemoSite]:
    with demo_site(tmp_path, sqlite_template, present=False) as s:
        yield s


def _numbers(html: str) -> set[int]:
    return {int(n) for n in re.findall(r'<td data-label="No.">#(\d+)</td>', html)}


def test_the_search_form_uses_get_and_the_page_reads_its_query(site: DemoSite) -> None:
    with signed_in(site.app, "clerk") as clerk:
        page = clerk.get("/people").text
        assert re.search(r'<form id="search"[^>]*method="get" action="/people"', page)
        assert 'hx-push-url="true"' in page
        r = clerk.get("/people", params={"text": "Solo", "alive": "alive"})
        assert r.status_code == 200 and _numbers(r.text) == {site.ids["ben"], site.ids["han"]}
        assert 'value="Solo"' in r.text and '<option value="alive" selected>' in r.text
        assert clerk.get("/people?min_age=abc").status_code == 422


def test_a_registry_number_or_hash_number_finds_that_person(site: DemoSite) -> None:
    rey = site.ids["rey"]
    with signed_in(site.app, "clerk") as clerk:
        for typed in (str(rey), f"#{rey}"):
            assert _numbers(clerk.get("/people", params={"text": typed}).text) == {rey}
        assert "Nobody in the register" in clerk.get("/people?text=%2399999").text


def test_a_designation_never_travels_in_the_address(site: DemoSite) -> None:
    with signed_in(site.app, "clerk") as clerk:
        ignored = clerk.get("/people", params={"text": "Solo", "designation": "beta"})
        assert _numbers(ignored.text) == {site.ids["ben"], site.ids["han"]}
        page = clerk.get("/people?text=Solo").text
        assert re.search(r'<form id="search-private"[^>]*method="post"', page)
        narrowed = clerk.post("/people", data={"text": "Solo", "designation": "alpha",
                                               "csrf_token": clerk.csrf})
        assert _numbers(narrowed.text) == {site.ids["ben"]}
        assert "designation=" not in narrowed.text.replace('name="designation"', "")


def test_pages_of_a_search_are_links_that_keep_its_filters(site: DemoSite) -> None:
    names = ("Abel", "Bram", "Cato", "Dov", "Eli", "Fenn", "Gil", "Hal", "Ivo", "Jory", "Kai",
             "Lev", "Milo", "Nils", "Odo", "Pim", "Quin", "Rolf", "Sten", "Tor", "Ulf")
    for n, name in enumerate(names):
        site.registry.execute(c.RegisterPerson(f"{name} Marsh", date(1990, 1, 1 + n), (), (),
                                               None, "Yavin"))
    with signed_in(site.app, "clerk") as clerk:
        assert "page 1 of 2" in clerk.get("/people?text=Marsh").text
        html = clerk.get("/people?alive=alive").text
        nxt = re.search(r'href="/people\?alive=alive&amp;after=(\d+)&amp;at_page=1"', html)
        assert nxt is not None, "the next page is a link that keeps the filter"
        second = clerk.get(f"/people?alive=alive&after={nxt.group(1)}&at_page=1").text
        assert "page 2 of" in second
        assert re.search(r'href="/people\?alive=alive&amp;before=\d+&amp;at_page=2"', second)
