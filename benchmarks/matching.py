"""Stable matching: troth against PyPI `matching` (the anchor), then troth alone at city scale.

Part 1 (anchor): complete random instances with N people per side, end to end from the
preference arrays to the matching; `matching` gets dictionaries built from the same arrays
(building them is part of its time). Both results are compared person for person.

Part 2 (troth alone): N people per side with d-number signatures, top-k lists for both
sides (exact or HNSW with exact re-scoring), then Gale–Shapley. Each size runs in its own
process so peak memory is that size's own. Recall is measured against exact scoring on a
sample of proposers.

    python benchmarks/matching.py                      # everything (long: 1M per side)
    python benchmarks/matching.py --anchor 250,500 --city 100000
    python benchmarks/matching.py --anchor '' --city 1000000 --ef-search 256
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

# This file is called matching.py: keep its folder off the path so `import matching`
# finds the PyPI package, not this script.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]


def anchor_row(n: int, seed: int) -> dict[str, Any]:
    from matching.games import StableMarriage

    from troth.match import stable_match

    rng = np.random.default_rng(seed)
    props = np.argsort(rng.random((n, n)), axis=1)
    recvs = np.argsort(rng.random((n, n)), axis=1)
    started = time.perf_counter()
    ours = stable_match(props, recvs)
    troth_s = time.perf_counter() - started
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 50_000))  # `matching` issue #139
    started = time.perf_counter()
    game = StableMarriage.create_from_dictionaries(
        {i: row.tolist() for i, row in enumerate(props)},
        {j: row.tolist() for j, row in enumerate(recvs)},
    )
    solution = game.solve(optimal="suitor")
    theirs_s = time.perf_counter() - started
    theirs = np.full(n, -1)
    for suitor, reviewer in solution.items():
        theirs[suitor.name] = reviewer.name
    return {"n": n, "matching_s": theirs_s, "troth_s": troth_s,
            "identical": bool(np.array_equal(ours, theirs))}  # fmt: skip


def city_row(n: int, dims: int, k: int, method: str, refine: float, seed: int) -> dict[str, Any]:
    from troth.match import stable_match
    from troth.match.city import own_order
    from troth.match.lists import both_lists
    from troth.match.topk import Side, TopKSettings, recall

    rng = np.random.default_rng(seed)
    a = Side.from_vectors(rng.standard_normal((n, dims)), rng.standard_normal((n, dims)))
    b = Side.from_vectors(rng.standard_normal((n, dims)), rng.standard_normal((n, dims)))
    settings = TopKSettings(k=k, method=method, refine=refine)  # type: ignore[arg-type]
    cpu, started = time.process_time(), time.perf_counter()
    clocks = {s: _stage_clock(f"N={n} {s}' top-k", n) for s in ("proposers", "receivers")}
    top_a, top_b = both_lists(a, b, settings, on_block=lambda s, m: clocks[s](m))
    topk_s = time.perf_counter() - started
    started = time.perf_counter()
    partner = stable_match(own_order(top_a), own_order(top_b))
    match_s = time.perf_counter() - started
    cpu = time.process_time() - cpu
    sample = np.sort(rng.choice(n, size=min(n, 300), replace=False)).astype(np.int64)
    return {
        "n": n, "method": settings.resolved(n, n), "topk_s": topk_s, "matching_s": match_s,
        "cpu_s": cpu, "share_matched": float((partner >= 0).mean()),
        "recall": recall(top_a, a, b, settings, sample),
        "receiver_recall": recall(top_b, b, a, settings, sample),
        "peak_gib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20,
    }  # fmt: skip


def candidates_rows(people: int, searches: int, cache: Path | None) -> list[dict[str, Any]]:
    """Latency of one-person candidate search on a population of ``people``."""
    from datetime import date

    from troth.match.candidates import CandidateIndex, Filters
    from troth.match.compat import DEFAULT_TRUE_MATCH_RATE
    from troth.match.population import generate, read_population, write_population

    source = (cache or Path("/nonexistent")) / f"people-{people}.parquet"
    if cache is not None and source.exists():
        pop = read_population(source)
    else:
        pop = generate(int(people * 0.47), int(people * 0.47), people - 2 * int(people * 0.47))
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
            write_population(pop, source)
    folder = source.with_name(source.name + ".index")
    started = time.perf_counter()
    index = CandidateIndex.load(pop, folder, source, DEFAULT_TRUE_MATCH_RATE) if cache else None
    if index is None:
        index = CandidateIndex.build(pop)
        if cache is not None:
            index.save(folder, source)
    build_s = time.perf_counter() - started
    on = date(2025, 1, 1)
    rng = np.random.default_rng(2)
    who = rng.choice(pop.ids[pop.designation != "beta"], size=searches, replace=False)
    index.search(int(who[0]), 20, Filters(on=on))  # warm-up: imports, thread pools
    cases = {
        "no filter": Filters(on=on),
        "age 20-35": Filters(on=on, min_age=20, max_age=35),
        "one district": Filters(on=on, districts=("D03",)),
        "age 25-30, district": Filters(on=on, min_age=25, max_age=30, districts=("D03",)),
    }
    rows = []
    for label, filters in cases.items():
        times, hits = [], 0
        for person in who.tolist():
            started = time.perf_counter()
            found = index.search(person, 20, filters)
            times.append(time.perf_counter() - started)
            scan = index._fetch  # exact reference: score every eligible person
            index._fetch = lambda *a, _f=scan: _f(*a, scan_limit=10**9)  # type: ignore[method-assign]
            exact = {c.id for c in index.search(person, 20, filters)}
            index._fetch = scan  # type: ignore[method-assign]
            hits += len(exact & {c.id for c in found}) / max(1, len(exact))
        rows.append({"case": label, "median_ms": 1e3 * float(np.median(times)),
                     "p95_ms": 1e3 * float(np.percentile(times, 95)),
                     "recall": hits / len(who), "build_s": build_s})  # fmt: skip
    return rows


def _stage_clock(label: str, total: int) -> Any:
    """Progress on stderr, so a long run shows how far it got even if stopped."""
    started, done = time.perf_counter(), [0]

    def tick(rows: int) -> None:
        done[0] += rows
        elapsed = time.perf_counter() - started
        print(f"  {label}: {done[0]:,}/{total:,} rows, {elapsed:.0f} s", file=sys.stderr,
              flush=True)  # fmt: skip

    return tick


def _sizes(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--anchor", default="250,500,1000", help="anchor sizes ('' to skip)")
    parser.add_argument("--city", default="100000,1000000", help="city sizes ('' to skip)")
    parser.add_argument("--dims", type=int, default=16)
    parser.add_argument("--k", type=int, default=50)
    parser.add_argument("--method", default="auto", help="top-k method: auto, scan, hnsw")
    parser.add_argument("--refine", type=float, default=3.0, help="scan: re-ranked per fetched")
    parser.add_argument("--candidates", type=int, default=0, help="people for search latency")
    parser.add_argument("--searches", type=int, default=50)
    parser.add_argument("--cache", type=Path, help="keep the candidate population and index here")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        row = city_row(args.child, args.dims, args.k, args.method, args.refine, seed=1)
        print(json.dumps(row))
        return
    if _sizes(args.anchor):
        print(f"{'N per side':>10} {'matching 1.4.3 s':>17} {'troth s':>9} {'speed-up':>9}"
              f" {'identical':>9}")  # fmt: skip
        for n in _sizes(args.anchor):
            r = anchor_row(n, seed=n)
            print(
                f"{n:>10,} {r['matching_s']:>17.2f} {r['troth_s']:>9.4f}"
                f" {r['matching_s'] / r['troth_s']:>8.0f}x {r['identical']!s:>9}",
                flush=True,
            )
    if _sizes(args.city):
        print(f"\ntroth alone: d={args.dims}, k={args.k}, method {args.method}"
              f" (refine {args.refine}); receivers' lists by inverting the proposers' search")
        print(f"{'N per side':>10} {'method':>6} {'top-k s':>8} {'match s':>8} {'total s':>8}"
              f" {'CPU s':>7} {'matched':>8} {'recall':>7} {'recv rec':>8}"
              f" {'peak GiB':>9}")  # fmt: skip
        for n in _sizes(args.city):
            flags = ["--dims", args.dims, "--k", args.k, "--method", args.method]
            flags += ["--refine", args.refine]
            cmd = [sys.executable, __file__, "--child", str(n), *map(str, flags)]
            done = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True)
            r = json.loads(done.stdout)
            print(
                f"{n:>10,} {r['method']:>6} {r['topk_s']:>8.1f} {r['matching_s']:>8.2f}"
                f" {r['topk_s'] + r['matching_s']:>8.1f} {r['cpu_s']:>7.0f}"
                f" {r['share_matched']:>8.1%} {r['recall']:>7.4f} {r['receiver_recall']:>8.4f}"
                f" {r['peak_gib']:>9.2f}",
                flush=True,
            )
    if args.candidates:
        _print_candidates(args.candidates, args.searches, args.cache)


def _print_candidates(people: int, searches: int, cache: Path | None) -> None:
    rows = candidates_rows(people, searches, cache)
    built = rows[0]["build_s"]
    print(f"\ncandidate search, {people:,} people, top 20 (index built or loaded in {built:.0f} s)")
    print(f"{'filters':>22} {'median ms':>10} {'p95 ms':>8} {'recall':>7}")
    for r in rows:
        print(f"{r['case']:>22} {r['median_ms']:>10.1f} {r['p95_ms']:>8.1f} {r['recall']:>7.3f}")


if __name__ == "__main__":
    main()
