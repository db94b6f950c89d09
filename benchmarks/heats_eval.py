"""Heat forecasting backtest: the per-person Bayesian model against trackers' rules.

Generates a cohort with known true parameters (troth.cycles.cohort), forecasts every heat of
every person from that person's earlier record only (at days 0, 14, 28 and 35 into the
cycle), and prints metrics by regime, by day into the cycle and by number of past heats.
Anchors in the same run: four trackers' rules (last interval; mean of all, as drip; mean
of the last 5, as Mensinator; median of the last 6) and the true generating distribution
(the best possible). The priors come from default_priors.json, learnt on a cohort drawn
with a different seed, so people here were not seen by the fit.

    nice .venv/bin/python benchmarks/heats_eval.py --persons 400 --workers 2
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from pathlib import Path

from rich.console import Console
from rich.progress import track
from rich.table import Table

from troth.cycles.cohort import CohortSpec, GeneratedPerson, generate_cohort
from troth.cycles.evaluation import BASELINES, Outcome, evaluate_person, metrics
from troth.cycles.forecast import forecast
from troth.cycles.priors import DEFAULT_PRIORS_PATH, Priors, Regime, load_priors

console = Console(width=160)
METHODS = ["model", "true distribution", *BASELINES]
COLS = ["MAE", "MdAE", "RMSE", "±1", "±2", "±3", "cov50", "w50", "cov80", "w80", "CRPS", "n"]
AFTER = (Regime.TRANSITION, Regime.BONDED)
_PRIORS: Priors | None = None


def _work(person: GeneratedPerson) -> list[list[Outcome]]:
    assert _PRIORS is not None
    return evaluate_person(person, _PRIORS)


def _init(path: Path) -> None:
    global _PRIORS
    _PRIORS = load_priors(path)


def _fmt(key: str, v: float | None) -> str:
    if v is None:
        return "—"
    if key in ("±1", "±2", "±3", "cov50", "cov80"):
        return f"{v:.1%}"
    return f"{v:.0f}" if key == "n" else f"{v:.2f}"


def _table(title: str, groups: dict[str, list[Outcome]], cols: list[str]) -> None:
    t = Table(title=title, title_justify="left")
    t.add_column("method / group")
    for c in cols:
        t.add_column(c, justify="right")
    for name, rows in groups.items():
        if rows:
            m = metrics(rows)
            t.add_row(name, *(_fmt(c, m.get(c)) for c in cols))
    console.print(t)


def _select(rows: Iterable[list[Outcome]], keep: Callable[[Outcome], bool]) -> dict[str, list[
        Outcome]]:
    by: dict[str, list[Outcome]] = defaultdict(list)
    for row in rows:
        for o in row:
            if keep(o):
                by[o.method].append(o)
    return {m: by[m] for m in METHODS}


def _best_baseline(groups: dict[str, list[Outcome]]) -> tuple[str, float]:
    scores = {b: metrics(groups[b])["MAE"] for b in BASELINES if groups[b]}
    name = min(scores, key=lambda k: scores[k])
    return name, scores[name]


def _bucket(n: int) -> str:
    for lo, hi in ((0, 0), (1, 2), (3, 5), (6, 10)):
        if lo <= n <= hi:
            return f"{lo}–{hi}" if lo != hi else f"{lo}"
    return "11+"


def _targets(groups: dict[str, list[Outcome]], label: str) -> None:
    model, oracle = metrics(groups["model"]), metrics(groups["true distribution"])
    name, best = _best_baseline(groups)
    console.print(
        f"[bold]{label}[/]: model MAE {model['MAE']:.2f} d; best baseline ({name}) {best:.2f} d"
        f" → {1 - model['MAE'] / best:.0%} lower (target ≥ 25%); true distribution"
        f" {oracle['MAE']:.2f} d → model/true = {model['MAE'] / oracle['MAE']:.3f} (target ≤ 1.10);"
        f" 80% coverage {model['cov80']:.1%} (target 77–83%), 50% coverage {model['cov50']:.1%}")


def _by_group(rows: list[list[Outcome]], regimes: tuple[Regime, ...], key: Callable[[Outcome],
              str], title: str) -> None:
    keys = sorted({key(o) for row in rows for o in row if o.regime in regimes},
                  key=lambda k: int(re.sub(r"\D*(\d+).*", r"\1", k)))
    groups: dict[str, list[Outcome]] = {}
    for k in keys:
        sel = _select(rows, lambda o, k=k: o.regime in regimes and key(o) == k)
        name, _ = _best_baseline(sel)
        for m in ("model", "true distribution", name):
            groups[f"{k}: {m}"] = sel[m]
    _table(title, groups, COLS)


def _never_states(cohort: list[GeneratedPerson], priors: Priors) -> Counter[str]:
    states: Counter[str] = Counter()
    for p in cohort:
        if p.never:
            end = p.origin + timedelta(days=CohortSpec().days - 1)
            states[forecast(p.history, end, priors).state.value] += 1
    return states


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--persons", type=int, default=400)
    ap.add_argument("--seed", type=int, default=99)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--priors", type=Path, default=DEFAULT_PRIORS_PATH)
    args = ap.parse_args()
    priors = load_priors(args.priors)
    cohort = generate_cohort(CohortSpec(persons=args.persons), seed=args.seed)
    t0 = time.perf_counter()
    with ProcessPoolExecutor(args.workers, initializer=_init, initargs=(args.priors,)) as pool:
        per_person = list(track(pool.map(_work, cohort), total=len(cohort),
                                description="backtesting", console=console))
    secs = time.perf_counter() - t0
    points = [row for rows in per_person for row in rows]
    states = Counter(o.method for row in points for o in row if o.method.startswith("state:"))
    full = [row for row in points if len(row) == len(METHODS)]
    console.print(f"{len(cohort)} people (seed {args.seed}), {len(points)} forecast points,"
                  f" {len(full)} where every method forecasts; model withheld: {dict(states)};"
                  f" {secs:.0f} s with {args.workers} workers")
    for regs, label in ((AFTER, "after bonding"), ((Regime.BONDED,), "bonded"),
                        ((Regime.UNBONDED,), "unbonded"), ((*Regime,), "all")):
        _targets(_select(full, lambda o, r=regs: o.regime in r), label)
    for regime in (*Regime,):
        _table(f"{regime.value}, all days", _select(full, lambda o, r=regime: o.regime is r), COLS)
    _table("after bonding, all days", _select(full, lambda o: o.regime in AFTER), COLS)
    _by_group(full, AFTER, lambda o: f"day {o.day}", "after bonding, by day into the cycle")
    _by_group(full, (Regime.UNBONDED,), lambda o: f"day {o.day}", "unbonded, by day")
    _by_group(full, (Regime.BONDED,), lambda o: f"{_bucket(o.heats)} heats",
              "bonded, by heats recorded since bonding")
    _by_group(full, (Regime.UNBONDED,), lambda o: f"{_bucket(o.heats)} heats",
              "unbonded, by heats recorded")
    console.print(f"people who never have a heat, state at the end: "
                  f"{dict(_never_states(cohort, priors))}")


if __name__ == "__main__":
    main()
