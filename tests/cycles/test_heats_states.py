"""Explicit states: the forecast never falls back on a silent default."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.cycles.histories import START, from_intervals, last
from troth.cycles import ForecastState, HeatRecord, History, NoHeatsFinding, forecast
from troth.domain.errors import InvalidInput

TODAY = date(2025, 6, 1)


def test_no_heat_is_expected_yet_soon_after_presentation() -> None:
    fc = forecast(History(presented_on=TODAY - timedelta(days=90)), TODAY)
    assert fc.state is ForecastState.NO_HEAT_EXPECTED_YET
    assert "90 days" in fc.message


def test_without_any_heat_long_after_presentation_there_is_not_enough_history() -> None:
    fc = forecast(History(presented_on=TODAY - timedelta(days=900)), TODAY)
    assert fc.state is ForecastState.NOT_ENOUGH_HISTORY


def test_one_heat_before_bonding_is_not_enough_history() -> None:
    fc = forecast(History(heats=(HeatRecord(TODAY - timedelta(days=20)),)), TODAY)
    assert fc.state is ForecastState.NOT_ENOUGH_HISTORY and fc.interval_80 is None


def test_a_physicians_finding_of_no_heats_is_stated_not_forecast() -> None:
    finding = NoHeatsFinding(TODAY - timedelta(days=30), "no heats after malnourishment")
    fc = forecast(History(bond_date=TODAY - timedelta(days=200), finding=finding), TODAY)
    assert fc.state is ForecastState.NONE_EXPECTED
    assert "malnourishment" in fc.message and fc.most_likely is None


def test_a_heat_recorded_after_the_finding_supersedes_it() -> None:
    h = from_intervals([40] * 5, bond_after=-5)
    finding = NoHeatsFinding(START + timedelta(days=100), "no heats after malnourishment")
    fc = forecast(History(heats=h.heats, bond_date=h.bond_date, finding=finding), last(h))
    assert fc.state is ForecastState.FORECAST


def test_an_open_pregnancy_pauses_forecasting() -> None:
    h = from_intervals([40] * 5, bond_after=-5)
    paused = History(heats=h.heats, bond_date=h.bond_date, pregnant_since=last(h))
    assert forecast(paused, last(h) + timedelta(days=30)).state is ForecastState.PAUSED


def test_a_silence_beyond_two_missed_heats_is_reported_not_forecast() -> None:
    h = from_intervals([40] * 10, bond_after=-5)
    fc = forecast(h, last(h) + timedelta(days=150))
    assert fc.state is ForecastState.LONG_SILENCE
    assert "150 days" in fc.message and fc.interval_80 is None


def test_seven_months_after_bonding_without_a_heat_is_reported_as_a_long_silence() -> None:
    h = from_intervals([70, 66, 72], bond_after=230)
    fc = forecast(h, START + timedelta(days=230 + 210))
    assert fc.state is ForecastState.LONG_SILENCE and "since the bond" in fc.message


def test_every_state_carries_a_message() -> None:
    cases = [History(), History(presented_on=TODAY), from_intervals([40] * 5, bond_after=-5)]
    for h in cases:
        fc = forecast(h, TODAY)
        assert fc.message.strip(), fc.state


def test_a_heat_recorded_after_the_forecast_date_is_refused() -> None:
    with pytest.raises(InvalidInput, match="after the forecast date"):
        forecast(from_intervals([40, 40]), START)


def test_a_heat_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidInput, match="before it starts"):
        HeatRecord(TODAY, TODAY - timedelta(days=1))
