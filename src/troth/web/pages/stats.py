"""Registry statistics: population by designation and age; Visits, bondings and annulments
per month; how long the welfare queue's incidents have waited. Aggregates only — no
person is named — so every signed-in account may see them."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from troth.registry.queries import StatsQueries
from troth.web.pages.charts import Series, bar_chart
from troth.web.pages.context import PageCtx, PageRoute
from troth.web.pages.render import page

router = APIRouter(route_class=PageRoute)
COLOURS = {"alpha": "#1f5fa8", "beta": "#5f6b77", "omega": "#b0451f", "unpresented": "#8a6d00"}
AGE_BANDS = [(0, 9), (10, 19), (20, 29), (30, 39), (40, 49), (50, 59), (60, 69), (70, 200)]
WAIT_BANDS = [(0, 6, "under a week"), (7, 29, "1–4 weeks"), (30, 89, "1–3 months"),
              (90, 179, "3–6 months"), (180, 100_000, "over 6 months")]


def _band(label: tuple[int, int]) -> str:
    return f"{label[0]}+" if label[1] >= 200 else f"{label[0]}–{label[1]}"


def months_back(today: date, n: int = 12) -> list[tuple[int, int]]:
    out, y, m = [], today.year, today.month
    for _ in range(n):
        out.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def charts(s: StatsQueries, today: date) -> list[dict[str, Any]]:
    pop = s.population(today, AGE_BANDS)
    ages = [_band(b) for b in AGE_BANDS]
    living = {k: sum(v) for k, v in pop.items()}
    months = months_back(today)
    mlabels = [date(y, m, 1).strftime("%b %y") for y, m in months]
    monthly = s.monthly(months)
    waits = s.queue_waits(today, [(lo, hi) for lo, hi, _ in WAIT_BANDS])
    out = [{
        "id": "population", "title": "Living population by age and designation",
        "labels": ages, "rows": {k.capitalize(): v for k, v in pop.items()},
        "svg": bar_chart("population", "Living population by age and designation",
                         "Living residents: " + ", ".join(
                             f"{n:,} {k}" for k, n in living.items()) + ", in ten-year bands.",
                         ages, [Series(k.capitalize(), tuple(v), COLOURS[k])
                                for k, v in pop.items()], width=960, height=300)}]
    palette = {"Visits held": "#1f5fa8", "Bondings": "#1d6b35", "Annulments": "#a32020"}
    for name, values in monthly.items():
        out.append({
            "id": name.split()[0].lower(), "title": f"{name} per month", "labels": mlabels,
            "rows": {name: values},
            "svg": bar_chart(name.split()[0].lower(), f"{name} per month",
                             f"{sum(values) or 'None'} in the last twelve months, from"
                             f" {mlabels[0]} to {mlabels[-1]}.", mlabels,
                             [Series(name, tuple(values), palette[name])], width=560, height=230)})
    wlabels = [w[2] for w in WAIT_BANDS]
    out.append({
        "id": "queue", "title": "How long open incidents have waited", "labels": wlabels,
        "rows": {"Open incidents": waits},
        "svg": bar_chart("queue", "How long open incidents have waited",
                         f"{sum(waits)} incidents open in the welfare queue.", wlabels,
                         [Series("Open incidents", tuple(waits), "#7a4b00")], width=560,
                         height=230)})
    return out


@router.get("/stats")
def stats_page(request: Request, ctx: PageCtx) -> Response:
    today = ctx.registry.clock.today()
    return page(request, "stats.html", charts=charts(ctx.queries.stats, today),
                today=today)
