"""Name search at scale (issue 17): the indexed search through the read port against the old
LIKE '%key%' scan (the anchor), in the same run, on the same tables.

The registry is migrated by troth (so the index is the one migration 0013 makes), then N
people are inserted in bulk straight into the state tables through the store's tables
(people and person_names; on SQLite the FTS5 triggers index each name as it is inserted,
on PostgreSQL the GIN index takes each row): no ledger entries, which a search never reads.
Registering a million people through the handlers would take hours (issue 17, "loading at
speed").

Names have a realistic frequency: 1,500 given names and 40,000 family names made of
syllables (some accented), each drawn from a Zipf distribution (exponent 1.1), so a few
given names are very common ("the Annas") and the family names have a long tail; three in
ten people have a second, other name. Queries:
- common: the first three letters of the 30 most frequent given names ("ann", "mar"),
  each matching some per cent of everyone;
- rare: four to six letters from the middle of family names drawn from the tail;
- number ("#123456") and birth date ("1987-06-05"), exact lookups.
Each query asks for the first page of 20 and the count, as the search page does; the anchor
runs the query the registry ran before (count over the LIKE scan, then the page by OFFSET).
p50/p95/p99 in milliseconds; CPU seconds of this process and, on PostgreSQL, of the server's
processes; the load average.

    PYTHONPATH=src .venv/bin/python benchmarks/registry_search.py --people 100000 --backend sqlite
Target (issue 17): p99 <= 100 ms for three letters or more, at ten million people.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SCHEMA = "bench_search"
TODAY = date(2026, 11, 25)
SYLLABLES = ["an", "ann", "bel", "cor", "da", "él", "fin", "ga", "hal", "is", "jor", "ka",
             "lin", "mar", "mo", "na", "ño", "or", "pel", "qui", "ra", "sol", "ta", "ul",
             "ven", "wy", "xa", "yor", "zen", "ça", "ë", "ri", "el", "os", "te"]
BATCH = 20_000


def pool(rng: random.Random, n: int, parts: tuple[int, int]) -> list[str]:
    seen: dict[str, None] = {}
    while len(seen) < n:
        seen["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(*parts))).capitalize()] \
            = None
    return list(seen)


def zipf_picker(rng: random.Random, items: list[str], s: float = 1.1
                ) -> Callable[[], str]:
    weights = [1 / (k + 1) ** s for k in range(len(items))]
    total, acc = sum(weights), 0.0
    cum = []
    for w in weights:
        acc += w
        cum.append(acc / total)
    import bisect

    return lambda: items[min(bisect.bisect(cum, rng.random()), len(items) - 1)]


def cpu_of_postgres() -> float:
    """User + system CPU seconds of every postgres process on this machine (we are the only
    client of the benchmark's schema; the others idle or belong to other sessions)."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)
            if "postgres" not in fields[0]:
                continue
            rest = fields[1].split()
            total += (int(rest[11]) + int(rest[12])) / tick
        except OSError:
            continue
    return total


def build_people(url: str, n: int) -> tuple[list[str], list[str], int]:
    """Migrate, then insert n people and their names. Returns (given, family) name pools
    in frequency order and the seconds taken."""
    from sqlalchemy import insert

    from troth.bootstrap import build_registry
    from troth.domain.customs import Customs
    from troth.store import tables as t
    from troth.store.engine import make_engines
    from troth.store.search import search_key

    build_registry(url, customs=Customs()).close()  # migrations, through troth
    rng = random.Random(17)
    given, family = pool(rng, 1_500, (1, 3)), pool(rng, 40_000, (2, 4))
    pick_given, pick_family = zipf_picker(rng, given), zipf_picker(rng, family, 1.0)
    engines = make_engines(url)
    started = time.perf_counter()
    for lo in range(1, n + 1, BATCH):
        people, names = [], []
        for pid in range(lo, min(n, lo + BATCH - 1) + 1):
            legal = f"{pick_given()} {pick_family()}"
            born = date(1930, 1, 1) + timedelta(days=rng.randint(0, 95 * 365))
            people.append({"id": pid, "legal_name": legal, "born": born,
                           "designation": rng.choice(["alpha", "beta", "beta", "omega"]),
                           "presented_reason": "", "scent_notes": "", "district": "Niima",
                           "version": 1})
            names.append({"person_id": pid, "kind": "legal", "name": legal,
                          "search_key": search_key(legal)})
            if rng.random() < 0.3:
                other = f"{pick_given()} {pick_family()}"
                names.append({"person_id": pid, "kind": "alias", "name": other,
                              "search_key": search_key(other)})
        with engines.writer.begin() as conn:
            conn.execute(insert(t.people), people)
            conn.execute(insert(t.person_names), names)
        print(f"\r  {min(n, lo + BATCH - 1):,} people", end="", flush=True)
    if engines.dialect == "postgresql":  # as autovacuum leaves a table that has settled
        with engines.writer.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE people, person_names")
    else:
        with engines.writer.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    engines.dispose()
    took = time.perf_counter() - started
    print(f"\r  {n:,} people inserted in {took:.1f} s")
    return given, family, int(took)


def old_like_search(conn: Any, text: str) -> list[int]:
    """The registry's search before issue 17: an exact count over a LIKE scan, then a page
    by OFFSET (store/reads/people.py at 0012), run on the same connection kind."""
    from sqlalchemy import func, select

    from troth.store import tables as t
    from troth.store.reads.search import _literal
    from troth.store.search import search_key

    p = t.people
    if conn.dialect.name == "postgresql":  # the GIN index of 0013 serves LIKE too: without
        conn.exec_driver_sql("SET LOCAL enable_bitmapscan = off")  # it, the old scan
    key = f"%{_literal(search_key(text))}%"
    q = select(p.c.id).where(p.c.id.in_(select(t.person_names.c.person_id).where(
        t.person_names.c.search_key.like(key, escape="\\"))))
    conn.execute(select(func.count()).select_from(q.subquery())).scalar_one()
    return [r[0] for r in conn.execute(q.order_by(p.c.legal_name, p.c.id).limit(20))]


def timed(fn: Callable[[str], object], queries: list[str]) -> list[float]:
    out = []
    for q in queries:
        t0 = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    ap.add_argument("--queries", type=int, default=200, help="per kind, indexed search")
    ap.add_argument("--anchor-queries", type=int, default=40, help="per kind, LIKE scan")
    ap.add_argument("--keep", action="store_true", help="keep the database afterwards")
    a = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="troth-search-"))
    if a.backend == "sqlite":
        url = str(tmp / "registry.db")
    else:
        import psycopg

        with psycopg.connect(PG.replace("+psycopg", ""), autocommit=True) as c:
            c.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
            c.execute(f"CREATE SCHEMA {SCHEMA}")
        url = f"{PG}?options=-csearch_path%3D{SCHEMA}"
    try:
        run(a, url, tmp)
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
            if a.backend == "postgresql":
                import psycopg

                with psycopg.connect(PG.replace("+psycopg", ""), autocommit=True) as c:
                    c.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")


