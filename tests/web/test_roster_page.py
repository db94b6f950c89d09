"""The registrar's roster page: a roster planned through the registry, shown as calendars
with the unplaced requests' reasons, and accepted (all or the ticked placements) through the
ordinary Visit command; nobody else reaches it. Showing and accepting run on both
databases; the access and form checks, which touch no roster SQL, on SQLite only."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from tests.schedule.registry_world import WEEK, Office
from tests.web.client import ApiClient
from tests.web.conftest import SQLITE_ONLY
from tests.web.world import PASSWORD
from troth.cli.roster_registry import reads
from troth.domain import commands as c
from troth.domain.policy import Role
from troth.registry.rostering import plan_in_registry
from troth.schedule.model import Roster

TUE, WED, SAT = 1, 2, 5
EVENING, AFTERNOON = (TUE, "17:00", "23:30"), (WED, "13:00", "18:00")


def _planned(registry: Any) -> tuple[Office, int, Roster, list[int]]:
    """Three courtships placeable with two handlers; a fourth asks for Saturday, when no
    handler is available."""
    o = Office(registry)
    cs = [o.courtship(n) for n in (1, 2, 3, 4)]
    o.handler(1, [EVENING, AFTERNOON])
    o.handler(2, [EVENING])
    rids = [o.request(cs[0], "tea", [(TUE, "18:00", "19:30")]),
            o.request(cs[1], "tea", [(TUE, "18:00", "19:30"), (WED, "14:00", "15:30")]),
            o.request(cs[2], "walk", [(WED, "14:00", "15:30")]),
            o.request(cs[3], "tea", [(SAT, "14:00", "15:30")])]
    roster_id, roster = plan_in_registry(registry, WEEK, "Riverside", seconds=5, workers=1)
    return o, roster_id, roster, rids


def _scheduled(registry: Any, courtship: int) -> list[Any]:
    return [v for v in registry.queries.courtships.courtship(courtship).visits
            if v.status.value == "scheduled"]


@pytest.fixture
def signed_in(anon: ApiClient, world: Any) -> Iterator[Any]:
    """A client signed in to the pages (session cookie), with the form token it was given."""
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


def test_the_registrar_sees_the_roster_headline_calendars_and_the_reasons_left_unplaced(
        registry: Any, as_role: Any) -> None:
    _, roster_id, roster, rids = _planned(registry)
    r = as_role(Role.REGISTRAR).get(f"/roster?week={WEEK}&district=Riverside")
    assert r.status_code == 200
    page = r.text
    assert f"Roster #{roster_id}, {WEEK}, Riverside" in page
    assert html.escape(roster.summary.headline()) in page
    assert "Handler 1" in page and "Handler 2" in page
    assert "Alpha 1 and Omega 1" in page
    (left,) = roster.unplaced
    assert left.request_id == rids[3]
    assert html.escape(left.reason) in page and left.rule.replace("_", " ") in page
    for p in roster.placements:
        assert f'name="only" value="{p.request_id}"' in page
    assert 'href="/roster" aria-current="page"' in page


@SQLITE_ONLY
def test_a_week_without_a_roster_says_how_to_plan_one_and_defaults_to_the_clock_week(
        as_role: Any) -> None:
    r = as_role(Role.REGISTRAR).get("/roster")
    assert r.status_code == 200
    assert "No roster for 2026-W48 yet" in r.text  # the clock says 25 November 2026
    assert "troth roster plan --week 2026-W48" in r.text


@SQLITE_ONLY
def test_a_week_that_is_not_an_iso_week_is_answered_beside_the_field(as_role: Any) -> None:
    r = as_role(Role.REGISTRAR).get("/roster?week=next+week")
    assert r.status_code == 422
    assert "is not an ISO week like 2026-W49" in r.text and 'aria-invalid="true"' in r.text


def test_accepting_the_ticked_placement_schedules_only_that_visit_then_the_rest(
        registry: Any, signed_in: Any) -> None:
    o, roster_id, roster, rids = _planned(registry)
    client, csrf = signed_in(Role.REGISTRAR)
    first = next(p for p in roster.placements if p.request_id == rids[0])
    r = client.post("/roster/accept", data={"csrf_token": csrf, "roster_id": str(roster_id),
                                            "scope": "checked", "only": str(rids[0])})
    assert r.status_code == 200 and "1 Visit scheduled, 0 refused" in r.text
    (visit,) = _scheduled(registry, first.courtship_id)
    assert visit.starts_at == first.start
    assert _scheduled(registry, o.courtships[1]) == []
    r = client.post("/roster/accept", data={"csrf_token": csrf, "roster_id": str(roster_id),
                                            "scope": "all"})
    rest = len(roster.placements) - 1
    assert r.status_code == 200 and f"{rest} Visits scheduled, 0 refused" in r.text
    rec = reads(registry).latest_roster(WEEK, "Riverside")
    assert rec is not None and len(rec.accepted) == len(roster.placements)
    assert "Every placement of this roster is accepted." in r.text


def test_a_refused_placement_is_shown_with_its_rule_and_the_others_are_scheduled(
        registry: Any, signed_in: Any) -> None:
    o, roster_id, roster, rids = _planned(registry)
    ended = o.courtships[1]
    registry.execute(c.EndCourtship(ended, o.parties[ended][0], date(2026, 11, 25),
                                    "no longer wished"))
    client, csrf = signed_in(Role.REGISTRAR)
    r = client.post("/roster/accept", data={"csrf_token": csrf, "roster_id": str(roster_id),
                                            "scope": "all"})
    done = len(roster.placements) - 1
    assert r.status_code == 200 and f"{done} Visits scheduled, 1 refused" in r.text
    assert f"Request #{rids[1]}:" in r.text and "(the rule that the courtship is open)" in r.text
    assert _scheduled(registry, ended) == []


@SQLITE_ONLY
def test_accepting_needs_a_ticked_placement_and_the_form_token(
        registry: Any, signed_in: Any) -> None:
    o, roster_id, _, _ = _planned(registry)
    client, csrf = signed_in(Role.REGISTRAR)
    r = client.post("/roster/accept", data={"csrf_token": csrf, "roster_id": str(roster_id),
                                            "scope": "checked"})
    assert r.status_code == 422 and "Tick at least one placement" in r.text
    r = client.post("/roster/accept", data={"roster_id": str(roster_id), "scope": "all"})
    assert r.status_code == 403 and "This form has expired" in r.text
    assert all(_scheduled(registry, cid) == [] for cid in o.courtships)


@SQLITE_ONLY
def test_no_one_but_the_registrar_sees_the_roster(registry: Any, as_role: Any) -> None:
    _planned(registry)
    for role in (r for r in Role if r is not Role.REGISTRAR):
        r = as_role(role).get(f"/roster?week={WEEK}&district=Riverside")
        assert (role, r.status_code) == (role, 404)
        assert "Handler 1" not in r.text and 'href="/roster"' not in r.text


@SQLITE_ONLY
def test_a_guardian_cannot_accept_a_roster_even_with_a_valid_form(
        registry: Any, signed_in: Any) -> None:
    o, roster_id, _, _ = _planned(registry)
    client, csrf = signed_in(Role.GUARDIAN)
    r = client.post("/roster/accept", data={"csrf_token": csrf, "roster_id": str(roster_id),
                                            "scope": "all"})
    assert r.status_code == 404
    assert all(_scheduled(registry, cid) == [] for cid in o.courtships)
    assert reads(registry).roster(roster_id).accepted == frozenset()


@SQLITE_ONLY
def test_the_placements_export_as_csv_with_iso_times_for_the_registrar_alone(
        registry: Any, as_role: Any) -> None:
    _, roster_id, roster, _ = _planned(registry)
    r = as_role(Role.REGISTRAR).get(f"/roster/export.csv?week={WEEK}&district=Riverside")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    lines = r.text.splitlines()
    assert lines[0].startswith("roster,week,district,request,courtship,couple,kind,start")
    assert len(lines) == 1 + len(roster.placements)
    first = min(roster.placements, key=lambda p: (p.courtship_id, p.start))
    assert f"{roster_id},{WEEK},Riverside,{first.request_id}," in lines[1]
    assert first.start.isoformat() in lines[1] and lines[1].endswith(",no")
    assert as_role(Role.REGISTRAR).get("/roster/export.csv?week=soon").status_code == 422
    for role in (Role.GUARDIAN, Role.SPONSOR, Role.HANDLER):
        assert as_role(role).get(f"/roster/export.csv?week={WEEK}").status_code in (403, 404)
