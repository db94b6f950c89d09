"""A person's history folded "as of" a date, and people's events told in plain words."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

import troth.domain.courtship_history  # noqa: F401  (courtship events fold and tell too)
from troth.domain import courtship_events as evc
from troth.domain import events as ev
from troth.domain.history import describe, fold

REY, PLUTT, BEN, OTHER = 2, 3, 1, 9
BORN = date(2006, 4, 1)
NAMES = {REY: "Rey", PLUTT: "Unkar Plutt", BEN: "Ben Solo"}
days = st.dates(date(2000, 1, 1), date(2035, 12, 31))


def registered(pid: int = REY, born: date = BORN, parents: tuple[int, ...] = ()
               ) -> ev.PersonRegistered:
    return ev.PersonRegistered(pid, NAMES.get(pid, "P"), born, parents=parents)


def appointed(start: date) -> ev.GuardianAppointed:
    return ev.GuardianAppointed(1, REY, PLUTT, "Jakku Family Court", "JFC-2019-114", start)


def ended(end: date, how: str = "transferred") -> ev.GuardianshipEnded:
    return ev.GuardianshipEnded(1, REY, PLUTT, end, how)


def test_nothing_is_known_of_a_person_before_her_birth() -> None:
    events = [registered()]
    assert not fold(REY, BORN - timedelta(days=1), events).exists
    snap = fold(REY, BORN, events)
    assert (snap.exists, snap.legal_name, snap.born) == (True, "Rey", BORN)


def test_a_childs_registration_does_not_rename_the_parent() -> None:
    events = [registered(PLUTT, date(1960, 1, 1)), registered(REY, BORN, parents=(PLUTT,))]
    assert fold(PLUTT, date(2026, 1, 1), events).legal_name == "Unkar Plutt"


def test_events_of_other_people_do_not_change_her_history() -> None:
    events = [registered(), ev.Presented(OTHER, "alpha", date(2020, 1, 1))]
    assert fold(REY, date(2026, 1, 1), events).designation is None


@settings(max_examples=40, deadline=None)
@given(days, days)
def test_a_designation_is_shown_iff_the_day_asked_is_on_or_after_the_presentation(
        presented: date, day: date) -> None:
    snap = fold(REY, day, [registered(date(1999, 1, 1)), ev.Presented(REY, "omega", presented)])
    assert (snap.designation == "omega") == (day >= presented)
    assert (snap.presented_on is not None) == (day >= presented)


@settings(max_examples=40, deadline=None)
@given(days, st.integers(1, 3000), days)
def test_a_guardian_is_shown_from_the_start_of_the_order_until_it_ends(
        start: date, length: int, day: date) -> None:
    end = start + timedelta(days=length)
    events = [appointed(start), ended(end)]
    assert (fold(REY, day, events).guardian_id == PLUTT) == (start <= day < end)
    assert (REY in fold(PLUTT, day, events).wards) == (start <= day < end)


def test_a_death_is_shown_from_its_date() -> None:
    events = [registered(), ev.DeathRecorded(REY, date(2090, 1, 1))]
    assert fold(REY, date(2089, 12, 31), events).died is None
    assert fold(REY, date(2090, 1, 1), events).died == date(2090, 1, 1)


def sealed(on: date) -> evc.BondSealed:
    return evc.BondSealed(40, 5, 10, BEN, REY, 7, ("Han",), "12 Garden Row", "TR-0040", (), on)


def annulled(on: date, dissolved: date | None, granted: bool = True) -> evc.AnnulmentDecided:
    return evc.AnnulmentDecided(50, 40, BEN, REY, granted, "both heard", dissolved, on)


def test_a_bonding_shows_the_partner_and_ends_the_guardianship_from_its_day() -> None:
    events = [registered(), appointed(date(2019, 6, 1)), sealed(date(2026, 4, 18))]
    before, after = fold(REY, date(2026, 4, 17), events), fold(REY, date(2026, 4, 18), events)
    assert (before.bonded_to, before.guardian_id) == (None, PLUTT)
    assert (after.bonded_to, after.guardian_id) == (BEN, None)
    assert fold(BEN, date(2026, 4, 18), events).bonded_to == REY


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 500), st.integers(0, 200), days)
def test_a_granted_annulment_shows_the_bond_until_the_day_it_is_dissolved(
        decided_after: int, dissolves_after: int, day: date) -> None:
    seal_day = date(2026, 4, 18)
    decided = seal_day + timedelta(days=decided_after)
    dissolved = decided + timedelta(days=dissolves_after)
    snap = fold(REY, day, [sealed(seal_day), annulled(decided, dissolved)])
    assert (snap.bonded_to == BEN) == (seal_day <= day < dissolved)


def test_a_refused_annulment_leaves_the_bond() -> None:
    events = [sealed(date(2026, 4, 18)), annulled(date(2026, 10, 1), None, granted=False)]
    assert fold(REY, date(2027, 1, 1), events).bonded_to == BEN


# --- plain words ------------------------------------------------------------------------


def test_a_birth_is_told_with_the_parents() -> None:
    e = ev.PersonRegistered(BEN, "Ben Solo", date(1995, 10, 25), parents=(PLUTT,),
                            as_birth=True)
    assert describe(e, NAMES) == ("Birth registered: Ben Solo (#1), born 1995-10-25,"
                                  " child of Unkar Plutt (#3)")


def test_a_presentation_is_told_with_its_recorded_reason() -> None:
    e = ev.Presented(REY, "omega", date(2027, 1, 1), "late presentation, clinic")
    assert describe(e, NAMES) == ("Rey (#2) presented as Omega on 2027-01-01"
                                  " (reason recorded: late presentation, clinic)")


def test_an_appointment_is_told_with_its_court_and_order() -> None:
    assert describe(appointed(date(2019, 6, 1)), NAMES) == (
        "Unkar Plutt (#3) appointed guardian of Rey (#2) by Jakku Family Court,"
        " order JFC-2019-114, from 2019-06-01")


def test_a_revoked_guardianship_is_told_as_revoked_by_the_court() -> None:
    assert describe(ended(date(2026, 4, 1), "revoked"), NAMES) == (
        "Guardianship of Rey (#2) by Unkar Plutt (#3) revoked by the court on 2026-04-01")


def test_a_person_without_a_known_name_is_told_by_number() -> None:
    assert describe(ev.DeathRecorded(OTHER, date(2020, 1, 1)), NAMES) == (
        "Death of person (#9) recorded, on 2020-01-01")


def test_an_event_without_its_own_words_is_told_by_its_kind() -> None:
    e = evc.HealthEntryRecorded(7, "digest", date(2026, 5, 1))
    assert describe(e, NAMES) == "Health entry recorded"


timeline = st.lists(st.one_of(
    st.builds(ev.Presented, st.just(REY), st.sampled_from(["omega", "alpha"]), days),
    st.builds(ev.DeathRecorded, st.just(REY), days),
    st.builds(appointed, days),
    st.builds(ended, days, st.sampled_from(["transferred", "revoked", "bonded"])),
    st.builds(sealed, days),
), max_size=8)


@settings(max_examples=40, deadline=None)
@given(timeline, days)
def test_a_snapshot_as_of_a_day_is_unchanged_by_events_that_take_effect_later(
        events: list[ev.Event], day: date) -> None:
    events = [registered(date(1990, 1, 1)), *events]
    effective_by_then = [e for e in events if e.effective <= day]
    assert fold(REY, day, events) == fold(REY, day, effective_by_then)
