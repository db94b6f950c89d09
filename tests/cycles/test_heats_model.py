"""The model on hand-made histories: what a physician would expect it to say."""

from __future__ import annotations

from datetime import timedelta

from tests.cycles.histories import START, from_intervals, last
from troth.cycles import ForecastState, Regime, forecast


def width(interval: tuple[object, object] | None) -> int:
    assert interval is not None
    lo, hi = interval
    return (hi - lo).days + 1  # type: ignore[attr-defined, no-any-return]


def test_a_regular_bonded_history_gives_a_narrow_interval() -> None:
    h = from_intervals([40] * 10, bond_after=-10)
    fc = forecast(h, last(h))
    assert fc.state is ForecastState.FORECAST and fc.regime is Regime.BONDED
    assert width(fc.interval_80) <= 5
    assert fc.most_likely == last(h) + timedelta(days=40)
    assert fc.confidence.startswith("High confidence")


def test_an_irregular_history_gives_a_wider_interval_than_a_regular_one() -> None:
    regular = from_intervals([40] * 10, bond_after=-10)
    irregular = from_intervals([34, 46] * 5, bond_after=-10)
    assert width(forecast(irregular, last(irregular)).interval_80) > 2 * width(
        forecast(regular, last(regular)).interval_80)


def test_the_bond_date_resets_the_cycle_to_the_bonded_regime() -> None:
    intervals = [70, 64, 76, 68, 72, 66, 74, 38, 38, 38]
    bonded = from_intervals(intervals, bond_after=sum(intervals[:6]) + 5)
    unbonded = from_intervals(intervals)
    with_bond, without = forecast(bonded, last(bonded)), forecast(unbonded, last(unbonded))
    assert with_bond.regime is Regime.BONDED and with_bond.heats_used == 4
    assert with_bond.typical_interval is not None and abs(with_bond.typical_interval - 38) < 2
    assert without.typical_interval is not None and without.typical_interval > 50
    assert width(with_bond.interval_80) < width(without.interval_80)


def test_after_a_bond_without_a_heat_the_forecast_counts_from_the_bond() -> None:
    h = from_intervals([70, 66, 72], bond_after=230)
    fc = forecast(h, START + timedelta(days=240))
    assert fc.regime is Regime.TRANSITION and fc.anchor == START + timedelta(days=230)
    assert fc.interval_80 is not None and fc.interval_80[0] > fc.today
    assert "population patterns" in fc.confidence


def test_a_long_silence_raises_the_missed_record_probability_instead_of_stretching_the_date(
) -> None:
    h = from_intervals([40] * 10, bond_after=-10)
    soon = forecast(h, last(h) + timedelta(days=10))
    silent = forecast(h, last(h) + timedelta(days=60))
    assert soon.p_missed_since_anchor is not None and soon.p_missed_since_anchor < 0.05
    assert silent.p_missed_since_anchor is not None and silent.p_missed_since_anchor > 0.9
    assert silent.median is not None
    assert abs((silent.median - (last(h) + timedelta(days=80))).days) <= 2
    assert "unrecorded" in silent.confidence


def test_a_gap_of_two_cycles_is_read_as_a_missed_record_not_a_long_cycle() -> None:
    h = from_intervals([40, 40, 40, 80, 40, 40, 40], bond_after=-5)  # naive mean: 45.7
    fc = forecast(h, last(h))
    assert [(n.after, n.before) for n in fc.possible_missed] == [
        (h.heats[3].start, h.heats[4].start)]
    assert fc.possible_missed[0].probability > 0.9
    assert fc.typical_interval is not None and abs(fc.typical_interval - 40) < 1.5


def test_an_excluded_heat_does_not_teach_the_model_its_odd_interval() -> None:
    h = from_intervals([40, 40, 40, 55, 40, 40, 40, 40], bond_after=-10, excluded=frozenset({4}))
    fc = forecast(h, last(h))
    assert fc.typical_interval is not None and abs(fc.typical_interval - 40) < 1.5
    assert width(fc.interval_80) <= 6


def test_a_forecast_made_mid_cycle_conditions_on_the_days_already_elapsed() -> None:
    h = from_intervals([70, 58, 81, 64, 75, 69], bond_after=None)
    at_start, late = forecast(h, last(h)), forecast(h, last(h) + timedelta(days=65))
    assert at_start.interval_80 is not None and late.interval_80 is not None
    assert late.interval_80[0] > late.today
    assert width(late.interval_80) < width(at_start.interval_80)
    assert (late.p_within_30 or 0) > (at_start.p_within_30 or 0)
