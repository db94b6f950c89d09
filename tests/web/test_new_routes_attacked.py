"""The routes added with enrolment, findings, welfare decisions and "who read my record",
attacked as the others were: a date far out, a NUL, another person's id."""

from __future__ import annotations

from typing import Any

from tests.web.world import World, with_courtships
from troth.domain.policy import Role

V1 = "/api/v1"


def test_a_welfare_decision_dated_9999_12_31_is_refused_with_a_4xx(
        as_role: Any, registry: Any, world: World) -> None:
    w = with_courtships(registry, world)
    reg = as_role(Role.REGISTRAR)
    r = reg.post(f"{V1}/incidents/{w.records['A']['incident']}/decision",
                 json={"outcome": "kept", "reasons": "fine", "on": "9999-12-31"})
    assert 400 <= r.status_code < 500, (r.status_code, r.text)


def test_an_invitation_with_a_nul_in_it_is_refused_with_a_4xx(
        as_role: Any, world: World) -> None:
    reg = as_role(Role.REGISTRAR)
    r = reg.post(f"{V1}/people/{world.people['rey']}/invitations", json={"roles": ["pa\x00rty"]})
    assert 400 <= r.status_code < 500, (r.status_code, r.text)


def test_another_persons_reads_and_guardian_record_are_not_shown(
        as_role: Any, world: World) -> None:
    party = as_role(Role.PARTY)  # Ben
    assert party.get(f"{V1}/people/{world.people['rey']}/health/reads").status_code == 404
    assert party.get(
        f"{V1}/people/{world.people['unkar']}/guardian-record").status_code in (403, 404)
