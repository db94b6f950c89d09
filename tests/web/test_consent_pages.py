"""Neutral consent: two pages (the courtship, the bonding), nothing preselected, each in
plain words; and "I am being pressured", which records no consent and opens a welfare
review that the registry sees and the other party, the guardian and the sponsor do not.

On the demo world without today's courtship: Kes proposes Poe to Jannah (her guardian is
Maz) here, through the API, as the sponsor would."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.client import ApiClient
from tests.web.demo_site import DemoSite, demo_site, signed_in

TODAY = "2026-11-25"
RADIO = re.compile(r'<input type="radio"[^>]*>')


@pytest.fixture
def site(tmp_path: Path, sqlite_template: Path) -> Iterator[DemoSite]:
    with demo_site(tmp_path, sqlite_template, present=False) as s:
        yield s


def _propose(site: DemoSite) -> int:
    with signed_in(site.app, "kes") as kes:
        r = kes.post("/api/v1/courtships", json={
            "alpha_id": site.ids["poe"], "omega_id": site.ids["jannah"], "on": "2026-11-20"})
        assert r.status_code == 201, r.text
        return int(r.json()["id"])


def _answer(client: ApiClient, form: str, courtship: int, answer: str) -> Any:
    client.get(f"/do/{form}?courtship_id={courtship}")  # the page's own csrf_token
    return client.post(f"/do/{form}", data={"courtship_id": str(courtship), "answer": answer,
                                            "on": TODAY, "csrf_token": client.csrf})


def _reviews(site: DemoSite) -> list[dict[str, Any]]:
    return [i for i in site.registry.queries.courtships.welfare_queue()
            if i["kind"] == "pressured_consent"]


def test_each_consent_is_its_own_page_in_plain_words_with_nothing_preselected(
        site: DemoSite) -> None:
    cid = _propose(site)
    with signed_in(site.app, "jannah") as jannah:
        for form, stage in (("consent_courtship", "courtship"), ("consent_bonding", "bonding")):
            html = jannah.get(f"/do/{form}?courtship_id={cid}").text
            radios = RADIO.findall(html)
            assert len(radios) == 3 and not any("checked" in r for r in radios), radios
            assert f"I consent to the {stage}" in html
            assert "You may refuse" in html and "withdraw" in html
            assert "I am being pressured" in html and "not told" in html
            assert 'name="csrf_token"' in html and "<select" not in html
        assert jannah.get(f"/do/record_consent?courtship_id={cid}").status_code == 404


def test_an_answer_left_unchosen_is_asked_for_and_nothing_is_recorded(site: DemoSite) -> None:
    cid = _propose(site)
    with signed_in(site.app, "jannah") as jannah:
        r = _answer(jannah, "consent_courtship", cid, "")
    assert r.status_code == 422 and "Choose one of the answers" in r.text
    assert site.registry.queries.courtships.courtship(cid).consents == []


def test_after_consenting_to_the_courtship_no_bonding_consent_is_asked_before_a_ceremony(
        site: DemoSite) -> None:
    cid = _propose(site)
    with signed_in(site.app, "jannah") as jannah:
        r = _answer(jannah, "consent_courtship", cid, "yes")
        assert r.status_code == 303 and r.headers["location"] == f"/courtships/{cid}"
        page = jannah.get(f"/courtships/{cid}").text
    assert "Your consent to the courtship is recorded" in page
    assert "consent_bonding" not in page and "consent_courtship" not in page


def test_pressured_records_no_consent_and_opens_a_review_only_the_registry_sees(
        site: DemoSite) -> None:
    cid, jannah_id = _propose(site), site.ids["jannah"]
    with signed_in(site.app, "jannah") as jannah:
        r = _answer(jannah, "consent_courtship", cid, "pressured")
        assert r.status_code == 303 and r.headers["location"] == "/"
        assert "Nothing was recorded as your answer" in jannah.get("/").text
    court = site.registry.queries.courtships.courtship(cid)
    assert court.consents == [] and court.status.value == "proposed"
    (review,) = _reviews(site)
    assert review["opens_review"] and review["reported_by"] == review["about_id"] == jannah_id
    with signed_in(site.app, "clerk") as clerk:
        dashboard = clerk.get("/").text
        assert f'href="/incidents/{review["id"]}"' in dashboard
        assert "confidential review: the registry alone" in dashboard
        incident = clerk.get(f"/incidents/{review['id']}").text
        assert "pressured" in incident and "it is decided" in incident
        assert "Close with an outcome" not in incident  # a review is decided, never closed
    _unseen_by_others(site, cid, review["id"])


def test_pressured_through_the_api_on_the_bonding_consent_records_nothing_either(
        site: DemoSite) -> None:
    cid = _propose(site)
    url = f"/api/v1/courtships/{cid}/consents"
    with signed_in(site.app, "jannah") as jannah:
        assert jannah.post(url, json={"given": True, "on": TODAY}).status_code == 201
        both = {"given": True, "on": TODAY, "stage": "bonding", "pressured": True}
        assert jannah.post(url, json=both).status_code == 422
        r = jannah.post(url, json={**both, "given": False})
    assert r.status_code == 201 and r.json()["id"] == cid
    court = site.registry.queries.courtships.courtship(cid)
    assert [(x.stage, x.given) for x in court.consents] == [("courtship", True)]
    (review,) = _reviews(site)
    assert "bonding" in review["description"]
    _unseen_by_others(site, cid, review["id"])


def _unseen_by_others(site: DemoSite, cid: int, incident: int) -> None:
    """Poe (the other party), Maz (her guardian) and Kes (the sponsor): on no page and in no
    answer of the API they may reach is the review, or the word, to be found."""
    jannah = site.ids["jannah"]
    guardianship = site.ids["maz_order"]
    pages = ["/", f"/courtships/{cid}", f"/people/{jannah}", f"/guardianships/{guardianship}",
             "/stats", f"/incidents/{incident}"]
    apis = [f"/api/v1/courtships/{cid}", "/api/v1/courtships/mine",
            f"/api/v1/people/{jannah}", f"/api/v1/people/{jannah}/history",
            f"/api/v1/incidents/{incident}", "/api/v1/incidents"]
    for username in ("poe", "maz", "kes"):
        with signed_in(site.app, username) as other:
            for url in pages + apis:
                r = other.get(url)
                assert r.status_code < 500, (username, url)
                text = r.text.lower()
                assert "pressur" not in text, (username, url)
                assert f"/incidents/{incident}\"" not in text or url.endswith(str(incident))
            assert other.get(f"/incidents/{incident}").status_code == 404
            assert other.get(f"/api/v1/incidents/{incident}").status_code == 404
