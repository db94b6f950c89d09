"""Working the welfare queue from the pages, over real HTTP on the demo world: assign to a
registrar (one, or the selected ones at once), "assigned to me", filters in the URL (kind,
age, district), a decision with its outcome, the queue as CSV; and none of it for anyone
but the registrar."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.client import ApiClient
from tests.web.demo_site import DemoSite, demo_site, signed_in
from troth.registry.views import QueueFilter

ROW = re.compile(r'<a href="/incidents/(\d+)">#\d+</a>')


@pytest.fixture
def site(tmp_path: Path, sqlite_template: Path) -> Iterator[DemoSite]:
    with demo_site(tmp_path, sqlite_template, present=True) as s:
        yield s


def _queue(site: DemoSite) -> list[Any]:
    return site.registry.queries.welfare.queue(QueueFilter(), site.registry.clock.today())


def _shown(client: ApiClient, query: str = "") -> list[int]:
    r = client.get("/welfare" + query)
    assert r.status_code == 200, r.text
    return [int(i) for i in ROW.findall(r.text)]


def _assign(client: ApiClient, **fields: Any) -> Any:
    client.get("/welfare")
    return client.post("/welfare/assign", data={**fields, "csrf_token": client.csrf})


def _ledger_kinds(site: DemoSite) -> list[str]:
    return [e.kind for e in site.registry.queries.people.ledger_entries()]


def test_a_registrar_assigns_an_incident_to_herself_and_finds_it_under_assigned_to_me(
        site: DemoSite) -> None:
    queue = _queue(site)
    assert len(queue) >= 3 and all(i.assignee is None for i in queue)
    first = queue[0].id
    with signed_in(site.app, "clerk") as clerk:
        assert _shown(clerk) == [i.id for i in queue]
        assert _shown(clerk, "?assignee=me") == []
        r = _assign(clerk, only=str(first), kind="", assignee="")
        assert r.status_code == 303 and r.headers["location"] == "/welfare"
        assert _shown(clerk, "?assignee=me") == [first]
        assert "<dt>Assigned to</dt><dd>clerk, " in clerk.get(f"/incidents/{first}").text
        assert first not in _shown(clerk, "?assignee=none")
        assert "1 assigned to you" in clerk.get("/").text
    assert _ledger_kinds(site).count("welfare_review_assigned") == 1
    assert [i.assignee_name for i in _queue(site) if i.id == first] == ["clerk"]


def test_the_selected_incidents_are_assigned_at_once_and_an_unknown_one_refuses_them_all(
        site: DemoSite) -> None:
    ids = [i.id for i in _queue(site)]
    with signed_in(site.app, "clerk") as clerk:
        clerk.get("/welfare")
        r = clerk.post("/welfare/assign", data={"incident_id": [str(i) for i in ids[:2]],
                                                "to": "me", "kind": "",
                                                "csrf_token": clerk.csrf})
        assert r.status_code == 303
        assert _shown(clerk, "?assignee=me") == ids[:2]
        before = _ledger_kinds(site).count("welfare_review_assigned")
        r = clerk.post("/welfare/assign", data={"incident_id": [str(ids[2]), "999999"],
                                                "csrf_token": clerk.csrf})
        assert r.status_code == 404 and "999999" in r.text
        r = clerk.post("/welfare/assign", data={"incident_id": "x1", "csrf_token": clerk.csrf})
        assert r.status_code == 422 and "not an incident" in r.text
        r = clerk.post("/welfare/assign", data={"csrf_token": clerk.csrf})
        assert r.status_code == 422 and "choose at least one" in r.text.lower()
    assert _ledger_kinds(site).count("welfare_review_assigned") == before
    assert _shown_as(site, "clerk", "?assignee=me") == ids[:2]


def _shown_as(site: DemoSite, user: str, query: str) -> list[int]:
    with signed_in(site.app, user) as c:
        return _shown(c, query)


def test_filters_by_kind_age_and_district_live_in_the_url(site: DemoSite) -> None:
    queue, today = _queue(site), site.registry.clock.today()
    with signed_in(site.app, "clerk") as clerk:
        kind = queue[-1].kind
        assert _shown(clerk, f"?kind={kind}") == [i.id for i in queue if i.kind == kind]
        assert _shown(clerk, "?older_than=30") == [i.id for i in queue
                                                   if (today - i.on).days > 30]
        district = queue[0].district
        assert district
        assert _shown(clerk, f"?district={district.upper()}") == [
            i.id for i in queue if i.district == district]
        bad = clerk.get("/welfare?older_than=soon&kind=gossip")
        assert bad.status_code == 422
        assert "whole days" in bad.text and "from the list" in bad.text


def test_a_review_is_decided_from_the_page_with_its_outcome_and_leaves_the_queue(
        site: DemoSite) -> None:
    review = next(i for i in _queue(site) if i.opens_review)
    with signed_in(site.app, "clerk") as clerk:
        page = clerk.get(f"/do/decide_welfare_review?incident_id={review.id}")
        assert page.status_code == 200
        assert "The guardian is kept" in page.text and "transferred" in page.text
        assert 'type="radio"' in page.text and "checked" not in page.text
        data = {"incident_id": str(review.id), "outcome": "kept", "reasons": "",
                "on": site.registry.clock.today().isoformat(),
                "decided_by": str(site.ids["leia"]), "csrf_token": clerk.csrf}
        assert clerk.post("/do/decide_welfare_review", data=data).status_code == 422
        data.update(outcome="transferred", reasons="the ward asked for another guardian")
        r = clerk.post("/do/decide_welfare_review", data=data)
        assert r.status_code == 422  # Rey bonded: her guardianship is no longer in force
        beside = re.search(r'id="f-outcome-error">(.*?)</p>', r.text)
        assert beside is not None and "names no guardianship in force" in beside.group(1)
        data.update(outcome="kept", reasons="the ward is well cared for; the guardian warned")
        r = clerk.post("/do/decide_welfare_review", data=data)
        assert r.status_code == 303 and r.headers["location"] == "/welfare"
        assert review.id not in _shown(clerk)
    assert review.id not in [i.id for i in _queue(site)]


def test_no_one_but_the_registrar_works_the_queue_or_sees_its_buttons(site: DemoSite) -> None:
    review = next(i for i in _queue(site) if i.opens_review and i.reported_by == site.ids["ada"])
    with signed_in(site.app, "ada") as ada:
        assert ada.get("/welfare").status_code == 403
        assert ada.get("/welfare/export.csv").status_code == 403
        r = ada.post("/welfare/assign", data={"only": str(review.id), "csrf_token": ada.csrf})
        assert r.status_code == 403
        assert 'href="/welfare' not in ada.get("/").text
        own = ada.get(f"/incidents/{review.id}")
        assert own.status_code == 200 and "decide_welfare_review" not in own.text
        assert ada.get(f"/do/decide_welfare_review?incident_id={review.id}").status_code == 404
    assert all(i.assignee is None for i in _queue(site))


def test_the_queue_exports_as_csv_with_its_filters_iso_dates_and_no_descriptions(
        site: DemoSite) -> None:
    queue = _queue(site)
    with signed_in(site.app, "clerk") as clerk:
        r = clerk.get("/welfare/export.csv")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        assert "attachment" in r.headers["content-disposition"]
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0][:3] == ["incident", "kind", "reported_on"]
        assert [int(x[0]) for x in rows[1:]] == [i.id for i in queue]
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", x[2]) for x in rows[1:])
        assert "grabbed" not in r.text and "wants to be paid" not in r.text
        kind = queue[0].kind
        only = list(csv.reader(io.StringIO(clerk.get(f"/welfare/export.csv?kind={kind}").text)))
        assert {x[1] for x in only[1:]} == {kind}
        assert clerk.get("/welfare/export.csv?older_than=-1").status_code == 422
