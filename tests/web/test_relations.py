"""The store computes the relations the access matrix declares by hand, and the policy
data is well-formed."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.store_access import reader
from tests.web.world import A_RELATIONS, NONE, PERSON_OF, World, with_courtships
from troth.domain.policy import ACTIONS, GRANTS, Relation, Role, decide
from troth.store.reads.relations import relations


def test_the_store_computes_the_relations_written_in_the_world(registry: Any,
                                                               world: World) -> None:
    with_courtships(registry, world)
    today = registry.clock.today()
    with reader(registry) as conn:
        for role, name in PERSON_OF.items():
            me = world.people[name] if name else None
            for case, (target, rels) in world.targets[role].items():
                got = relations(conn, me, "person", (world.people[target],), today)
                assert got == rels, (role, case)
            for kind, rels in A_RELATIONS[role].items():
                ids = world.records["A"][kind]
                ids = ids if isinstance(ids, tuple) else (ids,)
                assert relations(conn, me, kind, ids, today) == rels, (role, kind)
                other = world.records["B"][kind]
                other = other if isinstance(other, tuple) else (other,)
                assert relations(conn, me, kind, other, today) == NONE, (role, kind)


def test_no_role_but_the_party_and_the_physician_may_ever_read_health_records() -> None:
    for role in Role:
        for rels in (frozenset(), frozenset(Relation)):
            allowed = decide([role], "health.read", rels).allowed
            assert allowed is (role in (Role.PARTY, Role.PHYSICIAN) and bool(rels))


def test_a_guardian_never_reads_the_wards_scent_or_health() -> None:
    for action in ("person.scent", "health.read"):
        assert not decide([Role.GUARDIAN], action, frozenset(Relation)).allowed


@given(st.sets(st.sampled_from(list(Role))), st.sampled_from([a.name for a in ACTIONS]),
       st.sets(st.sampled_from(list(Relation))))
def test_a_decision_is_allowed_exactly_when_some_grant_matches(
        roles: set[Role], action: str, rels: set[Relation]) -> None:
    d = decide(roles, action, rels)
    matching = [g for g in GRANTS if g.role in roles and g.action == action
                and (g.via is None or g.via & rels)]
    assert d.allowed is bool(matching)
    assert d.status == 200 if d.allowed else d.status in (403, 404)
    assert d.rule.startswith("deny:") is (not d.allowed)


@given(st.sets(st.sampled_from(list(Role))), st.sampled_from([a.name for a in ACTIONS]),
       st.sets(st.sampled_from(list(Relation))), st.sets(st.sampled_from(list(Relation))))
def test_more_relations_never_take_access_away(roles: set[Role], action: str,
                                              rels: set[Relation],
                                              extra: set[Relation]) -> None:
    if decide(roles, action, rels).allowed:
        assert decide(roles, action, rels | extra).allowed


def test_the_policy_table_in_docs_api_md_is_the_policy_data() -> None:
    from pathlib import Path

    from troth.domain.policy import markdown

    text = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
    block = text.split("<!-- policy:begin -->\n", 1)[1].split("<!-- policy:end -->", 1)[0]
    assert block == markdown()


def test_everyone_a_person_is_related_to_is_among_the_people_they_know(
        registry: Any, world: World) -> None:
    """A suggestion list for an account without person.search starts from known_people;
    it must hold every person the policy could let the account read."""
    with_courtships(registry, world)
    today = registry.clock.today()
    reads = registry.queries
    for role, name in PERSON_OF.items():
        me = world.people[name] if name else None
        known = reads.relations.known_people(me, today)
        for target, rels in world.targets[role].values():
            if rels:
                assert world.people[target] in known, (role, target, rels)
        if me is not None:
            assert me in known
            assert me in reads.accounts.people_with_role(role), role
    assert reads.relations.known_people(None, today) == set()
