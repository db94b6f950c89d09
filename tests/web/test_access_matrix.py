"""The access matrix, generated from the policy data: every role x every endpoint x
{own, related, unrelated record}, asserting allowed or denied exactly as the policy says,
that each denial is in the access log, and that the canary planted in a private field
(Rey's scent notes; only she and the registrar may read scent) reaches no one else."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.store_access import reader
from tests.web.conftest import SQLITE_ONLY
from tests.web.endpoints import ENDPOINTS, RECORD_ENDPOINTS, Endpoint
from tests.web.world import A_RELATIONS, CANARY, NONE, World, with_courtships
from troth.domain.policy import Role, decide
from troth.store import tables as t

CASES = ("own", "related", "unrelated")


def _expected(role: Role, ep: Endpoint, rels: frozenset[Any]) -> Any:
    return decide([role], ep.action, rels if ep.kind else ())


def _denials(registry: Any, after: int = 0) -> list[Any]:
    al = t.access_log
    with reader(registry) as conn:
        return list(conn.execute(select(al).where(al.c.allowed.is_(False), al.c.id > after)
                                 .order_by(al.c.id)).mappings())


def _last_id(registry: Any) -> int:
    with reader(registry) as conn:
        return int(conn.execute(select(func.coalesce(func.max(t.access_log.c.id), 0)))
                   .scalar_one())


def _check(client: Any, registry: Any, role: Role, ep: Endpoint, target: Any,
           rels: frozenset[Any]) -> str:
    expected = _expected(role, ep, rels)
    before = _last_id(registry)
    body = ep.body(target) if ep.body else None
    r = client.request(ep.method, ep.url(target), json=body)
    where = f"{role} {ep.method} {ep.path} rels={sorted(rels)}"
    assert r.status_code < 500, where
    assert r.headers["cache-control"] == "no-store", where
    if expected.allowed:
        assert r.status_code != 403, f"{where}: {r.text}"
        if r.status_code >= 400:
            assert not r.json()["error"]["rule"].startswith("deny:"), f"{where}: {r.text}"
    else:
        assert r.status_code == expected.status, f"{where}: {r.text}"
        assert r.json()["error"]["rule"] == f"deny:{ep.action}", where
        logged = _denials(registry, before)
        assert len(logged) == 1 and logged[0]["action"] == ep.action, where
        assert logged[0]["rule"] == expected.rule and logged[0]["status"] == expected.status
    return r.text


@SQLITE_ONLY  # the SQL of relations runs on both databases in test_relations.py
def test_every_role_reaches_exactly_what_the_policy_grants_and_no_more(
        registry: Any, world: World, as_role: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    for role in Role:
        client = as_role(role)
        for ep in ENDPOINTS:
            cases = CASES if ep.per_person else CASES[:1]
            for case in cases:
                name, rels = world.targets[role][case]
                text = _check(client, registry, role, ep, world.people[name], rels)
                scent_ok = decide([role], "person.scent", rels).allowed and name == "rey"
                if CANARY in text:
                    assert role is Role.REGISTRAR or scent_ok, f"{role} {ep.path} leaked"
    _assert_no_canary_in_logs(registry, caplog)


def _assert_no_canary_in_logs(registry: Any, caplog: pytest.LogCaptureFixture) -> None:
    with reader(registry) as conn:
        rows = conn.execute(select(t.access_log)).all()
    assert rows, "the matrix made denials; the access log cannot be empty"
    assert all(CANARY not in repr(r) for r in rows)
    assert CANARY not in caplog.text


def test_the_omega_reads_her_own_scent_and_her_guardian_does_not(
        world: World, as_role: Any, anon: Any, registry: Any) -> None:
    from troth.web.auth import TOKEN_PREFIX, new_token

    store = registry.queries.accounts
    rey = world.people["rey"]
    aid = store.create("rey", "x", rey, [(Role.PARTY, "")])
    token, digest = new_token(TOKEN_PREFIX)
    store.create_token(aid, "t", digest)
    own = anon.as_token(token).get(f"/api/v1/people/{rey}")
    guardian = as_role(Role.GUARDIAN).get(f"/api/v1/people/{rey}")
    assert own.status_code == guardian.status_code == 200
    assert own.json()["scent"]["notes"] == CANARY
    assert guardian.json()["scent"] is None and CANARY not in guardian.text


@SQLITE_ONLY
def test_every_role_reaches_exactly_the_courtship_records_the_policy_grants(
        registry: Any, world: World, as_role: Any, caplog: pytest.LogCaptureFixture) -> None:
    """Own: courtship A's records (Ben and Rey's; each role's relation to them written by
    hand in world.A_RELATIONS). Unrelated: courtship B's. Bonds and petitions: none exist,
    so every role but the registrar must get the same 404 as for a hidden record."""
    caplog.set_level(logging.DEBUG)
    with_courtships(registry, world)
    for ep in RECORD_ENDPOINTS:
        for role in Role:
            cases = ("A", "B") if ep.kind else ("A",)
            for key in cases:
                target = world.records[key].get(ep.kind, 0)
                rels = A_RELATIONS[role].get(ep.kind, NONE) if key == "A" else NONE
                text = _check(as_role(role), registry, role, ep, target, rels)
                assert CANARY not in text
    guardian = registry.queries.people.guardian_of(world.people["rey"], registry.clock.today())
    assert guardian is not None, "a request changed the relations the matrix judges by"
    _assert_no_canary_in_logs(registry, caplog)


@SQLITE_ONLY
def test_releasing_a_finding_is_hers_or_attested_by_the_registrar_and_no_one_elses(
        registry: Any, world: World, as_role: Any) -> None:
    """POST /people/{pid}/findings/{fid}/releases: the registrar (finding.attest) and her
    own account (finding.release via self) pass the access check (the made-up finding is
    then not found, as is the petition); every other role is refused as for a hidden
    record, and logged."""
    for role in Role:
        for case in CASES:
            name, rels = world.targets[role][case]
            pid = world.people[name]
            before = _last_id(registry)
            r = as_role(role).post(f"/api/v1/people/{pid}/findings/999999/releases",
                                   json={"petition_id": 1})
            allowed = (role is Role.REGISTRAR
                       or decide([role], "finding.release", rels).allowed)
            assert r.status_code == 404, (role, case, r.text)
            if allowed:
                assert r.json()["error"]["rule"] in ("petition_exists", "finding_exists")
            else:
                assert r.json()["error"]["rule"] == "deny:finding.release", (role, case)
                [logged] = _denials(registry, before)
                assert logged["action"] == "finding.release"


def test_enrolment_is_public_and_a_wrong_or_used_code_is_refused_to_anyone(
        registry: Any, world: World, as_role: Any, anon: Any) -> None:
    body = {"code": "AAAA-BBBB-CCCC-DDDD", "username": "someone", "password": "x" * 12}
    for client in (anon, *(as_role(role) for role in Role)):
        r = client.post("/api/v1/enrol", json=body)
        assert r.status_code == 409 and r.json()["error"]["rule"] == "enrolment_code"
    for role in Role:
        r = as_role(role).post(f"/api/v1/people/{world.people['rey']}/invitations", json={})
        assert r.status_code == (201 if role is Role.REGISTRAR else 403), (role, r.text)
