"""People chosen by name (issue 16): the suggestions a person field offers, per kind of
field and never beyond what the account may know; "Rey (#2)", "#2" and "2" all mean
person 2; a name sent without a choice means its one bearer, or a 422 that says why not.

On the demo world (tests/web/demo_site.py), signed in through the sign-in page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.web.client import ApiClient
from tests.web.demo_site import DemoSite, demo_site, signed_in
from troth.domain import commands as c
from troth.web.pages.forms import Field, people_parts, person_number
from troth.web.pages.forms_people import APPOINT


@pytest.fixture
def site(tmp_path: Path, sqlite_template: Path) -> Iterator[DemoSite]:
    with demo_site(tmp_path, sqlite_template, present=True) as s:
        yield s


def _ids(answer: Any) -> set[int]:
    return {r["id"] for r in answer["results"]}


def _suggest(client: ApiClient, field_kind: str, form: str, q: str, **more: str) -> Any:
    r = client.get(f"/suggest/{field_kind}", params={"form": form, "q": q, **more})
    assert r.status_code == 200, r.text
    return r.json()


def test_a_typed_number_a_hash_number_and_a_chosen_label_all_name_the_same_person() -> None:
    for typed in ("2", "#2", " # 2 ", "Rey (#2)", "Rey (Jakku) (#2)"):
        assert person_number(typed) == 2, typed
    for typed in ("Rey", "2 Rey", "#", "Rey (#2) and more", "(#0)"):
        assert person_number(typed) is None, typed
    assert people_parts("12 15, Ada Wren (#3); Tobias") == ["12", "15", "Ada Wren (#3)",
                                                             "Tobias"]


def test_every_person_field_of_every_form_suggests_a_known_kind() -> None:
    from troth.web.pages.actions import FORMS
    from troth.web.pages.choose import KINDS

    fields: list[Field] = [f for form in FORMS.values() for f in form.fields if f.suggests]
    assert len(fields) >= 15 and {f.suggests for f in fields} <= set(KINDS)
    assert {f.name: f.suggests for f in APPOINT.fields if f.suggests} == {
        "ward_id": "omega", "guardian_id": "guardian"}


def test_a_handler_field_lists_the_offices_handlers_and_no_one_else(site: DemoSite) -> None:
    ids = site.ids
    with signed_in(site.app, "kes") as kes:  # a sponsor schedules Visits of his courtship
        answer = _suggest(kes, "handler", "schedule_visit", "a")  # one letter: help, no one
        assert answer["results"] == [] and "at least 2 letters" in answer["message"]
        answer = _suggest(kes, "handler", "schedule_visit", "ad")
        assert _ids(answer) == {ids["ada"]}
        first = answer["results"][0]
        assert first["label"] == f"Ada Wren (#{ids['ada']})" and first["detail"] == "handler"
        assert _ids(_suggest(kes, "handler", "schedule_visit", f"#{ids['tobias']}")) == {
            ids["tobias"]}
        assert _suggest(kes, "handler", "schedule_visit", str(ids["rey"]))["results"] == []
        assert _suggest(kes, "handler", "schedule_visit", "Rey")["results"] == []


def test_a_handler_at_another_visit_then_is_not_suggested_for_that_time(
        site: DemoSite) -> None:
    visit = max(v.starts_at for v in site.registry.queries.dashboards.visits_of_handler(
        site.ids["ada"], *_year(site)))
    with signed_in(site.app, "clerk") as clerk:
        busy = _suggest(clerk, "handler", "schedule_visit", "a W", starts_at=visit.isoformat(),
                        kind="walk")
        assert busy["results"] == [] and "free at that time" in busy["message"]
        free = _suggest(clerk, "handler", "schedule_visit", "a W",
                        starts_at=visit.replace(hour=6).isoformat(), kind="walk")
        assert _ids(free) == {site.ids["ada"]}


def _year(site: DemoSite) -> tuple[Any, Any]:
    from datetime import datetime, timedelta

    today = datetime.combine(site.registry.clock.today(), datetime.min.time())
    return today, today + timedelta(days=30)


def test_a_guardian_field_lists_living_adults_not_under_guardianship(site: DemoSite) -> None:
    ids = site.ids
    with signed_in(site.app, "clerk") as clerk:
        maz = _suggest(clerk, "guardian", "appoint_guardian", "maz")
        assert _ids(maz) == {ids["maz"]} and "born 1961" in maz["results"][0]["detail"]
        # Jannah is Maz's ward: an Omega under guardianship guards no one
        assert _suggest(clerk, "guardian", "appoint_guardian", "Jannah")["results"] == []
        assert _ids(_suggest(clerk, "omega", "appoint_guardian", "Jannah")) == {ids["jannah"]}
        assert _ids(_suggest(clerk, "officiant", "schedule_ceremony", "tek")) == {ids["tekka"]}
        assert _suggest(clerk, "officiant", "schedule_ceremony", "Rey")["results"] == []
        assert _ids(_suggest(clerk, "alpha", "propose_introduction", "Solo")) == {ids["ben"]}


def test_a_parent_field_lists_living_adults_only(site: DemoSite) -> None:
    reg, ids = site.registry, site.ids
    young = reg.execute(c.RegisterPerson("Wren Ostrava", date(2015, 3, 3), (), (), None, ""))
    reg.execute(c.RecordDeath(ids["han"], date(2026, 1, 1)))
    with signed_in(site.app, "clerk") as clerk:
        assert _suggest(clerk, "parent", "register_birth", "Wren Ost")["results"] == []
        assert _suggest(clerk, "person", "record_death", "Wren Ost")["results"] != []
        solos = _suggest(clerk, "parent", "register_birth", "Solo")
        assert _ids(solos) == {ids["ben"]} and young not in _ids(solos)
        everyone = _suggest(clerk, "person", "request_correction", "Han Solo")["results"]
        assert everyone[0]["id"] == ids["han"] and "deceased" in everyone[0]["detail"]


def test_a_stranger_gets_no_suggestion_it_may_not_see(site: DemoSite) -> None:
    ids = site.ids
    with signed_in(site.app, "ada") as ada:  # a handler: not the registrar's forms
        r = ada.get("/suggest/guardian", params={"form": "appoint_guardian", "q": "Maz"})
        assert r.status_code == 403 and "Maz" not in r.text
        # her own report's "incident concerns": only people she may read — herself
        about = _suggest(ada, "person", "report_visit", "a")
        assert about["results"] == []
        assert _ids(_suggest(ada, "person", "report_visit", "Poe")) == set()
        assert _ids(_suggest(ada, "person", "report_visit", str(ids["poe"]))) == set()
        assert _ids(_suggest(ada, "person", "report_visit", "Ada")) == {ids["ada"]}
    with signed_in(site.app, "maz") as maz:  # a guardian: her ward, never the ward's kin
        assert _ids(_suggest(maz, "person", "report_incident", "Jan")) == {ids["jannah"]}
        assert _suggest(maz, "person", "report_incident", "Rey")["results"] == []
    with signed_in(site.app, "rey") as rey:  # her share: her physician, her bonded partner
        shares = _suggest(rey, "share", "share_health", "Kal")
        assert _ids(shares) == {ids["kalonia"]} and "physician" in shares["results"][0]["detail"]
        assert _ids(_suggest(rey, "share", "share_health", "Ben")) == {ids["ben"]}
        assert _suggest(rey, "share", "share_health", "Jannah")["results"] == []


def test_a_kind_the_form_does_not_ask_for_or_an_unknown_form_is_a_4xx(site: DemoSite) -> None:
    with signed_in(site.app, "clerk") as clerk:
        assert clerk.get("/suggest/handler?form=appoint_guardian&q=Ada").status_code == 422
        assert clerk.get("/suggest/person?form=nothing&q=Ada").status_code == 404
        assert clerk.get("/suggest/person?form=record_death&q=" + "x" * 101).status_code == 422


def _appoint(client: ApiClient, ward: str, guardian: str) -> Any:
    client.get("/do/appoint_guardian")
    return client.post("/do/appoint_guardian", data={
        "ward_id": ward, "guardian_id": guardian, "court": "Jakku Court", "order_ref": "JC-1",
        "start": "2026-11-25", "csrf_token": client.csrf})


def test_a_name_with_two_bearers_is_refused_with_a_message_naming_what_was_typed(
        site: DemoSite) -> None:
    reg = site.registry
    for born in (date(1980, 1, 1), date(1981, 2, 2)):
        reg.execute(c.RegisterPerson("Corin Vale", born, (), (), None, "Jakku"))
    ward = reg.execute(c.RegisterPerson("Sela", date(2009, 5, 5), (), (), None, "Jakku"))
    reg.execute(c.RecordPresentation(ward, "omega", date(2023, 6, 1)))
    with signed_in(site.app, "clerk") as clerk:
        r = _appoint(clerk, f"Sela (#{ward})", "Corin Vale")
        assert r.status_code == 422
        assert ("2 people are named Corin Vale: choose one from the list or give the registry"
                " number.") in r.text
        assert 'value="Corin Vale"' in r.text  # what was typed stays in the field
        r = _appoint(clerk, "Sela", "Nobody Atall")
        assert r.status_code == 422 and "named Nobody Atall" in r.text
        r = _appoint(clerk, "Sela", "Maz Kanata")  # one bearer: her number is meant
        assert r.status_code == 303, r.text
    guardianship = reg.queries.people.guardian_of(ward, date(2026, 11, 25))
    assert guardianship is not None and guardianship.guardian_id == site.ids["maz"]


def test_a_name_sent_by_an_account_that_may_not_see_its_bearer_means_no_one(
        site: DemoSite) -> None:
    with signed_in(site.app, "maz") as maz:
        maz.get("/do/report_incident")
        r = maz.post("/do/report_incident", data={
            "kind": "neglect_concern", "description": "x", "on": "2026-11-25",
            "about_id": "Rey", "csrf_token": maz.csrf})
        assert r.status_code == 422 and "No one among the people you may choose" in r.text


def test_person_fields_carry_the_combobox_and_no_lookup_by_number(site: DemoSite) -> None:
    with signed_in(site.app, "clerk") as clerk:
        html = clerk.get("/do/schedule_visit?courtship_id=1").text
        assert 'data-suggest="/suggest/handler?form=schedule_visit"' in html
        assert 'data-multiple="true"' in html and 'role="listbox"' in html
        assert 'data-suggest-with="starts_at kind"' in html


def test_odd_text_in_a_person_field_is_a_4xx_never_a_500(site: DemoSite) -> None:
    with signed_in(site.app, "clerk") as clerk:
        for typed in ("Ma\x00z", "x" * 500, "(#)", "Rey (#99999999999999999999)", "ü"):
            r = _appoint(clerk, str(site.ids["jannah"]), typed)
            assert 400 <= r.status_code < 500, (typed, r.status_code)
        r = clerk.get("/suggest/person", params={"form": "record_death", "q": "Re\x00y"})
        assert 400 <= r.status_code < 500
        r = clerk.get("/suggest/handler", params={"form": "schedule_visit", "q": "Ada",
                                                   "starts_at": "soon", "kind": "x" * 50})
        assert r.status_code == 200
