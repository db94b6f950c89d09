"""Invitations and office links in the pages (issue 14): what the API already did, in the
browser. The registrar invites from a person's record and sees the one-time code once; the
record lists the person's invitations without their codes; an account the office linked
before enrolment is confirmed or disowned by its holder, each answer a ledger entry on the
person's own history."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from tests.web.client import ApiClient
from tests.web.world import PASSWORD, World
from troth.domain.policy import Role

CODE = re.compile(r'id="enrolment-code">([A-Z2-7-]+)<')
INVITE = "Invite to enrol"
NOTICE = "Is this account yours?"


def _page_client(anon: ApiClient, username: str) -> ApiClient:
    client = anon.as_token(None)  # its own cookie jar
    r = client.sign_in(username, PASSWORD)
    assert r.status_code == 303, r.text
    return client


def _invite(clerk: ApiClient, person: int, roles: list[str]) -> str:
    assert INVITE in clerk.get(f"/people/{person}").text  # the page carries the form (and token)
    r = clerk.post(f"/people/{person}/invitations",
                   data={"roles": roles, "csrf_token": clerk.csrf})
    assert r.status_code == 201, r.text
    found = CODE.search(r.text)
    assert found, r.text
    return found.group(1)


def test_the_registrar_invites_from_the_record_and_sees_the_code_once(
        registry: Any, world: World, anon: ApiClient) -> None:
    clerk, rey = _page_client(anon, "registrar"), world.people["rey"]
    r = clerk.post(f"/people/{rey}/invitations",
                   data={"roles": ["party"], "csrf_token": clerk.csrf})
    assert r.status_code == 201
    code = CODE.search(r.text).group(1)  # type: ignore[union-attr]
    assert "Go to /enrol, enter this code, choose a username and a password" in r.text
    assert "9 December 2026" in r.text and "Party" in r.text  # 14 days from 25 November
    record = clerk.get(f"/people/{rey}")
    assert code not in record.text and code.replace("-", "") not in record.text
    assert "open</strong>, not yet used; expires 9 December 2026" in record.text
    assert clerk.get(f"/people/{rey}").text.count(code) == 0  # reloading shows it no more
    enrolled = anon.post("/api/v1/enrol", json={"code": code, "username": "rey-own",
                                                "password": PASSWORD})
    assert enrolled.status_code == 201, enrolled.text
    aid = enrolled.json()["id"]
    assert "used</strong> on 25 November 2026" in clerk.get(f"/people/{rey}").text
    assert f"(account #{aid})" in clerk.get(f"/people/{rey}").text
    her = _page_client(anon, "rey-own")
    assert re.search(r"invited Rey\b[^<]{0,12} to enrol", her.get(f"/people/{rey}").text)
    assert INVITE not in her.get(f"/people/{rey}").text


def test_an_invitation_not_used_in_fourteen_days_is_shown_as_expired(
        registry: Any, world: World, anon: ApiClient) -> None:
    clerk, poe = _page_client(anon, "registrar"), world.people["poe"]
    code = _invite(clerk, poe, [])
    registry.clock._now += timedelta(days=15)
    clerk = _page_client(anon, "registrar")
    page = clerk.get(f"/people/{poe}").text
    assert "expired</strong> on 9 December 2026, 09:00, not used" in page and code not in page
    late = anon.post("/api/v1/enrol", json={"code": code, "username": "poe",
                                            "password": PASSWORD})
    assert late.status_code == 409


def test_a_bad_role_is_a_422_with_a_message_and_issues_nothing(
        registry: Any, world: World, anon: ApiClient) -> None:
    clerk, rey = _page_client(anon, "registrar"), world.people["rey"]
    clerk.get(f"/people/{rey}")
    r = clerk.post(f"/people/{rey}/invitations",
                   data={"roles": ["emperor"], "csrf_token": clerk.csrf})
    assert r.status_code == 422 and "Choose the roles to give on enrolment" in r.text
    assert registry.queries.accounts.invitations_of(rey) == []


def test_no_one_but_the_registrar_sees_or_sends_the_invitation_form(
        registry: Any, world: World, anon: ApiClient) -> None:
    rey = world.people["rey"]
    for role, own in ((Role.PARTY, "ben"), (Role.GUARDIAN, "rey"), (Role.HANDLER, "maz"),
                      (Role.SPONSOR, "ben"), (Role.PHYSICIAN, "kalonia")):
        client = _page_client(anon, role.value)
        shown = client.get(f"/people/{world.people[own]}")
        assert shown.status_code == 200 and INVITE not in shown.text, role
        for target in (rey, world.people[own]):
            r = client.post(f"/people/{target}/invitations",
                            data={"roles": ["party"], "csrf_token": client.csrf})
            assert r.status_code == 403, (role, r.status_code)
            assert "may not do this: invite a person to enrol" in r.text
        assert registry.queries.accounts.invitations_of(world.people[own]) == []
    assert registry.queries.accounts.invitations_of(rey) == []
    clerk = _page_client(anon, "registrar")
    no_token = clerk.post(f"/people/{rey}/invitations", data={"roles": ["party"]})
    assert no_token.status_code == 403 and registry.queries.accounts.invitations_of(rey) == []


def test_an_office_linked_account_confirms_the_link_and_the_notice_goes(
        registry: Any, world: World, anon: ApiClient) -> None:
    unkar, aid = world.people["unkar"], world.accounts[Role.GUARDIAN]
    guardian = _page_client(anon, "guardian")
    board = guardian.get("/").text
    assert NOTICE in board and "Yes, this account is mine" in board
    assert "No, this is not my account" in board and "no longer acts as Unkar Plutt" in board
    assert NOTICE in guardian.get(f"/people/{unkar}").text
    assert NOTICE not in guardian.get(f"/people/{world.people['rey']}").text  # her ward's
    r = guardian.post("/account/link", data={"answer": "mine", "csrf_token": guardian.csrf})
    assert r.status_code == 303 and r.headers["location"].startswith(f"/people/{unkar}")
    record = guardian.get(f"/people/{unkar}").text
    assert f"confirmed that account #{aid} is their own" in record
    assert NOTICE not in record and NOTICE not in guardian.get("/").text
    assert registry.queries.accounts.describe(aid)["link"] == "confirmed"
    again = guardian.post("/account/link", data={"answer": "mine", "csrf_token": guardian.csrf})
    assert again.status_code == 409 and "only an account linked by the office" in again.text


def test_an_account_disowned_by_its_holder_no_longer_acts_as_the_person(
        registry: Any, world: World, anon: ApiClient) -> None:
    maz, aid = world.people["maz"], world.accounts[Role.HANDLER]
    handler = _page_client(anon, "handler")
    assert handler.get(f"/people/{maz}").status_code == 200
    odd = handler.post("/account/link", data={"answer": "maybe", "csrf_token": handler.csrf})
    assert odd.status_code == 422 and "answer with one of the two buttons" in odd.text.lower()
    forged = handler.post("/account/link", data={"answer": "not_mine"})
    assert forged.status_code == 403 and registry.queries.accounts.describe(aid)["person_id"]
    r = handler.post("/account/link", data={"answer": "not_mine", "csrf_token": handler.csrf})
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert registry.queries.accounts.describe(aid)["person_id"] is None
    assert handler.get(f"/people/{maz}").status_code == 404  # it acts as no one now
    board = handler.get("/").text
    assert NOTICE not in board and "ask the registry office for an invitation to enrol" in board
    clerk = _page_client(anon, "registrar")
    assert re.search(rf"Account #{aid} no longer acts as Maz Kanata\b[^<]{{0,12}} \(disowned"
                     r" by the person\)", clerk.get(f"/people/{maz}").text)


def test_accounts_not_linked_by_the_office_see_no_notice(
        registry: Any, world: World, anon: ApiClient) -> None:
    clerk = _page_client(anon, "registrar")
    assert NOTICE not in clerk.get("/").text
    code = _invite(clerk, world.people["stranger"], ["party"])
    assert anon.post("/api/v1/enrol", json={"code": code, "username": "jannah",
                                            "password": PASSWORD}).status_code == 201
    jannah = _page_client(anon, "jannah")
    assert NOTICE not in jannah.get("/").text
    assert NOTICE not in jannah.get(f"/people/{world.people['stranger']}").text
    r = jannah.post("/account/link", data={"answer": "not_mine", "csrf_token": jannah.csrf})
    assert r.status_code == 409  # an enrolled account is hers; there is nothing to disown


def test_the_new_page_forms_refuse_ids_out_of_bounds_and_nul_with_a_4xx(
        registry: Any, world: World, anon: ApiClient) -> None:
    clerk, rey = _page_client(anon, "registrar"), world.people["rey"]
    clerk.get(f"/people/{rey}")
    for url in ("/people/9223372036854775808/invitations", "/people/0/invitations",
                "/petitions/9223372036854775808/releases"):
        r = clerk.post(url, data={"roles": ["party"], "finding_id": "1",
                                  "csrf_token": clerk.csrf})
        assert r.status_code == 404 and "2147483647" in r.text, url
    for url, field in ((f"/people/{rey}/invitations", "roles"), ("/account/link", "answer"),
                       ("/petitions/1/releases", "finding_id")):
        r = clerk.post(url, data={field: "pa\x00rty", "csrf_token": clerk.csrf})
        assert r.status_code == 400, (url, r.status_code)
    assert registry.queries.accounts.invitations_of(rey) == []
    assert clerk.post(f"/people/{world.people['rey'] + 10_000}/invitations",
                      data={"csrf_token": clerk.csrf}).status_code == 404
