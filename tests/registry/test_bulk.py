from datetime import date

import pytest

from troth.domain import commands as c
from troth.domain.errors import Refused


def test_a_bulk_import_applies_the_rules_and_keeps_going_after_a_refusal(registry) -> None:
    with registry.bulk() as bulk:
        rey = bulk.execute(c.RegisterPerson("Rey", date(2007, 3, 1)))
        bulk.execute(c.RecordPresentation(rey, "omega", date(2021, 5, 1)))
        with pytest.raises(Refused):
            bulk.execute(c.RecordPresentation(rey, "alpha", date(2022, 1, 1)))
        ben = bulk.execute(c.RegisterPerson("Ben", date(1999, 10, 25)))
        assert registry.queries.people.count_people() == 0  # nothing visible before the commit
        bulk.commit()
    assert registry.queries.people.person(rey).designation == "omega"
    assert registry.queries.people.person(ben).legal_name == "Ben"
    assert registry.queries.people.verify().ok and registry.queries.people.checkpoint().count == 3


def test_a_bulk_import_not_committed_leaves_nothing(registry) -> None:
    with registry.bulk() as bulk:
        bulk.execute(c.RegisterPerson("Rey", date(2007, 3, 1)))
    reads = registry.queries.people
    assert reads.count_people() == 0 and reads.checkpoint().count == 0


def test_a_session_judges_each_command_on_the_records_as_the_commands_before_left_them(
        registry) -> None:
    """People loaded once per session are re-read after a command changes them."""
    with registry.bulk() as bulk:
        mum = bulk.execute(c.RegisterPerson("Leia", date(1980, 5, 4)))
        kid = bulk.execute(c.RegisterBirth("Ben", date(2000, 10, 25), (mum,)))
        bulk.execute(c.RecordDeath(mum, date(2010, 1, 2)))
        with pytest.raises(Refused) as late:  # she is known dead, though loaded alive above
            bulk.execute(c.RegisterBirth("Jaina", date(2011, 1, 1), (mum,)))
        bulk.execute(c.RecordPresentation(kid, "alpha", date(2015, 1, 1)))
        with pytest.raises(Refused):  # and he is known presented
            bulk.execute(c.RecordPresentation(kid, "omega", date(2016, 1, 1)))
        bulk.commit()
    assert late.value.rule
    assert registry.queries.people.person(kid).designation == "alpha"
    assert registry.queries.people.count_people() == 2 and registry.queries.people.verify().ok


def test_a_command_rolled_back_to_its_savepoint_leaves_nothing_in_the_sessions_memory(
        registry) -> None:
    from troth.domain.events import Presented

    with registry.bulk() as bulk:
        rey = bulk.execute(c.RegisterPerson("Rey", date(2007, 3, 1)))
        uow = bulk.uow
        uow.begin_command()  # as Bulk.execute does: a change, then a refusal
        uow.record(Presented(rey, "omega", date(2021, 5, 1)))
        assert uow.people.get(rey).designation == "omega"
        uow.abandon_command()
        assert uow.people.get(rey).designation is None
        bulk.execute(c.RecordPresentation(rey, "alpha", date(2022, 1, 1)))  # not refused
        bulk.commit()
    assert registry.queries.people.person(rey).designation == "alpha"
    assert registry.queries.people.verify().ok and registry.queries.people.checkpoint().count == 2
