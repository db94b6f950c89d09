"""Rostering benchmark: CP-SAT planner against the greedy baseline on one generated week.

    .venv/bin/python benchmarks/roster.py [--requests 5000] [--handlers 600] [--seconds 50]

Prints placed share, the proven bound and the gap to it, and wall time for both methods in
the same run, the ratio of Visits placed (planner / greedy) and the most any roster could
place over greedy (bound / greedy). Not a test.
"""

from __future__ import annotations

import argparse
import time

from rich.console import Console
from rich.table import Table

from troth.schedule import generate, greedy, plan, violations


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--handlers", type=int, default=600)
    ap.add_argument("--seconds", type=float, default=50.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    t = time.perf_counter()
    week = generate(requests=args.requests, handlers=args.handlers, seed=args.seed)
    made = time.perf_counter() - t
    base = greedy(week)
    best = plan(week, seconds=args.seconds, workers=args.workers)
    table = Table(title=f"Rostering {args.requests:,} requests, {args.handlers} handlers "
                        f"(generated in {made:.1f} s)")
    for col in ("method", "placed", "share", "bound", "gap to bound", "seconds", "violations"):
        table.add_column(col, justify="right")
    bound = best.summary.bound
    for r in (base, best):
        s = r.summary
        table.add_row(s.method, f"{s.placed_required:,}", f"{s.placed_required / s.required:.1%}",
                      f"{bound:,}", f"{1 - s.placed_required / bound:.2%}",
                      f"{s.seconds:.1f}", str(len(violations(r, week))))
    console = Console()
    console.print(table)
    anchor = max(1, base.summary.placed_required)
    ratio = best.summary.placed_required / anchor
    console.print(f"planner / greedy placed: {ratio:.3f}  ({best.summary.headline()})")
    console.print(f"bound / greedy: {bound / anchor:.3f}  (no roster can beat greedy by more)")


if __name__ == "__main__":
    main()
