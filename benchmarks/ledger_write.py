"""Registering N people through the registry vs a bare SQLite INSERT + COMMIT of the same row.

Both on a file in WAL mode at synchronous=FULL, one commit per command, in the same run.
The registry's cost per command includes: judging the command, the hash-chained ledger entry,
its subject index, the person row and the name index, all in one transaction.

    .venv/bin/python benchmarks/ledger_write.py --n 2000
Target (issue 2): at most 3x the bare cost per command.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from troth.bootstrap import build_registry
from troth.domain import commands as c
from troth.domain.customs import Customs
from troth.domain.people import Scent

NAMES = Path(__file__).resolve().parent.parent / "src" / "troth" / "sim" / "names.tsv"


def _names() -> dict[str, tuple[list[str], list[float]]]:
    """The simulator's names and their frequencies (read as a file, so that an older tree
    can be timed with the same commands)."""
    out: dict[str, tuple[list[str], list[float]]] = {"given": ([], []), "family": ([], [])}
    for line in NAMES.read_text(encoding="utf-8").splitlines()[1:]:
        kind, name, weight = line.split("\t")
        out[kind][0].append(name)
        out[kind][1].append(float(weight))
    return out


def people(n: int) -> list[c.RegisterPerson]:
    """Realistic people (names by frequency, birth dates over 60 years): registering
    "Person 1" ... "Person N" born in one month would be refused as likely duplicates."""
    rng, names = random.Random(2), _names()
    return [c.RegisterPerson(
        f"{rng.choices(*names['given'])[0]} {rng.choices(*names['family'])[0]}",
        date(1950, 1, 1) + timedelta(days=rng.randrange(60 * 365)), (), (),
        Scent((0.1,) * 16, (0.2,) * 16, ""), "Niima") for _ in range(n)]


def run_troth(path: Path, cmds: list[c.RegisterPerson]) -> list[float]:
    reg = build_registry(str(path), customs=Customs())
    times = []
    for cmd in cmds:
        t0 = time.perf_counter()
        reg.execute(cmd)
        times.append(time.perf_counter() - t0)
    reg.close()
    return times


def run_bare(path: Path, cmds: list[c.RegisterPerson]) -> list[float]:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, legal_name TEXT, born DATE,"
                " scent_gives TEXT, scent_draws TEXT, district TEXT)")
    times = []
    for cmd in cmds:
        assert cmd.scent is not None
        t0 = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO people (legal_name, born, scent_gives, scent_draws, district)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (cmd.legal_name, cmd.born.isoformat(), json.dumps(cmd.scent.gives),
                     json.dumps(cmd.scent.draws), cmd.district))
        con.execute("COMMIT")
        times.append(time.perf_counter() - t0)
    con.close()
    return times


def summary(times: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(times, n=100)
    return statistics.mean(times) * 1e6, q[49] * 1e6, q[98] * 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="commands per side")
    ap.add_argument("--only", choices=["troth", "bare"], help="run one side (for whole-process"
                    " timing of each)")
    args = ap.parse_args()
    cmds = people(args.n)
    with tempfile.TemporaryDirectory(dir=".") as tmp:
        rows = {}
        if args.only in (None, "bare"):
            rows["bare INSERT+COMMIT"] = summary(run_bare(Path(tmp) / "bare.db", cmds))
        if args.only in (None, "troth"):
            rows["troth RegisterPerson"] = summary(run_troth(Path(tmp) / "troth.db", cmds))
    print(f"{'per command (µs)':<24}{'mean':>10}{'p50':>10}{'p99':>10}")
    for name, (mean, p50, p99) in rows.items():
        print(f"{name:<24}{mean:>10.0f}{p50:>10.0f}{p99:>10.0f}")
    if len(rows) == 2:
        (b, _, _), (t, _, _) = rows.values()
        print(f"ratio troth / bare (mean): {t / b:.2f}x   (target: at most 3x)")


if __name__ == "__main__":
    main()
