"""Visit requests, the handlers' list and availability in the pages (issue 16): each form
works for the registrar through real HTTP, bad input is answered beside its field (422),
the lists show what was recorded, and nobody else is offered or allowed the office's forms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from tests.registry.helpers import add
from tests.schedule.registry_world import WEEK, Office
from tests.web.client import ApiClient
from tests.web.conftest import SQLITE_ONLY
from tests.web.world import PASSWORD
from troth.cli.roster_registry import reads
from troth.domain.policy import Role

pytestmark = SQLITE_ONLY


@pytest.fixture
def signed_in(anon: ApiClient) -> Iterator[Any]:
    opened: list[ApiClient] = []

    def sign_in(role: Role) -> tuple[ApiClient, str]:
        client = ApiClient(anon.portal, anon.app)
        opened.append(client)
        r = client.sign_in(role.value, PASSWORD)
        assert r.status_code == 303, r.text
        token = re.search(r'"X-CSRF-Token": "([0-9a-f]+)"', client.get("/").text)
        assert token is not None
        return client, token.group(1)

    yield sign_in
    for client in opened:
        client.close()


def _request(client: ApiClient, csrf: str, courtship: int, **over: str) -> Any:
    data = {"csrf_token": csrf, "courtship_id": str(courtship), "kind": "tea",
            "earliest": "2026-12-01T14:00", "latest": "2026-12-01T17:00",
            "at_omega_residence": "on", **over}
    return client.post("/do/request_visit", data=data)


def test_the_registrar_requests_a_visit_sees_it_listed_and_withdraws_it(
        registry: Any, signed_in: Any) -> None:
    o = Office(registry)
    cid = o.courtship(1)
    client, csrf = signed_in(Role.REGISTRAR)
    assert 'href="/do/request_visit?courtship_id=' in client.get(f"/courtships/{cid}").text
    form = client.get(f"/do/request_visit?courtship_id={cid}")
    assert form.status_code == 200 and 'name="earliest"' in form.text
    r = _request(client, csrf, cid)
    assert r.status_code == 303, r.text
    assert r.headers["location"] == f"/roster/requests?week={WEEK}"
    (req,) = reads(registry).requests(WEEK)
    assert (req.courtship_id, req.kind, req.status, req.district) == (cid, "tea", "open",
                                                                      "Riverside")
    page = client.get(f"/roster/requests?week={WEEK}")
    assert page.status_code == 200
    assert f"#{req.id}" in page.text and "Alpha 1 and Omega 1" in page.text
    assert f"Withdraw request #{req.id}" in page.text
    assert 'href="/roster/requests?week=' in client.get(f"/roster?week={WEEK}").text
    r = client.post("/do/withdraw_visit_request", data={"csrf_token": csrf,
                                                        "request_id": str(req.id)})
    assert r.status_code == 303, r.text
    assert r.headers["location"] == f"/roster/requests?week={WEEK}"
    assert reads(registry).request(req.id).status == "withdrawn"
    page = client.get(f"/roster/requests?week={WEEK}").text
    assert "withdrawn" in page.lower() and f"Withdraw request #{req.id}" not in page
    again = client.post("/do/withdraw_visit_request", data={"csrf_token": csrf,
                                                            "request_id": str(req.id)})
    assert again.status_code == 422 and "already withdrawn" in again.text


def test_a_bad_visit_request_is_answered_beside_its_field(registry: Any,
                                                          signed_in: Any) -> None:
    o = Office(registry)
    cid = o.courtship(1)
    client, csrf = signed_in(Role.REGISTRAR)
    short = _request(client, csrf, cid, latest="2026-12-01T14:30")
    assert short.status_code == 422 and "shorter than the" in short.text
    weeks = _request(client, csrf, cid, latest="2026-12-08T17:00")
    assert weeks.status_code == 422 and "a request is for one week" in weeks.text
    typed = _request(client, csrf, cid, earliest="soon")
    assert typed.status_code == 422 and "Give a date and a time" in typed.text
    assert 'aria-invalid="true"' in typed.text
    assert reads(registry).requests(WEEK) == []
    bad_week = client.get("/roster/requests?week=next+week")
    assert bad_week.status_code == 422 and "is not an ISO week" in bad_week.text


def test_the_registrar_lists_a_handler_with_availability_and_unavailability(
        registry: Any, signed_in: Any) -> None:
    o = Office(registry)
    person = add(registry, "Ada Wren", date(1985, 5, 5), "beta")
    o.residence(person, km_north=1.0)
    client, csrf = signed_in(Role.REGISTRAR)
    assert client.get("/do/register_handler").status_code == 200
    r = client.post("/do/register_handler", data={"csrf_token": csrf,
                                                   "person_id": f"Ada Wren (#{person})",
                                                   "weekly_cap": "6"})
    assert r.status_code == 303, r.text
    (h,) = [x for x in reads(registry).handlers() if x.person_id == person]
    assert (h.weekly_cap, h.district) == (6, "Riverside")
    r = client.post("/do/record_handler_availability", data={
        "csrf_token": csrf, "handler": str(person), "starts_at": "2026-12-01T17:30",
        "ends_at": "2026-12-01T23:00"})
    assert r.status_code == 303, r.text
    r = client.post("/do/record_unavailability", data={
        "csrf_token": csrf, "person_id": str(person), "starts_at": "2026-12-03T00:00",
        "ends_at": "2026-12-04T00:00", "reason": "away"})
    assert r.status_code == 303, r.text
    page = client.get(f"/roster/handlers?week={WEEK}")
    assert page.status_code == 200
    row = page.text.split("Ada Wren", 1)[1].split("</tr>", 1)[0]
    assert f"handler #{h.id}" in row and ">6<" in row
    assert "1 December 2026" in row and "3 December 2026" in row
    assert 'href="/roster/handlers?week=' in client.get(f"/roster?week={WEEK}").text


def test_bad_handler_input_is_answered_with_the_reason(registry: Any,
                                                       signed_in: Any) -> None:
    person = add(registry, "Tobias Reed", date(1984, 6, 6), "beta")
    client, csrf = signed_in(Role.REGISTRAR)
    cap = client.post("/do/register_handler", data={"csrf_token": csrf,
                                                    "person_id": str(person),
                                                    "weekly_cap": "0", "district": "Riverside",
                                                    "lat": "51.5", "lon": "-0.1"})
    assert cap.status_code == 422 and "weekly cap is 1 to 40" in cap.text
    home = client.post("/do/register_handler", data={"csrf_token": csrf,
                                                     "person_id": str(person),
                                                     "weekly_cap": "5"})
    assert home.status_code == 422 and "home district" in home.text
    assert [x for x in reads(registry).handlers() if x.person_id == person] == []
    unlisted = client.post("/do/record_handler_availability", data={
        "csrf_token": csrf, "handler": str(person), "starts_at": "2026-12-01T17:30",
        "ends_at": "2026-12-01T23:00"})
    assert unlisted.status_code == 422 and "is not on the handlers" in unlisted.text
    backwards = client.post("/do/record_unavailability", data={
        "csrf_token": csrf, "person_id": str(person), "starts_at": "2026-12-04T00:00",
        "ends_at": "2026-12-03T00:00"})
    assert backwards.status_code == 422 and "shorter than the" in backwards.text


@pytest.mark.parametrize("role", [Role.PARTY, Role.HANDLER, Role.GUARDIAN, Role.SPONSOR])
def test_only_the_office_keeps_the_handlers_list_and_sees_the_requests(
        registry: Any, signed_in: Any, role: Role) -> None:
    o = Office(registry)
    cid = o.courtship(1)
    person = add(registry, "Corin Vale", date(1982, 7, 7), "beta")
    o.residence(person, km_north=1.0)
    client, csrf = signed_in(role)
    for path in ("/roster/requests", "/roster/handlers", "/do/register_handler",
                 "/do/record_handler_availability", "/do/record_unavailability"):
        r = client.get(path)
        assert (path, r.status_code) == (path, 403)
    r = client.post("/do/register_handler", data={"csrf_token": csrf, "person_id": str(person),
                                                   "weekly_cap": "5"})
    assert r.status_code == 403
    assert [x for x in reads(registry).handlers() if x.person_id == person] == []
    r = _request(client, csrf, cid)
    assert r.status_code in (403, 404)  # not their courtship: the policy's answer
    assert reads(registry).requests(WEEK) == []
    court = client.get(f"/courtships/{cid}")
    assert "/do/request_visit" not in court.text
    home = client.get("/").text
    assert "/roster/handlers" not in home and "/do/register_handler" not in home
