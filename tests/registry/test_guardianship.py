import contextlib
import itertools
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.registry.helpers import add, ledger_count
from troth.domain import commands as c
from troth.domain.errors import Refused, TrothError


def cast(reg):
    rey = add(reg, "Rey", date(2007, 3, 1), "omega")
    plutt = add(reg, "Unkar Plutt", date(1970, 2, 3), "beta")
    maz = add(reg, "Maz Kanata", date(1950, 1, 1), "beta")
    return rey, plutt, maz


def test_who_was_the_guardian_on_a_date(registry) -> None:
    rey, plutt, maz = cast(registry)
    registry.execute(c.AppointGuardian(rey, plutt, "Jakku Family Court", "JFC-118",
                                       date(2021, 6, 1)))
    registry.execute(c.TransferGuardianship(rey, maz, "Jakku Family Court", "JFC-240",
                                            date(2026, 3, 1), "ward's petition"))
    of = lambda d: registry.queries.people.guardian_of(rey, d)  # noqa: E731
    assert of(date(2021, 5, 31)) is None
    assert of(date(2021, 6, 1)).guardian_id == plutt
    assert of(date(2026, 2, 28)).guardian_id == plutt
    assert of(date(2026, 3, 1)).guardian_id == maz


def test_an_overlapping_guardianship_is_refused_and_nothing_written(registry) -> None:
    rey, plutt, maz = cast(registry)
    registry.execute(c.AppointGuardian(rey, plutt, "JFC", "1", date(2021, 6, 1)))
    before = ledger_count(registry)
    with pytest.raises(Refused) as e:
        registry.execute(c.AppointGuardian(rey, maz, "JFC", "2", date(2023, 1, 1)))
    assert e.value.rule == "one_guardian_at_a_time"
    assert ledger_count(registry) == before


def test_a_guardian_cannot_be_the_ward(registry) -> None:
    rey, _, _ = cast(registry)
    with pytest.raises(Refused) as e:
        registry.execute(c.AppointGuardian(rey, rey, "JFC", "1", date(2021, 6, 1)))
    assert e.value.rule == "guardian_not_ward"


def test_a_guardian_who_is_not_a_beta_needs_a_recorded_reason(registry) -> None:
    rey, _, _ = cast(registry)
    luke = add(registry, "Luke Skywalker", date(1960, 1, 1), "alpha")
    with pytest.raises(Refused) as e:
        registry.execute(c.AppointGuardian(rey, luke, "JFC", "1", date(2021, 6, 1)))
    assert e.value.rule == "guardian_designation_custom"
    registry.execute(c.AppointGuardian(rey, luke, "JFC", "1", date(2021, 6, 1),
                                       reason="no Beta relative available"))
    assert registry.queries.people.guardian_of(rey, date(2022, 1, 1)).guardian_id == luke


def test_a_failed_transfer_leaves_the_current_guardian_in_place(registry) -> None:
    rey, plutt, _ = cast(registry)
    registry.execute(c.AppointGuardian(rey, plutt, "JFC", "1", date(2021, 6, 1)))
    before = ledger_count(registry)
    with pytest.raises(TrothError):
        registry.execute(c.TransferGuardianship(rey, 999, "JFC", "2", date(2023, 1, 1)))
    assert registry.queries.people.guardian_of(rey, date(2024, 1, 1)).guardian_id == plutt
    assert ledger_count(registry) == before


def test_the_guardians_death_ends_the_guardianship(registry) -> None:
    rey, plutt, _ = cast(registry)
    registry.execute(c.AppointGuardian(rey, plutt, "JFC", "1", date(2021, 6, 1)))
    registry.execute(c.RecordDeath(plutt, date(2025, 6, 1)))
    assert registry.queries.people.guardian_of(rey, date(2025, 6, 2)) is None
    assert registry.queries.people.guardian_of(rey, date(2025, 5, 31)).guardian_id == plutt


def test_history_is_newest_first_and_as_of_a_date(registry) -> None:
    rey, plutt, _ = cast(registry)  # Rey presents on 2021-03-01
    registry.execute(c.AppointGuardian(rey, plutt, "Jakku Family Court", "JFC-118",
                                       date(2021, 6, 1)))
    texts = [h.text for h in registry.queries.people.history(rey)]
    assert "appointed guardian of Rey" in texts[0]
    assert texts[1].startswith("Rey (#1) presented as Omega")
    today = registry.clock.today()  # everything was recorded today: "as known today"
    early = registry.queries.people.history(rey, as_of=date(2021, 4, 1), recorded_by=today)
    assert [h.kind for h in early] == ["presented", "person_registered"]
    assert registry.queries.people.history(rey, as_of=date(2021, 4, 1)) == []  # as of then
    assert registry.queries.people.snapshot(rey, date(2021, 4, 1), today).guardian_id is None
    snap = registry.queries.people.snapshot(rey, date(2022, 1, 1), today)
    assert snap.guardian_id == plutt and snap.designation == "omega"


_RUNS = itertools.count()
_FAMILIES = ("Abbott", "Bell", "Carver", "Dunmore", "Ellery", "Fairlie", "Garrow", "Hale",
             "Ives", "Jessop", "Keel", "Lowell", "Marsh", "Nyland", "Orme", "Pryce", "Quill",
             "Rowan", "Sallow", "Thorne", "Upton", "Vance", "Wilde", "Yeats")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["appoint", "transfer", "end", "revoke"]),
                          st.integers(0, 4000), st.integers(0, 2)), max_size=12))
def test_a_ward_never_has_two_guardians_on_one_date(registry, steps) -> None:
    # Examples share the registry: each registers people of its own (another family name,
    # other birth dates), not the same people again, which linkage would refuse.
    run = next(_RUNS)
    family = _FAMILIES[run % len(_FAMILIES)]
    ward = add(registry, f"Ward {family}", date(2000, 1, 1 + 2 * (run // len(_FAMILIES))),
               "omega")
    gs = [add(registry, f"G{i} {family}", date(1960, 1, 1) + timedelta(days=40 * run), "beta")
          for i in range(3)]
    base = date(2014, 6, 1)  # after the ward presented (2014-01-01)
    for kind, offset, who in steps:
        day = base + timedelta(days=offset)
        cmd = {"appoint": c.AppointGuardian(ward, gs[who], "C", "o", day),
               "transfer": c.TransferGuardianship(ward, gs[who], "C", "o", day),
               "end": c.EndGuardianship(ward, day, "ended"),
               "revoke": c.EndGuardianship(ward, day, "revoked")}[kind]
        with contextlib.suppress(TrothError):
            registry.execute(cmd)
    spans = [g for g in registry.queries.people.guardianships_of(ward) if g.ward_id == ward]
    for i, a in enumerate(spans):
        for b in spans[i + 1:]:
            assert not a.overlaps(b.start, b.end), (a, b)
    assert registry.queries.people.verify().ok
