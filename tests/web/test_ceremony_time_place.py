"""A bonding ceremony's time of day and place (issue #16): given through the API and the
page form, checked (HH:MM, a place that is not blank, no NUL), kept, and shown in words on
the ceremony page, the courtship page and the officiant's dashboard.

On the demo world without today's courtship: Kes proposes Poe to Jannah, who consents in
the pages; the clerk schedules the ceremony with Tekka as the officiant."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.web.demo_site import DemoSite, demo_site, signed_in
from tests.web.world import World
from troth.domain import commands as c
from troth.domain.policy import Role

V1 = "/api/v1"
TODAY = "2026-11-25"


@pytest.fixture
def site(tmp_path: Path, sqlite_template: Path) -> Iterator[DemoSite]:
    with demo_site(tmp_path, sqlite_template, present=False) as s:
        yield s


def _open_courtship(site: DemoSite) -> int:
    with signed_in(site.app, "kes") as kes:
        r = kes.post(f"{V1}/courtships", json={
            "alpha_id": site.ids["poe"], "omega_id": site.ids["jannah"], "on": "2026-11-20"})
        assert r.status_code == 201, r.text
        cid = int(r.json()["id"])
    with signed_in(site.app, "jannah") as jannah:
        jannah.get(f"/do/consent_courtship?courtship_id={cid}")
        r = jannah.post("/do/consent_courtship", data={
            "courtship_id": str(cid), "answer": "yes", "on": "2026-11-21",
            "csrf_token": jannah.csrf})
        assert r.status_code == 303, r.text
    return cid


def _schedule(clerk: Any, cid: int, officiant: int, **extra: str) -> Any:
    clerk.get(f"/do/schedule_ceremony?courtship_id={cid}")
    return clerk.post("/do/schedule_ceremony", data={
        "courtship_id": str(cid), "officiant_id": str(officiant), "witnesses": "Han Solo",
        "on": "2026-12-05", "csrf_token": clerk.csrf, **extra})


def test_a_ceremony_scheduled_in_the_pages_shows_its_time_and_place_in_words(
        site: DemoSite) -> None:
    cid = _open_courtship(site)
    with signed_in(site.app, "clerk") as clerk:
        form = clerk.get(f"/do/schedule_ceremony?courtship_id={cid}").text
        assert 'name="at"' in form and 'name="place"' in form
        r = _schedule(clerk, cid, site.ids["tekka"], at="15:00", place=" Registry hall, Jakku ")
        assert r.status_code == 303, r.text
        page = clerk.get(r.headers["location"])
        assert page.status_code == 200
        assert "5 December 2026, 15:00, Registry hall, Jakku" in page.text
        court = clerk.get(f"/courtships/{cid}").text
        assert "5 December 2026, 15:00, Registry hall, Jakku" in court
    with signed_in(site.app, "tekka") as tekka:
        assert "5 December 2026, 15:00, Registry hall, Jakku" in tekka.get("/").text


def test_a_ceremony_without_time_or_place_reads_as_its_day(site: DemoSite) -> None:
    cid = _open_courtship(site)
    with signed_in(site.app, "clerk") as clerk:
        r = _schedule(clerk, cid, site.ids["tekka"], at="", place="")
        assert r.status_code == 303, r.text
        cer = int(r.headers["location"].rsplit("/", 1)[1])
        html = clerk.get(f"/ceremonies/{cer}").text
        assert '<dd id="ceremony-when">5 December 2026</dd>' in html
        out = clerk.get(f"{V1}/ceremonies/{cer}").json()
        assert out["at"] is None and out["place"] is None


@pytest.mark.parametrize(("at", "place", "message"), [
    ("3pm", "", "HH:MM"), ("24:00", "", "HH:MM"), ("7:5", "", "HH:MM"),
    ("", "x" * 201, "200 characters"), ("", "hall\x00", "")])
def test_a_bad_time_or_place_is_put_beside_its_field(
        site: DemoSite, at: str, place: str, message: str) -> None:
    cid = _open_courtship(site)
    with signed_in(site.app, "clerk") as clerk:
        r = _schedule(clerk, cid, site.ids["tekka"], at=at, place=place)
    # a NUL is turned away before the form (400); the others beside their field (422)
    assert r.status_code == (422 if message else 400) and message in r.text
    assert site.registry.queries.dashboards.ceremonies(courtship_id=cid) == []


def _court(registry: Any, world: World) -> int:
    p = world.people
    court: int = registry.execute(c.ProposeIntroduction(p["ben"], p["rey"], p["leia"],
                                                        date(2026, 11, 1)))
    registry.execute(c.RecordConsent(court, p["rey"], True, date(2026, 11, 2)))
    return court


def test_the_api_takes_and_gives_the_time_and_place(
        registry: Any, world: World, as_role: Any) -> None:
    p = world.people
    clerk = as_role(Role.REGISTRAR)
    court = _court(registry, world)
    r = clerk.post(f"{V1}/courtships/{court}/ceremonies", json={
        "officiant_id": p["lor"], "witnesses": ["Han Solo"], "on": "2026-11-20",
        "at": "09:30", "place": "Registry hall, Jakku"})
    assert r.status_code == 201, r.text
    out = clerk.get(f"{V1}/ceremonies/{r.json()['id']}").json()
    assert (out["at"], out["place"], out["on"]) == ("09:30", "Registry hall, Jakku",
                                                    "2026-11-20")


@pytest.mark.parametrize("extra", [
    {"at": "25:00"}, {"at": "9:30"}, {"at": "09:30:00"}, {"place": ""}, {"place": "   "},
    {"place": "x" * 201}, {"place": "hall\u0000"}, {"at": 930}])
def test_the_api_refuses_a_bad_time_or_place_with_a_4xx(
        registry: Any, world: World, as_role: Any, extra: dict[str, Any]) -> None:
    clerk = as_role(Role.REGISTRAR)
    court = _court(registry, world)
    r = clerk.post(f"{V1}/courtships/{court}/ceremonies", json={
        "officiant_id": world.people["lor"], "witnesses": ["Han Solo"], "on": "2026-11-20",
        **extra})
    assert 400 <= r.status_code < 500, r.text
    assert registry.queries.dashboards.ceremonies(courtship_id=court) == []
