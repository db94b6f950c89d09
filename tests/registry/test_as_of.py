"""Folding the whole ledger reproduces the current state (the two never disagree)."""

from datetime import date

from tests.registry.helpers import add
from troth.domain import commands as c


def test_the_snapshot_today_agrees_with_the_current_record(registry) -> None:
    rey = add(registry, "Rey", date(2007, 3, 1), "omega")
    plutt = add(registry, "Unkar Plutt", date(1970, 2, 3), "beta")
    registry.execute(c.AppointGuardian(rey, plutt, "JFC", "1", date(2021, 6, 1)))
    today = registry.clock.today()
    for pid in (rey, plutt):
        p = registry.queries.people.person(pid)
        snap = registry.queries.people.snapshot(pid, today)
        assert (snap.legal_name, snap.born, snap.designation, snap.died) == (
            p.legal_name, p.born, p.designation, p.died)
    g = registry.queries.people.guardian_of(rey, today)
    assert registry.queries.people.snapshot(rey, today).guardian_id == g.guardian_id
    assert registry.queries.people.snapshot(plutt, today).wards == [rey]


def test_as_recorded_by_a_date_hides_entries_recorded_later(registry) -> None:
    rey = add(registry, "Rey", date(2007, 3, 1))
    registry.clock.set(date(2026, 12, 1))
    registry.execute(c.RecordPresentation(rey, "omega", date(2021, 5, 1)))
    # as of 1 January, as the registry had recorded it then: not yet presented
    assert registry.queries.people.snapshot(rey, date(2026, 1, 1)).designation is None
    as_known_today = registry.queries.people.snapshot(rey, date(2026, 1, 1),
                                                      recorded_by=date(2026, 12, 1))
    assert as_known_today.designation == "omega"
    as_known_on_nov_30 = registry.queries.people.snapshot(rey, date(2026, 1, 1),
                                                 recorded_by=date(2026, 11, 30))
    assert as_known_on_nov_30.exists and as_known_on_nov_30.designation is None
