"""`troth ledger verify --deep` speed: ledger entries replayed and compared per second.

A generated history (people with names and parents, presentations, guardianships,
courtships and consents, heats and shares, matchmaking opt-ins) is recorded through
`Registry.bulk()` sessions, then the deep check runs on it. Anchor: the plain chain check
(`troth ledger verify`) on the same ledger. Target: at least 10,000 entries/s.

Run:  nice .venv/bin/python benchmarks/deep_verify.py --entries 100000 [--db FILE] [--pg]
      (--db keeps the built registry in FILE and reuses it on the next run)
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from troth.bootstrap import build_registry
from troth.domain import commands as c
from troth.domain.customs import Customs
from troth.domain.errors import TrothError
from troth.domain.matchmaking import SetMatchmakingOptIn
from troth.domain.people import OtherName, Scent

PG = os.environ.get("TROTH_BENCH_POSTGRES_URL",
                    "postgresql+psycopg://postgres@127.0.0.1:5432/test")


class Clock:
    def __init__(self) -> None:
        from datetime import UTC, datetime

        self._now = datetime(2026, 11, 25, 9, tzinfo=UTC)

    def today(self) -> date:
        return date(2026, 11, 25)

    def now(self) -> Any:
        self._now += timedelta(microseconds=1)
        return self._now


def commands(rng: random.Random) -> Any:
    """An endless, mostly valid history: each cycle registers a family of six and acts on it."""
    scent = Scent((0.6, 0.8), (0.8, 0.6))
    n = 0
    while True:
        n += 1
        adults = []
        for i, des in enumerate(("alpha", "omega", "beta", "omega")):
            born = date(1960 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28))
            pid = yield c.RegisterPerson(f"Person {n}-{i}", born, scent=scent,
                                         district=f"D{rng.randrange(10):02}",
                                         other_names=(OtherName("alias", f"Alias {n}-{i}"),))
            adults.append(pid)
            yield c.RecordPresentation(pid, des, date(born.year + 15, 6, 1))
        a, o, b, o2 = adults
        child = yield c.RegisterPerson(f"Child {n}", date(2015, 1 + n % 12, 1), parents=(a, o))
        yield c.AppointGuardian(o2, b, "Family Court", f"FC-{n}", date(2020, 1, 1))
        cid = yield c.ProposeIntroduction(a, o, None, date(2026, 6, 1))
        yield c.RecordConsent(cid, o, True, date(2026, 6, 2))
        yield c.RecordHeat(o, o, date(2026, 8, 1), notes=f"note {n}")
        yield c.ShareHealth(o, a, "partner")
        yield SetMatchmakingOptIn(o2, True, date(2026, 5, 1))
        del child


def build(url: str, entries: int) -> None:
    reg = build_registry(url, clock=Clock(), customs=Customs())  # type: ignore[arg-type]
    gen = commands(random.Random(7))
    cmd = next(gen)
    try:
        while reg.queries.people.checkpoint().count < entries:
            with reg.bulk("bench") as bulk:
                for _ in range(5000):
                    try:
                        made = bulk.execute(cmd)
                    except TrothError:
                        made = 0
                    cmd = gen.send(made)
                bulk.commit()
    finally:
        reg.close()


def measure(url: str) -> None:
    reg = build_registry(url, clock=Clock(), customs=Customs())  # type: ignore[arg-type]
    try:
        t0 = time.perf_counter()
        chain = reg.queries.people.verify()
        chain_s = time.perf_counter() - t0
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        load0 = os.getloadavg()[0]
        t0 = time.perf_counter()
        deep = reg.queries.ledger.deep_verify()
        wall = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        load1 = os.getloadavg()[0]
    finally:
        reg.close()
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    rows = sum(n for _, n in deep.compared)
    print("| check | entries | wall s | entries/s | CPU s (this process) | load avg |")
    print("|---|---:|---:|---:|---:|---|")
    print(f"| chain (verify) | {chain.count:,} | {chain_s:.1f} | {chain.count / chain_s:,.0f}"
          f" | | |")
    print(f"| deep (verify --deep) | {deep.entries:,} | {wall:.1f} |"
          f" {deep.entries / wall:,.0f} | {cpu:.1f} | {load0:.1f} → {load1:.1f} |")
    print(f"deep ok={deep.ok}, {len(deep.compared)} tables, {rows:,} live rows compared,"
          f" {len(deep.differences)} differences; peak RSS"
          f" {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--db", type=Path, help="keep the registry in this SQLite file")
    ap.add_argument("--pg", action="store_true", help="on PostgreSQL (a scratch schema)")
    args = ap.parse_args()
    if args.pg:
        import psycopg

        plain, schema = PG.replace("+psycopg", ""), f"bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        try:
            url = f"{PG}?options=-csearch_path%3D{schema}"
            t0 = time.perf_counter()
            build(url, args.entries)
            print(f"built in {time.perf_counter() - t0:.0f} s")
            measure(url)
        finally:
            with psycopg.connect(plain, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")
        return
    path = args.db or Path(tempfile.mkdtemp()) / "deep.db"
    if not path.exists():
        t0 = time.perf_counter()
        build(str(path), args.entries)
        print(f"built in {time.perf_counter() - t0:.0f} s")
    measure(str(path))


if __name__ == "__main__":
    main()
