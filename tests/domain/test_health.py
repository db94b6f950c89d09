"""Health files: the owner's own; readable only by her and those she chose; shares revocable."""

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.domain import health as h
from troth.domain.errors import InvalidInput, Refused
from troth.domain.people import Designation, Person

OWNER, PHYSICIAN, PARTNER, GUARDIAN, STRANGER = 2, 9, 1, 3, 40
TODAY = date(2026, 11, 1)


def rey() -> Person:
    return Person(OWNER, "Rey", date(2006, 4, 1), designation=Designation.OMEGA)


def entry(eid: int, type_: str, content: dict[str, Any], by: int = OWNER) -> h.HealthEntry:
    return h.HealthEntry(eid, OWNER, type_, content, by, TODAY)


def share(eid: int, grantee: int, role: str, grant: bool = True) -> h.HealthEntry:
    return entry(eid, "share_granted" if grant else "share_revoked",
                 {"grantee_id": grantee, "role": role})


def file_with(*entries: h.HealthEntry) -> h.HealthFile:
    return h.fold(OWNER, list(entries))


def test_only_the_owner_reads_a_file_she_has_not_shared() -> None:
    f = file_with()
    assert f.may_read(OWNER)
    assert not any(f.may_read(p) for p in (PHYSICIAN, PARTNER, GUARDIAN, STRANGER))


def test_a_physician_and_a_partner_she_chose_may_read() -> None:
    f = file_with(share(1, PHYSICIAN, "physician"), share(2, PARTNER, "partner"))
    assert f.may_read(PHYSICIAN) and f.may_read(PARTNER)
    assert not f.may_read(GUARDIAN)


def test_a_partner_reads_but_only_the_owner_and_her_physician_write() -> None:
    f = file_with(share(1, PHYSICIAN, "physician"), share(2, PARTNER, "partner"))
    assert f.may_write(OWNER) and f.may_write(PHYSICIAN)
    assert not f.may_write(PARTNER) and not f.may_write(GUARDIAN)


def test_a_revoked_share_no_longer_reads_or_writes() -> None:
    f = file_with(share(1, PHYSICIAN, "physician"), share(2, PHYSICIAN, "physician", False))
    assert not f.may_read(PHYSICIAN) and not f.may_write(PHYSICIAN)


actions = st.lists(st.tuples(st.sampled_from([PHYSICIAN, PARTNER, STRANGER]),
                             st.sampled_from(["physician", "partner"]), st.booleans()),
                   max_size=12)


@settings(max_examples=40, deadline=None)
@given(actions)
def test_a_person_may_read_iff_her_last_word_on_them_was_a_grant(
        steps: list[tuple[int, str, bool]]) -> None:
    entries: list[h.HealthEntry] = []
    last: dict[int, bool] = {}
    for i, (grantee, role, grant) in enumerate(steps, start=1):
        current = h.fold(OWNER, entries)
        try:
            content = h.share_content(current, OWNER, OWNER, grantee, role, grant)
        except Refused:
            assert not grant and grantee not in current.shares
            continue
        entries.append(entry(i, "share_granted" if grant else "share_revoked", content))
        last[grantee] = grant
    final = h.fold(OWNER, entries)
    for grantee in (PHYSICIAN, PARTNER, STRANGER):
        assert final.may_read(grantee) == last.get(grantee, False)
    assert final.may_read(OWNER)


@pytest.mark.parametrize("asker", [PHYSICIAN, PARTNER, GUARDIAN])
def test_only_the_owner_chooses_who_may_read(asker: int) -> None:
    with pytest.raises(Refused) as e:
        h.share_content(file_with(share(1, PHYSICIAN, "physician")), OWNER, asker, GUARDIAN,
                        "partner", True)
    assert e.value.rule == "health_owner_shares"


def test_a_share_is_with_a_physician_or_a_partner() -> None:
    with pytest.raises(InvalidInput):
        h.share_content(file_with(), OWNER, OWNER, GUARDIAN, "guardian", True)
    with pytest.raises(InvalidInput):
        h.share_content(file_with(), OWNER, OWNER, OWNER, "physician", True)


