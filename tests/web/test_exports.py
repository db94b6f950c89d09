"""CSV beside every list: people search results, corrections, statistics (the queue's and
the roster's are tested beside their pages). A header row, ISO dates, the page's own access
check and filters, no health detail and no scent; and a pressured-consent review in no
export but the registry's own queue."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.client import ApiClient, portal
from tests.web.demo_site import DemoSite, demo_site, signed_in
from troth.registry.views import SearchFilter


@pytest.fixture
def site(tmp_path: Path, sqlite_template: Path) -> Iterator[DemoSite]:
    with demo_site(tmp_path, sqlite_template, present=False) as s:
        yield s


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _people(client: ApiClient, **filters: str) -> object:
    client.get("/people")
    return client.post("/people/export.csv", data={**filters, "csrf_token": client.csrf})


def test_people_search_results_export_with_the_pages_filters_and_no_scent(
        site: DemoSite, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("troth.web.pages.exports.BATCH", 5)  # streamed in several reads
    with signed_in(site.app, "clerk") as clerk:
        page = clerk.post("/people", data={"text": "Rey", "csrf_token": clerk.csrf}).text
        assert 'form="people-export"' in page and 'action="/people/export.csv"' in page
        r = _people(clerk, text="Rey")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        rows = _rows(r.text)
        assert rows[0] == ["registry_number", "legal_name", "other_names", "designation",
                           "born", "died", "age", "district"]
        rey = next(x for x in rows[1:] if x[0] == str(site.ids["rey"]))
        assert rey[1:5] == ["Rey", "", "omega", "2007-03-01"] and rey[7] == "Jakku"
        assert "canvas" not in r.text  # her scent's notes
        everyone = _rows(_people(clerk).text)
        total = site.registry.queries.people.search(SearchFilter(),
                                                    site.registry.clock.today()).total
        assert len(everyone) - 1 == total > 10  # every page, not the first
        assert len({x[0] for x in everyone[1:]}) == total
        bad = _people(clerk, min_age="old")
        assert bad.status_code == 422 and "whole years" in bad.text
    with signed_in(site.app, "rey") as rey_client:
        assert _people(rey_client, text="Rey").status_code == 403


def test_corrections_and_statistics_export_as_their_pages_allow(site: DemoSite) -> None:
    with signed_in(site.app, "clerk") as clerk:
        r = clerk.get("/corrections/export.csv?state=approved")
        assert r.status_code == 200
        assert _rows(r.text)[0][:4] == ["correction", "person", "person_name", "fact"]
        assert clerk.get("/corrections/export.csv?state=lost").status_code == 422
        assert 'href="/corrections/export.csv?state=pending"' in clerk.get("/corrections").text
    with signed_in(site.app, "leia") as leia:
        assert leia.get("/corrections/export.csv").status_code == 403
        stats = leia.get("/stats/export.csv")
        assert stats.status_code == 200
        rows = _rows(stats.text)
        assert rows[0] == ["table", "series", "label", "count"]
        assert {x[0] for x in rows[1:]} >= {"Living population by age and designation",
                                            "How long open incidents have waited"}
        assert all(x[3].isdigit() for x in rows[1:])


def test_a_pressured_review_is_in_the_registrys_own_export_and_no_one_elses(
        site: DemoSite) -> None:
    with signed_in(site.app, "kes") as kes:
        r = kes.post("/api/v1/courtships", json={
            "alpha_id": site.ids["poe"], "omega_id": site.ids["jannah"], "on": "2026-11-20"})
        assert r.status_code == 201, r.text
        cid = r.json()["id"]
    with signed_in(site.app, "jannah") as jannah:
        jannah.get(f"/do/consent_courtship?courtship_id={cid}")
        r = jannah.post("/do/consent_courtship", data={
            "courtship_id": str(cid), "answer": "pressured", "on": "2026-11-25",
            "csrf_token": jannah.csrf})
        assert r.status_code == 303, r.text
    with signed_in(site.app, "clerk") as clerk:
        queue = clerk.get("/welfare/export.csv").text
        assert "pressured_consent" in queue and "pressured" not in queue.split("\n")[0]
        assert "being pressured" not in queue  # the review's words stay on its page
        assert "pressured" not in clerk.get("/stats/export.csv").text
    for user in ("jannah", "poe", "maz", "kes"):
        with signed_in(site.app, user) as other:
            assert other.get("/welfare/export.csv").status_code == 403
            assert "pressured" not in other.get("/stats/export.csv").text
            assert _people(other).status_code == 403


def test_a_stranger_is_sent_to_sign_in_and_a_cell_is_never_a_formula(site: DemoSite) -> None:
    from troth.web.pages.export import cell

    with portal() as p:
        anon = ApiClient(p, site.app)
        for url in ("/welfare/export.csv", "/stats/export.csv", "/corrections/export.csv"):
            r = anon.get(url)
            assert r.status_code == 303 and r.headers["location"].startswith("/login")
        anon.close()
    assert [cell(v) for v in ("=SUM(A1)", "+1", "@x", "plain", None, True)] == [
        "'=SUM(A1)", "'+1", "'@x", "plain", "", "yes"]
