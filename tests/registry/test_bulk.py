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
        assert registry.reads.count_people() == 0  # nothing visible before the commit
        bulk.commit()
    assert registry.reads.person(rey).designation == "omega"
    assert registry.reads.person(ben).legal_name == "Ben"
    assert registry.reads.verify().ok and registry.reads.checkpoint().count == 3


def test_a_bulk_import_not_committed_leaves_nothing(registry) -> None:
    with registry.bulk() as bulk:
        bulk.execute(c.RegisterPerson("Rey", date(2007, 3, 1)))
    assert registry.reads.count_people() == 0 and registry.reads.checkpoint().count == 0