def test_revoking_a_share_that_does_not_exist_is_refused() -> None:
    with pytest.raises(Refused) as e:
        h.share_content(file_with(), OWNER, OWNER, PARTNER, "partner", False)
    assert e.value.rule == "health_share_exists"


def test_a_heat_is_written_by_the_owner_or_her_physician_only() -> None:
    f = file_with(share(1, PHYSICIAN, "physician"), share(2, PARTNER, "partner"))
    h.check_writer(f, rey(), OWNER)
    h.check_writer(f, rey(), PHYSICIAN)
    for writer in (PARTNER, GUARDIAN):
        with pytest.raises(Refused) as e:
            h.check_writer(f, rey(), writer)
        assert e.value.rule == "health_owner_or_physician"


def test_heats_are_recorded_for_omegas_only() -> None:
    beta = Person(OWNER, "Han", date(1960, 1, 1), designation=Designation.BETA)
    with pytest.raises(Refused) as e:
        h.check_writer(file_with(), beta, OWNER)
    assert e.value.rule == "heats_are_omegas"


def test_a_heat_is_recorded_with_its_signs() -> None:
    content = h.heat_content(date(2026, 9, 20), date(2026, 9, 24), 38.1, 7, True,
                             " stronger scent ", TODAY)
    f = file_with(entry(5, "heat", content))
    heat = f.heats[5]
    assert (heat.start, heat.end, heat.temperature, heat.scent_intensity) == (
        date(2026, 9, 20), date(2026, 9, 24), 38.1, 7)
    assert heat.seeks_partner and heat.notes == "stronger scent"


@pytest.mark.parametrize(("kw", "rule"), [
    ({"end": date(2026, 9, 19)}, "heat_dates"),
    ({"temperature": 45.0}, "heat_temperature"),
    ({"scent_intensity": 11}, "heat_scent"),
])
def test_a_heat_with_impossible_values_is_refused(kw: dict[str, Any], rule: str) -> None:
    args: dict[str, Any] = {"start": date(2026, 9, 20), "end": None, "temperature": None,
                            "scent_intensity": None, "seeks_partner": False, "notes": "",
                            "today": TODAY, **kw}
    with pytest.raises(InvalidInput) as e:
        h.heat_content(**args)
    assert e.value.rule == rule


def test_a_heat_starting_after_today_is_refused() -> None:
    with pytest.raises(Refused) as e:
        h.heat_content(TODAY + timedelta(days=1), None, None, None, False, "", TODAY)
    assert e.value.rule == "date_in_future"


def test_a_correction_keeps_the_heat_and_marks_it_corrected() -> None:
    f = file_with(entry(5, "heat", {"start": "2026-09-20", "end": None}),
                  entry(6, "heat_correction", {"heat_id": 5, "start": "2026-09-21",
                                               "end": "2026-09-25", "notes": "dates checked"}),
                  entry(7, "heat_exclusion", {"heat_id": 5, "excluded": True,
                                              "reason": "recorded in error"}))
    heat = f.heats[5]
    assert (heat.start, heat.end, heat.corrected) == (date(2026, 9, 21), date(2026, 9, 25), True)
    assert heat.excluded and heat.exclusion_reason == "recorded in error"


def test_a_pregnancy_expects_a_birth_thirty_eight_weeks_after_conception() -> None:
    f = file_with(entry(8, "pregnancy", {"estimated_conception": "2026-10-01"}),
                  entry(9, "pregnancy_end", {"pregnancy_id": 8, "on": "2027-06-20",
                                             "outcome": "birth", "child_id": 77}))
    p = f.pregnancies[8]
    assert p.expected_birth == date(2026, 10, 1) + timedelta(weeks=38)
    assert (p.ended_on, p.outcome, p.child_id) == (date(2027, 6, 20), "birth", 77)