def run(a: argparse.Namespace, url: str, tmp: Path) -> None:
    from troth.bootstrap import build
    from troth.domain.customs import Customs
    from troth.registry.views import SearchFilter

    print(f"registry_search: {a.people:,} people on {a.backend}")
    given, family, _ = build_people(url, a.people)
    if a.backend == "sqlite":
        print(f"  database file: {os.path.getsize(url) / 1e6:,.0f} MB")
    rng = random.Random(5)
    common = [g[:3].lower() for g in given if len(g) >= 3][:30]
    tail = family[len(family) // 4:]
    rare = []
    for f in rng.sample(tail, 200):
        k = f.lower()
        size = min(len(k), rng.randint(4, 6))
        start = rng.randint(0, len(k) - size)
        rare.append(k[start:start + size])
    kinds = {
        "common": [rng.choice(common) for _ in range(a.queries)],
        "rare": [rng.choice(rare) for _ in range(a.queries)],
        "number": [f"#{rng.randint(1, a.people)}" for _ in range(a.queries)],
        "birth date": [(date(1930, 1, 1) + timedelta(days=rng.randint(0, 95 * 365)))
                       .isoformat() for _ in range(a.queries)],
    }
    reg = build(url=url, server=True, customs=Customs())  # pooled readers, as served
    search = reg.queries.people.search
    engines = reg.queries.people.engines  # type: ignore[attr-defined]

    def indexed(q: str) -> object:
        return search(SearchFilter(q), TODAY, 1, 20)

    def anchor(q: str) -> object:
        with engines.reader.connect() as conn, conn.begin():
            return old_like_search(conn, q)

    for q in common[:3] + rare[:3]:  # warm the caches and the compiled statements
        indexed(q)
    rows = []
    for kind, queries in kinds.items():
        for label, fn, qs in (("index", indexed, queries),
                              ("LIKE scan", anchor, queries[:a.anchor_queries])):
            if label == "LIKE scan" and kind in ("number", "birth date"):
                continue
            cpu0, pg0, w0 = time.process_time(), cpu_of_postgres(), time.perf_counter()
            ms = timed(fn, qs)
            cpu, pgcpu = time.process_time() - cpu0, cpu_of_postgres() - pg0
            rows.append((kind, label, len(qs), statistics.median(ms), pct(ms, 95), pct(ms, 99),
                         cpu, pgcpu, time.perf_counter() - w0, os.getloadavg()[0]))
    sample = indexed(common[0])
    print(f"  e.g. {common[0]!r}: {sample.total_text} people; "  # type: ignore[attr-defined]
          f"rare {rare[0]!r}: {indexed(rare[0]).total_text}")  # type: ignore[attr-defined]
    reg.close()
    print(f"\n{'query':<11}{'path':<11}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
          f"{'cpu s':>8}{'pg cpu s':>9}{'wall s':>8}{'load':>6}")
    for kind, label, n, p50, p95, p99, cpu, pgcpu, wall, load in rows:
        print(f"{kind:<11}{label:<11}{n:>5}{p50:>9.1f}{p95:>9.1f}{p99:>9.1f}{cpu:>8.2f}"
              f"{pgcpu if a.backend == 'postgresql' else 0:>9.2f}{wall:>8.1f}{load:>6.2f}")
    by = {(r[0], r[1]): r for r in rows}
    for kind in ("common", "rare"):
        i, s = by[(kind, "index")], by[(kind, "LIKE scan")]
        print(f"{kind}: LIKE scan / index = {s[3] / i[3]:.0f}x at p50, {s[5] / i[5]:.0f}x at p99")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())};"
          f" CPU seconds of this process: {time.process_time():.1f}")


if __name__ == "__main__":
    main()
