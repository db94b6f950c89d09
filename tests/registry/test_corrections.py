"""Corrections by two hands, on real SQLite and PostgreSQL: a registrar requests, another
approves or rejects; the fact and its ledger entry change together, a refusal writes
nothing, and "as of" tells the fact as recorded then and as known today."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.registry.helpers import add, ledger_count
from tests.store_access import reader
from troth.domain import commands as c
from troth.domain import correction as co
from troth.domain.errors import InvalidInput, Refused
from troth.domain.identity import CreateAccount
from troth.domain.policy import Role
from troth.store import tables as t


def accounts(reg: Any) -> tuple[int, int, int]:
    """Two registrars' accounts and a physician's."""
    made = [reg.execute(CreateAccount(name, "not-a-real-hash", roles))
            for name, roles in (("maker", (Role.REGISTRAR,)), ("checker", (Role.REGISTRAR,)),
                                ("doctor", (Role.PHYSICIAN,)))]
    return made[0], made[1], made[2]


def corrections_rows(reg: Any) -> int:
    with reader(reg) as conn:
        return int(conn.execute(select(func.count()).select_from(t.corrections)).scalar_one())


def test_an_approved_correction_changes_the_fact_and_keeps_the_original_in_history(
        registry: Any) -> None:
    maker, checker, _ = accounts(registry)
    rey = add(registry, "Ray", date(2007, 3, 1), "omega")
    cid = registry.execute(co.RequestCorrection(rey, "legal_name", "Rey", "birth certificate"
                                                " JFC-1 reads Rey", maker))
    assert registry.queries.people.person(rey).legal_name == "Ray"  # pending changes nothing
    before = ledger_count(registry)
    registry.execute(co.ApproveCorrection(cid, checker, "certificate seen"))
    assert ledger_count(registry) == before + 1
    assert registry.queries.people.person(rey).legal_name == "Rey"
    found = registry.queries.corrections.get(cid)
    assert (found.state, found.requested_by, found.decided_by) == ("approved", maker, checker)
    texts = [h.text for h in registry.queries.people.history(rey)]
    assert any(t.startswith("Legal name of Rey (#1) corrected from Ray to Rey on 2026-11-25,"
                            f" requested by account #{maker}, approved by account #{checker}")
               for t in texts), texts
    assert any("Registered: " in t and "Ray" in t for t in texts) or any(
        "born 2007-03-01" in t for t in texts)
    assert registry.queries.people.verify().ok


def test_the_same_account_cannot_approve_or_reject_its_own_request(registry: Any) -> None:
    maker, _, _ = accounts(registry)
    rey = add(registry, "Rey", date(2007, 3, 1))
    cid = registry.execute(co.RequestCorrection(rey, "district", "Jakku", "lease", maker))
    before = ledger_count(registry)
    for cmd in (co.ApproveCorrection(cid, maker), co.RejectCorrection(cid, maker, "no")):
        with pytest.raises(Refused) as e:
            registry.execute(cmd)
        assert e.value.rule == "maker_checker" and "different registrar" in e.value.message
    assert ledger_count(registry) == before
    assert registry.queries.corrections.get(cid).state == "pending"


def test_a_rejection_changes_nothing_but_the_request_state(registry: Any) -> None:
    maker, checker, _ = accounts(registry)
    rey = add(registry, "Rey", date(2007, 3, 1))
    cid = registry.execute(co.RequestCorrection(rey, "born", "2007-01-03", "a letter", maker))
    person_before = registry.queries.people.person(rey)
    registry.execute(co.RejectCorrection(cid, checker, "the letter is not evidence"))
    assert registry.queries.people.person(rey) == person_before
    found = registry.queries.corrections.get(cid)
    assert (found.state, found.reason) == ("rejected", "the letter is not evidence")
    with pytest.raises(Refused) as e:
        registry.execute(co.ApproveCorrection(cid, checker))
    assert e.value.rule == "correction_decided"


def test_a_designation_is_corrected_only_on_a_court_order(registry: Any) -> None:
    maker, checker, _ = accounts(registry)
    rey = add(registry, "Rey", date(2007, 3, 1), "beta")
    with pytest.raises(Refused) as e:
        registry.execute(co.RequestCorrection(rey, "designation", "omega", "a clerk's slip",
                                              maker))
    assert e.value.rule == "designation_court_order"
    assert corrections_rows(registry) == 0
    cid = registry.execute(co.RequestCorrection(rey, "designation", "Omega", "a clerk's slip",
                                                maker, court_order_ref="JFC-2026-77"))
    assert registry.queries.corrections.get(cid).court_order_ref == "JFC-2026-77"
    registry.execute(co.ApproveCorrection(cid, checker))
    assert registry.queries.people.person(rey).designation == "omega"


@pytest.mark.parametrize("cmd_args, rule", [
    (("legal_name", "Rey", "   "), "evidence_required"),
    (("legal_name", "Ray", "same"), "correction_changes_nothing"),
    (("born", "1850-01-01", "typo"), "date_range"),
    (("born", "2026-11-26", "typo"), "date_in_future"),
    (("parents", "1", "typo"), "parents_distinct"),
    (("colour", "blue", "typo"), "correction_field"),
])
def test_a_refused_request_writes_nothing(registry: Any, cmd_args: tuple[str, str, str],
                                          rule: str) -> None:
    maker, _, _ = accounts(registry)
    ray = add(registry, "Ray", date(2007, 3, 1))
    before = ledger_count(registry)
    field, value, evidence = cmd_args
    with pytest.raises((Refused, InvalidInput)) as e:
        registry.execute(co.RequestCorrection(ray, field, value, evidence, maker))
    assert e.value.rule == rule
    assert ledger_count(registry) == before and corrections_rows(registry) == 0


def test_only_a_registrar_requests_or_decides(registry: Any) -> None:
    maker, _, doctor = accounts(registry)
    rey = add(registry, "Rey", date(2007, 3, 1))
    with pytest.raises(Refused) as e:
        registry.execute(co.RequestCorrection(rey, "district", "Jakku", "lease", doctor))
    assert e.value.rule == "correction_by_registrar"
    cid = registry.execute(co.RequestCorrection(rey, "district", "Jakku", "lease", maker))
    with pytest.raises(Refused):
        registry.execute(co.ApproveCorrection(cid, doctor))


def test_a_birth_date_making_a_bonded_person_a_minor_is_refused(registry: Any) -> None:
    maker, checker, _ = accounts(registry)
    elder = add(registry, "Elder", date(1990, 1, 1), "beta")
    ward = add(registry, "Ward", date(2008, 1, 1), "omega")
    registry.execute(c.AppointGuardian(ward, elder, "Court", "O-1", date(2024, 1, 1)))
    with pytest.raises(Refused) as e:
        registry.execute(co.RequestCorrection(elder, "born", "2010-01-01", "typo", maker))
    assert e.value.rule == "correction_makes_minor" and "appointed a guardian" in e.value.message
    cid = registry.execute(co.RequestCorrection(elder, "born", "1991-01-01", "typo", maker))
    registry.execute(co.ApproveCorrection(cid, checker))
    assert registry.queries.people.person(elder).born == date(1991, 1, 1)


def test_a_second_request_for_the_same_fact_waits_for_the_first(registry: Any) -> None:
    maker, checker, _ = accounts(registry)
    rey = add(registry, "Rey", date(2007, 3, 1))
    registry.execute(co.RequestCorrection(rey, "district", "Jakku", "lease", maker))
    with pytest.raises(Refused) as e:
        registry.execute(co.RequestCorrection(rey, "district", "Naboo", "lease", checker))
    assert e.value.rule == "correction_pending"


def test_corrections_of_names_parents_and_scent_are_projected(registry: Any) -> None:
    maker, checker, _ = accounts(registry)
    han = add(registry, "Han", date(1970, 1, 1))
    leia = add(registry, "Leia", date(1972, 1, 1))
    ben = add(registry, "Ben", date(1995, 1, 1), parents=(han,))
    for field, value in (("parents", f"{han}, {leia}"), ("other_names", "work: Kylo"),
                         ("scent", "0.6,0.8 | 0.8,0.6 | cedar")):
        cid = registry.execute(co.RequestCorrection(ben, field, value, "record", maker))
        registry.execute(co.ApproveCorrection(cid, checker))
    p = registry.queries.people.person(ben)
    assert p.parents == (han, leia) and [n.name for n in p.other_names] == ["Kylo"]
    assert p.scent is not None and p.scent.gives == (0.6, 0.8) and p.scent.notes == "cedar"
    from troth.registry.views import SearchFilter
    found = registry.queries.people.search(SearchFilter(text="kylo"), date(2026, 11, 25))
    assert [x.id for x in found.items] == [ben]


def test_a_stale_request_is_refused_on_approval(registry: Any) -> None:
    maker, checker, _ = accounts(registry)
    rey = add(registry, "Rey", date(2007, 3, 1))
    first = registry.execute(co.RequestCorrection(rey, "district", "Jakku", "lease", maker))
    registry.execute(co.ApproveCorrection(first, checker))
    second = registry.execute(co.RequestCorrection(rey, "district", "Naboo", "lease", maker))
    registry.execute(co.RejectCorrection(second, checker, "wrong"))
    assert registry.queries.corrections.list("pending") == []
    assert [x.id for x in registry.queries.corrections.list()] == [second, first]
    assert [x.id for x in registry.queries.corrections.list("approved")] == [first]


def test_a_corrected_birth_date_changes_as_of_only_from_the_correction_on(
        registry: Any, clock: Any) -> None:
    """As of D (as recorded by D) the original until the correction's day; as known today,
    the corrected date for every earlier D too."""
    maker, checker, _ = accounts(registry)
    clock.set(date(2026, 1, 10))
    rey = add(registry, "Rey", date(2007, 3, 1))
    cid = registry.execute(co.RequestCorrection(rey, "born", "2007-05-01", "hospital record",
                                                maker))
    clock.set(date(2026, 6, 1))
    registry.execute(co.ApproveCorrection(cid, checker))
    reads, today = registry.queries.people, date(2026, 6, 1)
    assert reads.snapshot(rey, date(2026, 5, 31)).born == date(2007, 3, 1)
    assert reads.snapshot(rey, date(2026, 6, 1)).born == date(2007, 5, 1)
    assert reads.snapshot(rey, date(2026, 5, 31), recorded_by=today).born == date(2007, 5, 1)
    # on 1 April 2007 she was on record (born 1 March) as the registry said then ...
    assert reads.snapshot(rey, date(2007, 4, 1), recorded_by=date(2026, 5, 31)).exists
    # ... and, as known today, not yet born
    assert not reads.snapshot(rey, date(2007, 4, 1), recorded_by=today).exists
    as_of = [h.kind for h in reads.history(rey, as_of=date(2026, 5, 31))]
    known = [h.kind for h in reads.history(rey, as_of=date(2026, 5, 31), recorded_by=today)]
    assert "correction_approved" not in as_of and "correction_approved" in known


def test_an_approval_that_fails_half_way_leaves_neither_fact_nor_entry(
        registry: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ledger entry is appended before the projection runs; a failure in the projection
    rolls the entry back with it: one transaction."""
    import troth.store.projections.corrections as projection

    maker, checker, _ = accounts(registry)
    rey = add(registry, "Ray", date(2007, 3, 1))
    cid = registry.execute(co.RequestCorrection(rey, "legal_name", "Rey", "certificate",
                                                maker))
    before = ledger_count(registry)

    def broken(*args: Any, **kw: Any) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(projection, "_person", broken)
    with pytest.raises(RuntimeError):
        registry.execute(co.ApproveCorrection(cid, checker))
    assert ledger_count(registry) == before
    assert registry.queries.people.person(rey).legal_name == "Ray"
    assert registry.queries.corrections.get(cid).state == "pending"
    monkeypatch.undo()
    registry.execute(co.ApproveCorrection(cid, checker))
    assert registry.queries.people.person(rey).legal_name == "Rey"
    assert registry.queries.people.verify().ok


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_for_any_date_as_of_tells_the_original_before_the_correction_and_after_it_the_new(
        registry: Any, clock: Any) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    maker, checker, _ = accounts(registry)
    clock.set(date(2020, 1, 10))
    rey = add(registry, "Rey", date(2007, 3, 1))
    cid = registry.execute(co.RequestCorrection(rey, "born", "2007-05-01", "record", maker))
    clock.set(date(2024, 6, 1))
    registry.execute(co.ApproveCorrection(cid, checker))
    reads, today = registry.queries.people, date(2024, 6, 1)

    @settings(max_examples=40, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(day=st.dates(date(2020, 1, 10), date(2026, 1, 1)))
    def check(day: date) -> None:
        then = reads.snapshot(rey, day)
        assert then.born == (date(2007, 3, 1) if day < today else date(2007, 5, 1))
        assert reads.snapshot(rey, day, recorded_by=today).born == date(2007, 5, 1)

    check()


def test_a_designation_is_not_corrected_while_a_courtship_is_in_progress(
        registry: Any) -> None:
    maker, _, _ = accounts(registry)
    ben = add(registry, "Ben", date(1999, 10, 25), "alpha")
    rey = add(registry, "Rey", date(2006, 3, 1), "omega")
    cid = registry.execute(c.ProposeIntroduction(ben, rey, None, date(2026, 6, 1)))
    with pytest.raises(Refused) as e:
        registry.execute(co.RequestCorrection(ben, "designation", "beta", "slip", maker,
                                              court_order_ref="C-9"))
    assert e.value.rule == "designation_in_use" and f"courtship #{cid}" in e.value.message
