"""History files, and the cohort generator's known truths."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from troth.cycles import CohortSpec, generate_cohort, parse_history
from troth.domain.errors import InvalidInput


def test_a_json_history_reads_heats_bond_and_finding() -> None:
    h = parse_history('{"bond_date": "2024-03-01", "heats": [{"start": "2024-04-10",'
                      ' "end": "2024-04-14"}, {"start": "2024-02-01", "excluded": true}],'
                      ' "finding": {"recorded_on": "2024-05-01", "reason": "after illness"}}',
                      "json")
    assert h.bond_date == date(2024, 3, 1)
    assert [x.start for x in h.heats] == [date(2024, 2, 1), date(2024, 4, 10)]
    assert h.heats[0].excluded and h.finding is not None and h.finding.reason == "after illness"


def test_a_csv_history_reads_start_end_and_excluded_columns() -> None:
    h = parse_history("start,end,excluded\n2024-01-01,2024-01-05,no\n2024-02-10,,yes\n", "csv")
    assert h.heats[1].excluded and h.heats[1].end is None and not h.heats[0].excluded


@pytest.mark.parametrize(("text", "fmt", "words"), [
    ("{not json", "json", "not valid JSON"),
    ('{"heats": [{"end": "2024-01-01"}]}', "json", "no start date"),
    ('{"heats": [{"start": "2024-13-01"}]}', "json", "not a date"),
    ("start,excluded\n2024-01-01,perhaps\n", "csv", "true or false"),
    ("start\n2024-01-01\n2024-01-01\n", "csv", "same start date"),
    ("", "xml", "unknown history format"),
])
def test_a_malformed_history_is_refused_with_a_clear_reason(text: str, fmt: str,
                                                             words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        parse_history(text, fmt)


def test_the_same_seed_generates_the_same_cohort() -> None:
    a, b = generate_cohort(CohortSpec(persons=30), 5), generate_cohort(CohortSpec(persons=30), 5)
    assert [p.history for p in a] == [p.history for p in b]


def test_the_cohort_keeps_its_stated_shares_of_missed_records_and_of_people_without_heats(
) -> None:
    cohort = generate_cohort(CohortSpec(persons=300), 11)
    recorded = np.concatenate([p.recorded for p in cohort if p.recorded.size])
    assert 0.85 < recorded.mean() < 0.95  # missed rates uniform on 0–20%
    never = [p for p in cohort if p.never]
    assert 5 <= len(never) <= 30 and all(not p.history.heats for p in never)


def test_a_bond_cancels_the_heat_due_and_the_first_heat_after_it_waits_the_transition() -> None:
    cohort = generate_cohort(CohortSpec(persons=200), 3)
    waits = []
    for p in cohort:
        if p.bond_day is not None and not p.never:
            after = p.heat_days[p.heat_days >= p.bond_day]
            before = p.heat_days[p.heat_days < p.bond_day]
            if after.size and before.size:
                waits.append(after[0] - p.bond_day)
    assert 35 < float(np.mean(waits)) < 55  # Gamma, mean 45 days (plus rare illness delays)


def test_recorded_heats_follow_the_true_heat_days() -> None:
    p = next(p for p in generate_cohort(CohortSpec(persons=10), 2) if p.history.heats)
    truth = [p.origin + timedelta(days=int(t)) for t, r in zip(p.heat_days, p.recorded,
                                                                strict=True) if r]
    assert [h.start for h in p.history.heats] == truth
