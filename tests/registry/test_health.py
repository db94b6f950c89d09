"""Health records belong to their owner: who may read and write them, and what the ledger
sees (a digest, never the content)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.registry.helpers import add
from tests.store_access import reader
from troth.domain import commands as c
from troth.domain.errors import NotFound, Refused
from troth.registry.health import history_of, readable_file
from troth.store import tables as t
from troth.store.repositories.health import digest, health_entries

CANARY = "canary-7f3a9c-private-note"


@pytest.fixture
def people(registry):
    return {
        "rey": add(registry, "Rey", date(2007, 3, 1), "omega"),
        "ben": add(registry, "Ben Solo", date(1999, 10, 25), "alpha"),
        "doc": add(registry, "Harter Kalonia", date(1975, 8, 8), "beta"),
        "plutt": add(registry, "Unkar Plutt", date(1968, 2, 3), "beta"),
    }


def test_the_owner_records_and_reads_her_heats(registry, people) -> None:
    rey = people["rey"]
    hid = registry.execute(c.RecordHeat(rey, rey, date(2026, 8, 20), date(2026, 8, 24), 37.9, 7,
                                        True, CANARY))
    file = readable_file(registry.queries.health, rey, rey)
    assert file.heats[hid].end == date(2026, 8, 24) and file.heats[hid].notes == CANARY


def test_nobody_else_reads_or_writes_without_her_share(registry, people) -> None:
    rey, plutt, doc = people["rey"], people["plutt"], people["doc"]
    registry.execute(c.RecordHeat(rey, rey, date(2026, 8, 20)))
    for viewer in (plutt, doc, people["ben"]):
        with pytest.raises(Refused) as e:
            readable_file(registry.queries.health, rey, viewer)
        assert e.value.rule == "health_records_private"
    with pytest.raises(Refused) as e:
        registry.execute(c.RecordHeat(rey, plutt, date(2026, 9, 20)))
    assert e.value.rule == "health_owner_or_physician"
    with pytest.raises(Refused) as e:
        registry.execute(c.ShareHealth(rey, plutt, "physician", by_id=plutt))
    assert e.value.rule == "health_owner_shares"


def test_a_chosen_physician_writes_a_partner_only_reads_and_revocation_is_immediate(
        registry, people) -> None:
    rey, doc, ben = people["rey"], people["doc"], people["ben"]
    registry.execute(c.ShareHealth(rey, doc, "physician"))
    registry.execute(c.ShareHealth(rey, ben, "partner"))
    registry.execute(c.RecordHeat(rey, doc, date(2026, 8, 20)))
    assert readable_file(registry.queries.health, rey, ben).heats
    with pytest.raises(Refused):
        registry.execute(c.RecordHeat(rey, ben, date(2026, 9, 20)))
    registry.execute(c.ShareHealth(rey, ben, grant=False))
    with pytest.raises(Refused):
        readable_file(registry.queries.health, rey, ben)


def test_a_correction_keeps_the_original_and_an_exclusion_is_flagged(registry, people) -> None:
    rey = people["rey"]
    hid = registry.execute(c.RecordHeat(rey, rey, date(2026, 8, 20)))
    registry.execute(c.CorrectHeat(hid, rey, date(2026, 8, 19), date(2026, 8, 23)))
    registry.execute(c.ExcludeHeat(hid, rey, "a fever at the time"))
    file = readable_file(registry.queries.health, rey, rey)
    heat = file.heats[hid]
    assert (heat.start, heat.corrected, heat.excluded) == (date(2026, 8, 19), True, True)
    kinds = [e.type for e in registry.queries.health.entries(rey)]
    assert kinds == ["heat", "heat_correction", "heat_exclusion"]


def test_the_ledger_holds_a_digest_of_each_entry_and_never_its_content(registry, people) -> None:
    rey = people["rey"]
    registry.execute(c.RecordHeat(rey, rey, date(2026, 8, 20), notes=CANARY))
    with reader(registry) as conn:
        ledger = conn.execute(select(t.ledger.c.data).where(
            t.ledger.c.kind == "health_entry_recorded")).scalars().all()
        row = conn.execute(select(health_entries)).mappings().one()
    assert len(ledger) == 1 and CANARY not in ledger[0] and f'"{rey}"' not in ledger[0]
    import json

    assert json.loads(ledger[0])["digest"] == digest(row["salt"], rey, "heat",
                                                     json.loads(row["content"]))
    assert all("health" not in h.kind for h in registry.queries.people.history(rey))


def test_a_pregnancy_follows_a_heat_and_ends_in_a_registered_birth(registry, people) -> None:
    rey, ben = people["rey"], people["ben"]
    hid = registry.execute(c.RecordHeat(rey, rey, date(2026, 8, 20)))
    pid = registry.execute(c.RecordPregnancy(rey, rey, heat_id=hid))
    preg = readable_file(registry.queries.health, rey, rey).pregnancies[pid]
    assert preg.expected_birth == date(2026, 8, 20) + timedelta(days=266)
    with pytest.raises(Refused):
        registry.execute(c.RecordPregnancy(rey, rey, date(2026, 9, 1)))
    registry.clock.set(date(2027, 5, 14))
    child = registry.execute(c.RegisterBirth("Leia Solo", date(2027, 5, 12), (rey, ben)))
    registry.execute(c.EndPregnancy(pid, rey, date(2027, 5, 12), "birth", child))
    assert readable_file(registry.queries.health, rey, rey).pregnancies[pid].child_id == child


def test_only_omegas_have_heats(registry, people) -> None:
    with pytest.raises(Refused) as e:
        registry.execute(c.RecordHeat(people["ben"], people["ben"], date(2026, 8, 20)))
    assert e.value.rule == "heats_are_omegas"


def test_the_forecaster_sees_heats_exclusions_and_the_bond(registry, people) -> None:
    rey = people["rey"]
    for start in (date(2026, 1, 5), date(2026, 2, 6), date(2026, 3, 8)):
        registry.execute(c.RecordHeat(rey, rey, start))
    history = history_of(registry.queries.health.file(rey), date(2021, 5, 1), date(2026, 3, 1))
    assert [h.start for h in history.heats] == [date(2026, 1, 5), date(2026, 2, 6),
                                                date(2026, 3, 8)]
    assert history.bond_date == date(2026, 3, 1)


def test_a_pregnancy_is_not_a_heat_and_is_not_excluded_as_one(registry, people) -> None:
    rey = people["rey"]
    hid = registry.execute(c.RecordHeat(rey, rey, date(2026, 8, 20)))
    pid = registry.execute(c.RecordPregnancy(rey, rey, heat_id=hid))
    with pytest.raises(NotFound) as e:
        registry.execute(c.ExcludeHeat(pid, rey, "not a heat"))
    assert e.value.rule == "health_entry_exists"
    with pytest.raises(NotFound):
        registry.execute(c.CorrectHeat(pid, rey, date(2026, 8, 19)))
    assert [x.type for x in registry.queries.health.entries(rey)] == ["heat", "pregnancy"]


def test_another_persons_entry_is_answered_as_if_it_did_not_exist(registry, people) -> None:
    rey, ben = people["rey"], people["ben"]
    jannah = add(registry, "Jannah", date(1998, 2, 2), "omega")
    theirs = registry.execute(c.RecordHeat(jannah, jannah, date(2026, 8, 1)))
    preg = registry.execute(c.RecordPregnancy(jannah, jannah, heat_id=theirs))
    answers = []
    for cmd in (c.CorrectHeat(theirs, rey, date(2026, 8, 2)),
                c.CorrectHeat(999_999, rey, date(2026, 8, 2)),
                c.ExcludeHeat(theirs, rey, "x"), c.ExcludeHeat(999_999, rey, "x"),
                c.EndPregnancy(preg, ben, date(2026, 9, 1), "other"),
                c.EndPregnancy(999_999, ben, date(2026, 9, 1), "other")):
        with pytest.raises(NotFound) as e:
            registry.execute(cmd)
        answers.append((e.value.rule, e.value.message.replace(str(cmd.__dict__.get(
            "heat_id", cmd.__dict__.get("pregnancy_id"))), "#")))
    assert len(set(answers[0:2])) == len(set(answers[2:4])) == len(set(answers[4:6])) == 1
