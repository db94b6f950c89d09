"""The Omega's calendar: recorded heats, the bond, today and the forecast band, as PNG/SVG.

Built on matplotlib's object API (no pyplot state), so a web request can call
`render_chart` from any thread and get bytes back.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from troth.cycles.records import History
from troth.cycles.result import Forecast, ForecastState
from troth.domain.errors import InvalidInput

__all__ = ["render_chart"]

HEAT = "#b5446e"
BAND80, BAND50 = "#f3d9e3", "#e3a6bf"


def _num(day: date) -> float:
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _span(history: History, fc: Forecast, months_back: int) -> tuple[date, date]:
    start = fc.today - timedelta(days=30 * months_back)
    end = fc.today + timedelta(days=90)
    if fc.interval_80 is not None:
        end = max(end, fc.interval_80[1] + timedelta(days=21))
    return start, end


def _draw_record(ax: Axes, history: History, start: date) -> None:
    for h in history.heats:
        if h.start < start:
            continue
        end = h.end or h.start + timedelta(days=4)
        ax.broken_barh([(_num(h.start), (end - h.start).days + 1)], (0.6, 0.8),
                       facecolors="#bbbbbb" if h.excluded else HEAT,
                       hatch="//" if h.excluded else None, edgecolor="white")
    if history.bond_date is not None and history.bond_date >= start:
        ax.axvline(_num(history.bond_date), color="#333333", linestyle="--", linewidth=1)
        ax.annotate("bond", (_num(history.bond_date), 1.9), fontsize=8,
                    ha="center")


def _draw_forecast(ax: Axes, prob: Axes, fc: Forecast) -> None:
    assert fc.interval_80 and fc.interval_50 and fc.most_likely
    for (lo, hi), colour, label in ((fc.interval_80, BAND80, "80% likely"),
                                    (fc.interval_50, BAND50, "50% likely")):
        for axis in (ax, prob):
            axis.axvspan(_num(lo), _num(hi + timedelta(days=1)), color=colour,
                         label=label if axis is ax else None)
    ax.plot([_num(fc.most_likely)], [1.0], marker="v", color=HEAT, markersize=9,
            linestyle="none", label="most likely start")
    for note in fc.possible_missed:
        mid = note.after + (note.before - note.after) / 2
        ax.annotate("?", (_num(mid), 1.0), ha="center", va="center",
                    color="#777777", fontsize=11)
    days = [_num(fc.today + timedelta(days=1 + i)) for i in range(len(fc.daily))]
    prob.fill_between(days, fc.daily, step="post", color=HEAT, alpha=0.6)
    prob.set_ylabel("chance\nper day", fontsize=8)


def render_chart(history: History, fc: Forecast, *, fmt: str = "png", months_back: int = 12,
                 title: str = "") -> bytes:
    """The calendar chart as PNG or SVG bytes; the forecast's own words are the caption."""
    if fmt not in ("png", "svg"):
        raise InvalidInput(f"the chart format must be png or svg, not '{fmt}'", rule="chart")
    fig = Figure(figsize=(10, 3.6), layout="constrained")
    ax, prob = fig.subplots(2, 1, sharex=True, height_ratios=[2, 1])
    start, end = _span(history, fc, months_back)
    _draw_record(ax, history, start)
    if fc.state is ForecastState.FORECAST:
        _draw_forecast(ax, prob, fc)
    for axis in (ax, prob):
        axis.axvline(_num(fc.today), color="#1f5f8b", linewidth=1.5)
    ax.annotate("today", (_num(fc.today), 1.9), fontsize=8, ha="center",
                color="#1f5f8b")
    ax.set_xlim(_num(start), _num(end))
    ax.set_ylim(0, 2.2)
    ax.set_yticks([])
    ax.xaxis.set_major_locator(mdates.MonthLocator())  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))  # type: ignore[no-untyped-call]
    if fc.state is ForecastState.FORECAST:
        ax.legend(loc="upper left", fontsize=8, ncols=3, frameon=False)
    ax.set_title(title or "Heats and forecast", fontsize=10, loc="left")
    fig.text(0.01, 0.005, fc.message, fontsize=7.5, wrap=True)
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return buf.getvalue()
