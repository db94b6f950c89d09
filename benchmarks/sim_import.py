"""`troth sim import` speed: a simulated town replayed into the registry, commands/s.

Measured: the importer with `Registry.bulk()` sessions of 5,000 commands (one transaction
each) against the anchor, the same history with one transaction per command (`--batch 1`,
what a loop of `Registry.execute` costs), on an SQLite file (WAL, synchronous=FULL) and, if
one answers, on PostgreSQL. Both runs judge every command by the same handlers and rules;
both must report zero rule violations.

Run:  nice .venv/bin/python benchmarks/sim_import.py [--people 1000] [--years 2]
      TROTH_BENCH_POSTGRES_URL=postgresql+psycopg://... to choose the server
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from troth.bootstrap import SystemClock, build_registry
from troth.domain.customs import Customs
from troth.sim import RunSpec, default_scenario, simulate
from troth.sim.importer import ImportReport, import_history
from troth.sim.replay import read_history

PG = os.environ.get("TROTH_BENCH_POSTGRES_URL",
                    "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str | None]:
    if kind == "sqlite":
        yield str(folder / f"{uuid.uuid4().hex[:8]}.db")
        return
    try:
        import psycopg

        plain = PG.replace("+psycopg", "")
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(plain, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
    except Exception as exc:  # no server: the PostgreSQL rows are skipped, and said so
        print(f"PostgreSQL not reachable ({type(exc).__name__}); skipping it")
        yield None
        return
    try:
        yield f"{PG}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def run(url: str, town: Path, batch: int) -> tuple[ImportReport, float]:
    reg = build_registry(url, clock=SystemClock(date(2026, 1, 1)), customs=Customs())
    try:
        cpu = time.process_time()
        report = import_history(reg, town, batch=batch)
        return report, time.process_time() - cpu
    finally:
        reg.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--people", type=int, default=1000)
    ap.add_argument("--years", type=float, default=2.0)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        simulate(RunSpec(args.people, args.years, args.seed, default_scenario()), folder / "t")
        log = read_history(folder / "t")
        print(f"town: {args.people:,} founders x {args.years:g} years, {log.total():,} facts,"
              f" simulated in {time.perf_counter() - began:.1f} s")
        print("| backend | mode | commands | wall s | CPU s | commands/s (wall) |"
              " commands/CPU-s | violations |\n|---|---|---:|---:|---:|---:|---:|---:|")
        for kind in ("sqlite", "postgresql"):
            rates = {}
            for mode, batch in (("anchor: 1 command per transaction", 1),
                                ("bulk: 5,000 per transaction", 5000)):
                with database(kind, folder) as url:
                    if url is None:
                        break
                    report, cpu = run(url, folder / "t", batch)
                rates[batch] = report.commands_per_second
                print(f"| {kind} | {mode} | {report.commands:,} | {report.seconds:.1f} |"
                      f" {cpu:.1f} | {report.commands_per_second:,.0f} |"
                      f" {report.commands / max(cpu, 1e-9):,.0f} | {report.violations} |")
            if len(rates) == 2:
                print(f"| {kind} | ratio bulk / anchor | | | | **{rates[5000] / rates[1]:.2f}x**"
                      " | | |")


if __name__ == "__main__":
    main()
