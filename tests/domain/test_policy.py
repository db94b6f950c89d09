"""The access policy: who may do what, written as data and enforced in one place."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.domain.policy import (
    ACTION_BY_NAME,
    ACTIONS,
    GRANTS,
    SENSITIVE,
    Denial,
    Relation,
    Role,
    decide,
    grants_for,
    markdown,
)

R = Relation
HEALTH = ("health.read", "health.write", "health.share")
roles = st.sets(st.sampled_from(list(Role)), max_size=4)
relations = st.sets(st.sampled_from(list(Relation)), max_size=4)


def allowed(role: Role, action: str, *rels: Relation) -> bool:
    return decide([role], action, rels).allowed


def test_every_grant_names_a_known_action_and_every_action_is_listed_once() -> None:
    assert all(g.action in ACTION_BY_NAME for g in GRANTS)
    assert len({a.name for a in ACTIONS}) == len(ACTIONS)
    assert set(ACTION_BY_NAME) >= SENSITIVE


def test_every_use_of_health_records_is_written_to_the_access_log() -> None:
    assert set(HEALTH) <= SENSITIVE


@settings(max_examples=40, deadline=None)
@given(roles, st.sampled_from([a.name for a in ACTIONS]), relations)
def test_a_request_is_allowed_iff_one_of_its_roles_holds_a_grant_through_its_relations(
        rs: set[Role], action: str, rels: set[Relation]) -> None:
    expected = any(g.via is None or g.via & rels for r in rs for g in grants_for(r, action))
    d = decide(rs, action, rels)
    assert d.allowed == expected
    assert d.status in ((200,) if expected else (403, 404))


@settings(max_examples=40, deadline=None)
@given(roles, st.sampled_from(HEALTH), relations)
def test_health_records_are_reached_only_by_the_owner_and_those_she_chose(
        rs: set[Role], action: str, rels: set[Relation]) -> None:
    if decide(rs, action, rels).allowed:
        assert rels & {R.SELF, R.PHYSICIAN, R.PARTNER}


@pytest.mark.parametrize("action", HEALTH)
def test_the_registrar_never_reads_or_writes_health_records(action: str) -> None:
    assert not allowed(Role.REGISTRAR, action, *Relation)


@pytest.mark.parametrize("rel", [R.GUARDIAN, R.FAMILY, R.SPONSOR, R.HANDLER])
def test_a_guardian_family_or_handler_never_reads_the_wards_health(rel: Relation) -> None:
    for role in (Role.GUARDIAN, Role.SPONSOR, Role.HANDLER, Role.PARTY):
        assert not allowed(role, "health.read", rel)


def test_a_partner_she_chose_reads_her_health_but_neither_writes_nor_shares() -> None:
    assert allowed(Role.PARTY, "health.read", R.PARTNER)
    assert not allowed(Role.PARTY, "health.write", R.PARTNER)
    assert not allowed(Role.PARTY, "health.share", R.PARTNER)


def test_a_chosen_physician_reads_and_writes_but_does_not_share() -> None:
    assert allowed(Role.PHYSICIAN, "health.read", R.PHYSICIAN)
    assert allowed(Role.PHYSICIAN, "health.write", R.PHYSICIAN)
    assert not allowed(Role.PHYSICIAN, "health.share", R.PHYSICIAN)
    assert not allowed(Role.PHYSICIAN, "health.read")


@settings(max_examples=40, deadline=None)
@given(roles, relations)
def test_a_consent_is_recorded_only_by_the_party_herself(rs: set[Role],
                                                         rels: set[Relation]) -> None:
    if decide(rs, "courtship.consent", rels).allowed:
        assert Role.PARTY in rs and R.SELF in rels


def test_the_registrar_never_speaks_for_a_party() -> None:
    assert not allowed(Role.REGISTRAR, "courtship.consent", *Relation)


def test_a_guardian_acknowledges_but_never_consents_for_the_ward() -> None:
    assert allowed(Role.GUARDIAN, "courtship.acknowledge", R.GUARDIAN)
    assert not allowed(Role.GUARDIAN, "courtship.consent", R.GUARDIAN)


def test_only_a_party_ends_a_courtship_besides_the_registrar() -> None:
    assert allowed(Role.PARTY, "courtship.end", R.SELF)
    for role, rel in ((Role.GUARDIAN, R.GUARDIAN), (Role.SPONSOR, R.SPONSOR)):
        assert not allowed(role, "courtship.end", rel)


def test_either_party_petitions_and_only_the_registrar_decides_an_annulment() -> None:
    assert allowed(Role.PARTY, "annulment.petition", R.SELF)
    assert allowed(Role.REGISTRAR, "annulment.decide")
    assert not allowed(Role.PARTY, "annulment.decide", R.SELF)


def test_a_handler_reports_only_on_visits_assigned_to_them() -> None:
    assert allowed(Role.HANDLER, "visit.report", R.HANDLER)
    assert not allowed(Role.HANDLER, "visit.report")
    assert allowed(Role.GUARDIAN, "incident.report", R.GUARDIAN)


def test_an_officiant_seals_only_the_ceremonies_assigned_to_them() -> None:
    assert allowed(Role.OFFICIANT, "ceremony.seal", R.OFFICIANT)
    assert not allowed(Role.OFFICIANT, "ceremony.seal", R.SELF)


def test_everyone_signed_in_reads_the_customs() -> None:
    assert all(allowed(role, "customs.read") for role in Role)


def test_a_denial_of_a_private_record_answers_not_found_and_names_its_rule() -> None:
    d = decide([Role.GUARDIAN], "health.read", [R.GUARDIAN])
    assert (d.allowed, d.status, d.rule) == (False, 404, "deny:health.read")
    assert ACTION_BY_NAME["health.read"].denial is Denial.HIDDEN


def test_a_denial_of_a_public_action_answers_forbidden_and_says_what_was_asked() -> None:
    d = decide([Role.HANDLER], "account.manage", [])
    assert (d.allowed, d.status) == (False, 403)
    assert "create accounts" in d.message


def test_an_allowed_request_names_the_role_action_and_relation() -> None:
    assert decide([Role.PARTY], "health.read", [R.PARTNER]).rule == "party:health.read via partner"
    assert decide([Role.REGISTRAR], "ledger.read", []).rule == "registrar:ledger.read"


def test_the_policy_table_lists_every_action_and_role() -> None:
    table = markdown()
    assert all(f"`{a.name}`" in table for a in ACTIONS)
    assert all(r.value in table.splitlines()[0] for r in Role)


def test_a_bonded_partner_reads_the_public_record_but_not_its_history_or_scent() -> None:
    assert allowed(Role.PARTY, "person.read", R.BONDED)
    assert not allowed(Role.PARTY, "person.history", R.BONDED)
    assert not allowed(Role.PARTY, "person.scent", R.BONDED)
    assert not allowed(Role.GUARDIAN, "person.read", R.BONDED)
