"""What the CLI imports at start: a command group's heavy libraries load only when one of
its commands runs (benchmarks/cli_startup.py times it; this checks the behaviour)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# pydantic is among them: Typer 0.29 parses every option through it (about 60 ms a call),
# so pyproject keeps Typer below 0.29; the web imports it, the CLI never needs it.
HEAVY = ("numpy", "scipy", "matplotlib", "ortools", "faiss", "pyarrow", "pandas", "sqlalchemy",
         "alembic", "fastapi", "uvicorn", "ray", "pydantic", "splink", "duckdb")

# Runs the real `troth` (as `python -m troth` does) and prints, as JSON on stderr, which of
# the modules named in argv[1] (comma-separated) were imported by the time it exited.
PROBE = """
import atexit, json, runpy, sys
names = sys.argv[1].split(",")
atexit.register(lambda: print(json.dumps(sorted(
    n for n in names if n in sys.modules)), file=sys.stderr))
sys.argv = ["troth", *sys.argv[2:]]
runpy.run_module("troth", run_name="__main__")
"""


def imported(names: tuple[str, ...], *args: str, db: Path | None = None) -> list[str]:
    env = {**os.environ, "COLUMNS": "200"}
    if db is not None:
        env["TROTH_DATABASE_URL"] = str(db)
    done = subprocess.run([sys.executable, "-c", PROBE, ",".join(names), *args], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    found: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return found


def test_help_imports_no_heavy_library_and_no_store() -> None:
    assert imported((*HEAVY, "pydantic", "troth.bootstrap", "troth.store", "troth.registry.service",
                     "troth.domain.commands"), "--help") == []


def test_attaching_every_group_imports_no_heavy_library() -> None:
    code = ("import sys, troth.cli; troth.cli._attach(); "
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_group_help_imports_no_heavy_library() -> None:
    for group in ("match", "roster", "heats", "sim", "person", "people"):
        assert imported(HEAVY, group, "--help") == [], group


def test_person_commands_need_neither_numpy_nor_the_web_nor_alembic(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    light = ("numpy", "scipy", "matplotlib", "ortools", "faiss", "pyarrow", "pandas",
             "splink", "duckdb", "fastapi", "uvicorn", "troth.web", "troth.match",
             "troth.schedule", "troth.cycles", "troth.dedupe")
    assert imported(light, "person", "add", "--name", "Rey", "--born", "2007-03-01",
                    db=db) == []  # the first call creates the schema (Alembic, then)
    assert imported((*light, "alembic"), "person", "add", "--name", "Finn", "--born",
                    "2005-01-01", db=db) == []
    assert imported((*light, "alembic"), "person", "show", "1", db=db) == []


def test_the_match_group_default_rate_is_the_engine_s() -> None:
    from troth.cli import match
    from troth.match.compat import DEFAULT_TRUE_MATCH_RATE

    assert match.DEFAULT_TRUE_MATCH_RATE == DEFAULT_TRUE_MATCH_RATE


# Modules `troth person show` and `troth person add` leave alone: the other groups' CLI
# modules (attached only when named), the domain behind other reads, other handlers,
# projections and repositories (each imported where used).
OTHER_GROUPS = ("troth.cli.bonding", "troth.cli.courtship", "troth.cli.guardian",
                "troth.cli.health", "troth.cli.ledger", "troth.cli.serve", "troth.cli.users",
                "troth.cli.heats", "troth.cli.match", "troth.cli.sim", "troth.cli.roster",
                "troth.cli.handler")
NOT_FOR_A_PERSON = ("troth.domain.history", "troth.domain.courtship_events",
                    "troth.domain.rostering_events", "troth.domain.welfare",
                    "troth.domain.courtship", "troth.domain.identity", "troth.registry.views",
                    "troth.registry.handlers.courtship", "troth.registry.handlers.roster",
                    "troth.store.projections.courtship", "troth.store.projections.roster",
                    "troth.store.repositories.courtship", "troth.store.repositories.roster")


def test_person_commands_import_neither_other_groups_nor_other_domain(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    assert imported((), "person", "add", "--name", "Rey", "--born", "2007-03-01", db=db) == []
    assert imported((*OTHER_GROUPS, *NOT_FOR_A_PERSON, "troth.domain.guardianship",
                     "troth.domain.commands", "troth.domain.ledger", "troth.registry.handlers",
                     "troth.store.uow", "rich.console"), "person", "show", "1", db=db) == []
    assert imported((*OTHER_GROUPS, *NOT_FOR_A_PERSON, "troth.domain.courtship_commands",
                     "troth.domain.health_commands", "pydantic"), "person", "add", "--name",
                    "Finn", "--born", "2005-01-01", db=db) == []


def troth(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "TROTH_DATABASE_URL": str(db)}
    return subprocess.run([sys.executable, "-m", "troth", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_one_command_of_a_group_runs_as_it_did_with_the_group_whole(tmp_path: Path) -> None:
    """`troth person show 1` keeps only `show` of the person group (Typer reads every
    command's signature first); help, typos and sub-groups answer as with the whole group."""
    db = tmp_path / "office.db"
    assert troth("person", "add", "--name", "Rey", "--born", "2007-03-01", db=db).stdout == "1\n"
    assert "Rey (#1), born 2007-03-01" in troth("person", "show", "1", db=db).stdout
    helped = troth("person", "show", "--help", db=db)
    assert helped.returncode == 0 and "person_id" in helped.stdout.lower()
    group_help = troth("person", "--help", db=db).stdout
    assert all(cmd in group_help for cmd in ("add", "show", "list", "present", "death"))
    typo = troth("person", "shwo", "1", db=db)
    assert typo.returncode == 2 and "No such command" in typo.stderr + typo.stdout
    missing = troth("person", "show", db=db)
    assert missing.returncode == 2 and "person_id" in (missing.stderr + missing.stdout).lower()
    born = troth("birth", "register", "--name", "Ben", "--born", "2020-01-01", "--parent",
                 "1", db=db)
    assert born.returncode == 0 and born.stdout.strip() == "2"
