"""Wall time of a CLI call against `python -c "import typer"`, the anchor, in the same run.

Times, each as a fresh process of the same Python (`python -m troth ...`): `troth --help`,
`troth person show 1` and `troth person add ...` on a scratch SQLite file (made in a temp
folder and given one person first, so the schema is current and nothing migrates), and the
anchor. One warm-up call of each, then --runs rounds, the four taken in turn in each round so
that a change in the machine's load falls on all of them alike; the median of each is
compared with the anchor's. Beside the figures: the median CPU seconds of each (the child's
user + sys, from resource.getrusage) and the load average before and after, since on a
shared machine a loaded CPU slows everything. Compiled bytecode is kept (as an installed
package keeps it) in a cache folder under the temp folder (PYTHONPYCACHEPREFIX; the warm-up
fills it), whatever PYTHONDONTWRITEBYTECODE says, and nothing is written beside the sources.

    .venv/bin/python benchmarks/cli_startup.py
    .venv/bin/python benchmarks/cli_startup.py --troth-src /path/to/other/checkout/src
Targets (issue: a CLI that answers at once): --help at most 4x the anchor, person show and
person add at most 6x.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ANCHOR = "import typer"
ADD = ["person", "add", "--name", "Ben Solo", "--born", "1999-10-25"]
# Each `person add` registers someone new: the registry refuses a likely duplicate, so every
# call gets a name and a birth date of its own (the same cost as the first).
GIVEN = ["Ada", "Bram", "Cleo", "Dov", "Edda", "Fen", "Gil", "Hana", "Ivo", "Juno", "Kai",
         "Lena", "Milo", "Nia", "Otto", "Pia", "Quin", "Rosa", "Sven", "Tova", "Ugo", "Vera"]
FAMILY = ["Abara", "Brightwater", "Castellan", "Dunmore", "Eskola", "Fairweather", "Galloway",
          "Hartigan", "Ilves", "Jarrow", "Kestrel", "Lindqvist", "Marchetti", "Nakagawa",
          "Okonkwo", "Pellegrin", "Quaresma", "Rautio", "Szabo", "Thorsby", "Urquhart"]


def add_args(i: int) -> list[str]:
    born = date(1950, 1, 1) + timedelta(days=397 * i)
    return ["person", "add", "--name", f"{GIVEN[i % len(GIVEN)]} {FAMILY[i % len(FAMILY)]}",
            "--born", born.isoformat()]
CASES: list[tuple[str, list[str] | None, float | None]] = [
    # (label, troth arguments or None for the anchor, target ratio)
    ('python -c "import typer"', None, None),
    ("troth --help", ["--help"], 4.0),
    ("troth person show 1", ["person", "show", "1"], 6.0),
    ("troth person add ...", ADD, 6.0),
]


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + sys) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10, help="timed runs of each (default 10)")
    ap.add_argument("--troth-src", type=Path, default=Path(__file__).resolve().parents[1] / "src",
                    help="the troth source folder to time, put first on PYTHONPATH for the"
                         " troth commands (default: this checkout's src/)")
    args = ap.parse_args()
    src = args.troth_src.resolve()
    if not (src / "troth" / "__main__.py").exists():
        sys.exit(f"{src} has no troth package")
    with tempfile.TemporaryDirectory(prefix="troth-cli-startup-") as tmp:
        base = {k: v for k, v in os.environ.items()
                if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
        base["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        anchor_env = dict(base)
        troth_env = {**base, "PYTHONPATH": os.pathsep.join(
            [str(src), *filter(None, [os.environ.get("PYTHONPATH")])]),
            "TROTH_DATABASE_URL": str(Path(tmp) / "bench.db")}
        argvs = [[sys.executable, "-c", ANCHOR] if a is None
                 else [sys.executable, "-m", "troth", *a] for _, a, _ in CASES]
        envs = [anchor_env if a is None else troth_env for _, a, _ in CASES]
        found = subprocess.run([sys.executable, "-c", "import troth; print(troth.__file__)"],
                               env=troth_env, capture_output=True, text=True, check=True)
        if not Path(found.stdout.strip()).is_relative_to(src):
            sys.exit(f"troth is imported from {found.stdout.strip()}, not from {src}")
        run_once([sys.executable, "-m", "troth", *ADD], troth_env)  # the file, one person
        load_before = os.getloadavg()
        added = iter(range(1, 10**6))

        def fresh(argv: list[str]) -> list[str]:
            """A `person add` call gets a person of its own (see add_args)."""
            return [*argv[:3], *add_args(next(added))] if argv[3:] == ADD else argv

        for argv, env in zip(argvs, envs, strict=True):  # warm-up
            run_once(fresh(argv), env)
        walls: list[list[float]] = [[] for _ in CASES]
        cpus: list[list[float]] = [[] for _ in CASES]
        for _ in range(args.runs):
            for i, (argv, env) in enumerate(zip(argvs, envs, strict=True)):
                wall, cpu = run_once(fresh(argv), env)
                walls[i].append(wall)
                cpus[i].append(cpu)
        load_after = os.getloadavg()
    anchor = statistics.median(walls[0])
    print(f"troth from {src}; Python {sys.version.split()[0]} ({sys.executable});"
          f" median of {args.runs} runs after a warm-up")
    anchor_cpu = statistics.median(cpus[0])
    print(f"{'command':<28}{'wall ms':>9}{'ratio':>8}{'target':>9}  met{'CPU ms':>9}"
          f"{'CPU ratio':>11}")
    for (label, _, target), w, c in zip(CASES, walls, cpus, strict=True):
        wall, cpu = statistics.median(w), statistics.median(c)
        ratio = wall / anchor
        goal = "anchor" if target is None else f"<= {target:g}x"
        met = "" if target is None else ("yes" if ratio <= target else "NO")
        print(f"{label:<28}{wall * 1e3:>9.0f}{ratio:>7.1f}x{goal:>9}  {met:<3}{cpu * 1e3:>9.0f}"
              f"{cpu / anchor_cpu:>10.1f}x")
    print("load average (1, 5, 15 min): before " + ", ".join(f"{x:.2f}" for x in load_before)
          + "; after " + ", ".join(f"{x:.2f}" for x in load_after)
          + f"; {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
