"""The inbox (issue 16) over real HTTP on the demo world: who is told of an introduction, the
unread count in the navigation on every signed-in page, links only where they lead, marking
read (CSRF forms and the API), a declaration of pressure told to the registry only, a
shared record's use told to its owner, and the contact e-mail field."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.client import ApiClient
from tests.web.demo_site import DemoSite, demo_site, signed_in

TODAY = "2026-11-25"
COUNT = re.compile(r'id="nav-inbox"[^>]*>Inbox <span class="count">(\d+)')


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


def _unread(client: ApiClient, path: str = "/") -> int:
    found = COUNT.search(client.get(path).text)
    return int(found.group(1)) if found else 0


def _words(client: ApiClient) -> list[str]:
    return [n["words"] for n in client.get("/api/v1/inbox").json()["items"]]


def test_an_introduction_reaches_the_omega_her_guardian_and_the_alpha_and_no_one_else(
        site: DemoSite) -> None:
    cid = _propose(site)
    with signed_in(site.app, "jannah") as jannah:
        before = _unread(jannah)
        assert before >= 1 and _unread(jannah, "/stats") == before  # on every page
        html = jannah.get("/inbox").text
        assert "An introduction to Poe Dameron was proposed" in html
        assert f'<a href="/courtships/{cid}">Open the record</a>' in html
    with signed_in(site.app, "maz") as maz:
        assert any("your ward" in w for w in _words(maz))
    with signed_in(site.app, "poe") as poe:
        assert any(w.startswith("An introduction to Jannah") for w in _words(poe))
    for stranger in ("ben", "ada", "kalonia"):
        with signed_in(site.app, stranger) as other:
            assert not any(f"#{cid}" in w or "Poe Dameron" in w for w in _words(other))


def test_marking_read_needs_the_form_token_and_lowers_the_count(site: DemoSite) -> None:
    _propose(site)
    with signed_in(site.app, "jannah") as jannah:
        first = jannah.get("/api/v1/inbox").json()["items"][0]
        before = _unread(jannah)
        forged = jannah.post(f"/inbox/{first['id']}/read", data={"csrf_token": "0" * 64})
        assert forged.status_code == 403 and _unread(jannah) == before
        jannah.get("/inbox")
        r = jannah.post(f"/inbox/{first['id']}/read", data={"csrf_token": jannah.csrf})
        assert r.status_code == 303 and _unread(jannah) == before - 1
        jannah.get("/inbox")
        assert jannah.post("/inbox/read-all", data={"csrf_token": jannah.csrf}
                           ).status_code == 303
        assert _unread(jannah) == 0 and 'id="nav-inbox"' in jannah.get("/").text


def test_the_api_marks_one_read_and_refuses_another_accounts_notification(
        site: DemoSite) -> None:
    _propose(site)
    with signed_in(site.app, "maz") as maz:
        theirs = maz.get("/api/v1/inbox").json()["items"][0]["id"]
    with signed_in(site.app, "jannah") as jannah:
        page = jannah.get("/api/v1/inbox", params={"per_page": 1}).json()
        assert page["per_page"] == 1 and page["total"] >= page["unread"] >= 1
        mine = page["items"][0]["id"]
        r = jannah.post(f"/api/v1/inbox/{mine}/read")
        assert r.status_code == 200 and r.json() == {"marked": 1, "unread": page["unread"] - 1}
        assert jannah.post(f"/api/v1/inbox/{theirs}/read").status_code == 404
        assert jannah.post("/api/v1/inbox/abc/read").status_code == 422
        assert jannah.get("/api/v1/inbox", params={"page": 0}).status_code == 422
    with signed_in(site.app, "maz") as maz:
        assert maz.get("/api/v1/inbox").json()["items"][0]["read_at"] is None


def test_a_declaration_of_pressure_is_told_to_the_registry_and_not_the_guardian(
        site: DemoSite) -> None:
    cid = _propose(site)
    told = {}
    for who in ("maz", "kes", "poe", "clerk"):
        with signed_in(site.app, who) as c:
            told[who] = len(_words(c))
    with signed_in(site.app, "jannah") as jannah:
        jannah.get(f"/do/consent_courtship?courtship_id={cid}")
        r = jannah.post("/do/consent_courtship", data={
            "courtship_id": str(cid), "answer": "pressured", "on": TODAY,
            "csrf_token": jannah.csrf})
        assert r.status_code in (200, 303), r.text
    for who in ("maz", "kes", "poe"):
        with signed_in(site.app, who) as c:
            assert len(_words(c)) == told[who], who
    with signed_in(site.app, "clerk") as clerk:
        (review, *_) = clerk.get("/api/v1/inbox").json()["items"]
        assert review["words"].startswith("A welfare review was opened")
        assert review["href"] and review["href"].startswith("/incidents/")


def test_the_owner_is_told_once_a_day_when_her_shared_record_is_read(site: DemoSite) -> None:
    rey = site.ids["rey"]
    with signed_in(site.app, "kalonia") as doc:
        assert doc.get(f"/people/{rey}/health").status_code == 200
        assert doc.get(f"/people/{rey}/health").status_code == 200
    with signed_in(site.app, "rey") as her:
        used = [n for n in her.get("/api/v1/inbox").json()["items"]
                if n["kind"] == "health_share_used"]
        assert len(used) == 1
        assert used[0]["words"] == ("Harter Kalonia read your health record, which you shared"
                                    " with them.")
        assert used[0]["href"] == f"/people/{rey}/health/reads"
    with signed_in(site.app, "kalonia") as doc:  # the physician is not shown her log
        assert not any("read your health record" in w for w in _words(doc))


def test_the_contact_email_is_kept_by_the_person_or_the_registrar_and_validated(
        site: DemoSite) -> None:
    jid = site.ids["jannah"]
    with signed_in(site.app, "jannah") as jannah:
        bad = jannah.request("PUT", f"/api/v1/people/{jid}/contact",
                             json={"email": "jannah at jakku"})
        assert bad.status_code == 422 and "not an e-mail address" in bad.text
        ok = jannah.request("PUT", f"/api/v1/people/{jid}/contact",
                            json={"email": "jannah@jakku.example"})
        assert ok.status_code == 200 and ok.json()["email"] == "jannah@jakku.example"
        assert f'href="/people/{jid}/contact"' in jannah.get(f"/people/{jid}").text
        form = jannah.get(f"/people/{jid}/contact").text
        assert 'value="jannah@jakku.example"' in form
        r = jannah.post(f"/people/{jid}/contact", data={"email": "nope",
                                                         "csrf_token": jannah.csrf})
        assert r.status_code == 422 and "not an e-mail address" in r.text
    with signed_in(site.app, "ben") as ben:
        assert ben.get(f"/api/v1/people/{jid}/contact").status_code == 404
        assert ben.request("PUT", f"/api/v1/people/{jid}/contact",
                           json={"email": "x@y.example"}).status_code == 404
    with signed_in(site.app, "clerk") as clerk:
        clerk.get(f"/people/{jid}/contact")
        r = clerk.post(f"/people/{jid}/contact", data={"email": "",
                                                        "csrf_token": clerk.csrf})
        assert r.status_code == 303
    assert site.registry.queries.inbox.contact_email(jid) == ""
