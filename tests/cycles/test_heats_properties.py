"""Hypothesis properties of every forecast: nested intervals, monotone probabilities."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cycles.histories import from_intervals, last
from troth.cycles import ForecastState, forecast

histories = st.builds(
    lambda gaps, bond, elapsed: (from_intervals(gaps, bond_after=bond), elapsed),
    st.lists(st.integers(20, 120), min_size=1, max_size=14),
    st.one_of(st.none(), st.integers(-30, 400)),
    st.integers(0, 90),
)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _forecast(case: tuple[object, int]):  # type: ignore[no-untyped-def]
    history, elapsed = case
    bond = history.bond_date  # type: ignore[attr-defined]
    today = last(history) + timedelta(days=elapsed)  # type: ignore[arg-type]
    if bond is not None and bond > today:
        history = from_intervals(  # the bond has not happened yet on that day
            [(b.start - a.start).days for a, b in zip(history.heats, history.heats[1:],  # type: ignore[attr-defined]
                                                      strict=False)])
    return forecast(history, today, n_draws=2000)  # type: ignore[arg-type]


@FAST
@given(histories)
def test_the_50_percent_interval_lies_inside_the_80_percent_interval(case) -> None:  # type: ignore[no-untyped-def]
    fc = _forecast(case)
    if fc.state is ForecastState.FORECAST:
        assert fc.interval_50 is not None and fc.interval_80 is not None
        assert fc.interval_80[0] <= fc.interval_50[0] <= fc.interval_50[1] <= fc.interval_80[1]
        assert fc.interval_80[0] > fc.today


@FAST
@given(histories)
def test_the_chance_of_a_start_grows_with_the_horizon(case) -> None:  # type: ignore[no-untyped-def]
    fc = _forecast(case)
    if fc.state is ForecastState.FORECAST:
        chances = [fc.probability_within(d) for d in (0, 1, 7, 14, 30, 60, 120, 180)]
        assert chances == sorted(chances) and chances[0] == 0.0 and chances[-1] <= 1.0 + 1e-9
        assert fc.p_within_7 is not None and fc.p_within_30 is not None
        assert 0.0 <= fc.p_within_7 <= fc.p_within_30 <= 1.0


@FAST
@given(histories)
def test_every_forecast_is_either_numbers_or_an_explained_state(case) -> None:  # type: ignore[no-untyped-def]
    fc = _forecast(case)
    assert fc.message
    assert (fc.state is ForecastState.FORECAST) == (fc.interval_80 is not None)
