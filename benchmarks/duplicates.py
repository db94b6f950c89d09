"""Duplicates: the registry-wide scan's precision, recall and time, and registration's
check latency, on a generated population with planted duplicates.

The population (troth.dedupe.plant): realistic name frequencies (troth.sim.names, shared
with the simulator), birth dates over 80 years, 40 districts, work names, families with
twins; 2% of people registered a second time with a typo, a transliteration, their work
name as legal name, the day and month of birth swapped, or a moved district.

- Scan: Splink on DuckDB (troth.dedupe.scan), u and the prior trained on the population,
  pairs at p >= 0.9 against the planted pairs: precision and recall, wall and CPU seconds.
- Check: the people rows written straight into an SQLite file (people, person_names,
  person_parents with their indexes; no ledger), then registration's check as the handler
  runs it (blocking on indexed keys, troth.store.repositories.linkage; Fellegi–Sunter
  scoring, troth.domain.linkage) for planted duplicates and for new people: p50/p99 ms.

    .venv/bin/python benchmarks/duplicates.py --people 100000 1000000
Targets (issue 15): recall >= 0.95 at precision >= 0.95; 1,000,000 scanned in under 10
minutes; the check's p99 under 50 ms at the largest size.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import create_engine, insert

from troth.dedupe import plant
from troth.dedupe.columns import Columns
from troth.dedupe.scan import scan
from troth.domain.linkage import judge
from troth.store import tables as t
from troth.store.repositories.linkage import link_candidates
from troth.store.search import search_key


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def bench_scan(pop: plant.Population, min_p: float) -> dict[str, float]:
    w0, c0 = time.perf_counter(), cpu()
    cols = Columns()
    cols.add(pop.records)
    pairs = scan(cols, min_p=min_p, retrain=True,
                 progress=lambda s: print(f"  {time.perf_counter() - w0:7.1f}s {s}"))
    wall, used = time.perf_counter() - w0, cpu() - c0
    truth, found = set(pop.planted), {(p.left, p.right) for p in pairs}
    hit = len(truth & found)
    missed = Counter(pop.planted[k] for k in truth - found)
    print(f"  scan: {len(pairs):,} pairs at p>={min_p}; precision {hit / max(len(found), 1):.4f}"
          f" recall {hit / len(truth):.4f}; {wall:.1f} s wall, {used:.1f} s CPU;"
          f" missed by kind {dict(missed)}")
    return {"precision": hit / max(len(found), 1), "recall": hit / len(truth), "wall": wall,
            "cpu": used}


def write_db(pop: plant.Population, path: Path) -> object:
    engine = create_engine(f"sqlite:///{path}")
    t.metadata.create_all(engine, tables=[t.people, t.person_names, t.person_parents])
    people, names, parents = [], [], []
    for r in pop.records:
        people.append({"id": r.id, "legal_name": r.legal_name, "born": r.born,
                       "presented_reason": "", "scent_notes": "", "district": r.district,
                       "designation": r.designation, "version": 1})
        for kind, n in (("legal", r.legal_name), *(("work", o) for o in r.other_names)):
            names.append({"person_id": r.id, "kind": kind, "name": n,
                          "search_key": search_key(n)})
        parents += [{"child_id": r.id, "parent_id": p} for p in r.parents]
    with engine.begin() as conn:
        for table, rows in ((t.people, people), (t.person_names, names),
                            (t.person_parents, parents)):
            for i in range(0, len(rows), 50_000):
                conn.execute(insert(table), rows[i:i + 50_000])
    return engine


def bench_check(pop: plant.Population, probes: int) -> dict[str, float]:
    rng = random.Random(7)
    dups = {d: o for (o, d) in pop.planted}
    keep = [r for r in pop.records if r.id not in dups]  # registered: all but the planted
    held = [r for r in pop.records if r.id in dups]
    fresh = plant.generate(probes, share=0.0, seed=99).records
    with tempfile.TemporaryDirectory() as tmp:
        w0 = time.perf_counter()
        engine = write_db(plant.Population(keep, {}), Path(tmp) / "check.db")
        print(f"  check: {len(keep):,} people written in {time.perf_counter() - w0:.1f} s")
        times, caught, flagged = [], 0, 0
        sample = rng.sample(held, min(probes, len(held)))
        with engine.connect() as conn:  # type: ignore[attr-defined]
            for rec in [*sample, *fresh]:
                probe = rec.__class__(0, rec.legal_name, rec.born, rec.other_names,
                                      rec.parents if rec in sample else (), rec.district)
                s = time.perf_counter()
                matches = judge(probe, link_candidates(conn, probe))
                times.append((time.perf_counter() - s) * 1000)
                if rec in sample:
                    caught += any(m.other_id == dups[rec.id] for m in matches)
                else:
                    flagged += bool(matches)
    times.sort()
    p50, p99 = statistics.median(times), times[int(len(times) * 0.99) - 1]
    print(f"  check: {len(times)} probes: p50 {p50:.2f} ms, p99 {p99:.2f} ms; planted caught"
          f" {caught}/{len(sample)}; new people flagged {flagged}/{len(fresh)}")
    return {"p50": p50, "p99": p99, "caught": caught / len(sample),
            "flagged": flagged / len(fresh)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--people", type=int, nargs="+", default=[100_000])
    ap.add_argument("--min-p", type=float, default=0.9)
    ap.add_argument("--probes", type=int, default=1000)
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()}")
    for n in args.people:
        print(f"{n:,} people (+2% planted duplicates)")
        c0, w0 = cpu(), time.perf_counter()
        pop = plant.generate(n)
        print(f"  generated {len(pop.records):,} records, {len(pop.planted):,} planted in"
              f" {time.perf_counter() - w0:.1f} s ({cpu() - c0:.1f} s CPU)")
        bench_scan(pop, args.min_p)
        if n == max(args.people):
            bench_check(pop, args.probes)
        print(f"  load average: {os.getloadavg()}")
    print(f"total CPU {cpu():.1f} s")


if __name__ == "__main__":
    main()
