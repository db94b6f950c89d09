"""Stated preferences in city matching: what they cost and what they change.

Anchor: the same population matched without stated preferences. With them, a share of the
people each state a few preferences (random people of the other side, taking part or not;
half of them in couples who name each other first), and the table shows the time of each
step (checking and resolving the rows, the top-k lists, the matching with the longer lists),
CPU time, and what the summary reports.

    nice .venv/bin/python benchmarks/matching_stated.py --sizes 10000,100000
"""

from __future__ import annotations

import argparse
import time
from datetime import date

import numpy as np

from troth.match.city import match_city
from troth.match.population import Population, generate
from troth.match.report import summary
from troth.match.stated import StatedPreferences
from troth.match.topk import TopKSettings

ON = date(2025, 1, 1)


def random_stated(
    pop: Population, share: float, each: int, couples: float, seed: int
) -> StatedPreferences:
    """``share`` of the Alphas and Omegas state ``each`` people of the other side at random;
    ``couples`` of the stating Alphas and as many stating Omegas form couples who name each
    other first."""
    rng = np.random.default_rng(seed)
    chosen = {}
    for mine in ("alpha", "omega"):
        own = pop.ids[pop.designation == mine]
        chosen[mine] = rng.choice(own, size=int(share * own.size), replace=False)
    paired = int(couples * min(chosen["alpha"].size, chosen["omega"].size))
    people, preferred = [], []
    for mine, theirs in (("alpha", "omega"), ("omega", "alpha")):
        other = pop.ids[pop.designation == theirs]
        for i, person in enumerate(chosen[mine]):
            picks = rng.choice(other, size=each, replace=False)
            if i < paired:  # the couple's partner first, the rest without a repeat
                partner = chosen[theirs][i]
                picks = np.concatenate([[partner], picks[picks != partner][: each - 1]])
            people.append(np.full(picks.size, person))
            preferred.append(picks)
    ranks = np.concatenate([np.arange(1, p.size + 1) for p in people])
    return StatedPreferences.from_columns(np.concatenate(people), np.concatenate(preferred), ranks)


def run(n: int, k: int, share: float, each: int, couples: float) -> None:
    pop = generate(n, n, seed=1)
    stated = random_stated(pop, share, each, couples, seed=2)
    settings = TopKSettings(k=k)
    match_city(generate(200, 200, seed=3), on=ON, settings=settings)  # warm-up (faiss, BLAS)
    for label, given in (("computed lists only", None), (f"+ {len(stated):,} stated", stated)):
        cpu, wall = time.process_time(), time.perf_counter()
        result = match_city(pop, on=ON, settings=settings, stated=given, recall_sample=50)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        data = summary(result)
        steps = " ".join(f"{key[:-2]} {v:.2f}s" for key, v in data["timings_s"].items())
        extra = data["stated_preferences"] or {}
        print(f"| {n:,} | {label} | {data['method']} | {steps} | {wall:.1f} s | {cpu:.1f} s |"
              f" {data['pairs']:,} | {extra.get('used', '')} | {extra.get('listed_back', '')} |"
              f" {extra.get('skipped', '')} |"
              f" {extra.get('pairs_from_stated', '')} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="people per side, comma-separated")
    parser.add_argument("--k", type=int, default=50)
    parser.add_argument("--share", type=float, default=0.2, help="share of people stating")
    parser.add_argument("--each", type=int, default=5, help="preferences per stating person")
    parser.add_argument(
        "--couples",
        type=float,
        default=0.5,
        help="share of the stating people in couples who name each other first",
    )
    args = parser.parse_args()
    print("| N per side | run | lists | steps | wall | CPU | pairs | stated used | listed back"
          " | skipped | pairs from stated |")  # fmt: skip
    print("|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for n in (int(x) for x in args.sizes.split(",") if x):
        run(n, args.k, args.share, args.each, args.couples)


if __name__ == "__main__":
    main()
