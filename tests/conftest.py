"""Shared fixtures: databases (a real SQLite file and a real PostgreSQL server), a fixed
clock, and the session-wide Ray cluster.

PostgreSQL: TROTH_TEST_POSTGRES_URL names the server (default: the local one on
127.0.0.1:5432, database `test`). When it cannot be reached, the PostgreSQL variants are
skipped with a loud note — except in CI (CI=true), where that is an error.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
_pg_state: dict[str, Any] = {}


def postgres_url() -> str | None:
    """The PostgreSQL URL if the server answers; None (or a failure in CI) otherwise."""
    if "url" in _pg_state:
        return _pg_state["url"]  # type: ignore[no-any-return]
    url = os.environ.get("TROTH_TEST_POSTGRES_URL", PG_DEFAULT)
    try:
        import psycopg

        with psycopg.connect(url.replace("+psycopg", ""), connect_timeout=3):
            pass
        _pg_state["url"] = url
    except Exception as exc:
        _pg_state["url"] = None
        _pg_state["why"] = f"{type(exc).__name__}: {exc}".splitlines()[0]
    return _pg_state["url"]  # type: ignore[no-any-return]


def pytest_report_header(config: pytest.Config) -> str:
    url = postgres_url()
    if url:
        return f"PostgreSQL tests: RUN against {url}"
    return ("PostgreSQL tests: SKIPPED — no server at 127.0.0.1:5432"
            f" ({_pg_state.get('why')}); set TROTH_TEST_POSTGRES_URL to run them")


def pytest_sessionstart(session: pytest.Session) -> None:
    if os.environ.get("CI") and postgres_url() is None:
        raise pytest.UsageError(
            "CI must run the PostgreSQL tests, but no server answered at "
            f"{os.environ.get('TROTH_TEST_POSTGRES_URL', PG_DEFAULT)}: {_pg_state.get('why')}"
        )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if postgres_url() is None:
        terminalreporter.write_line(
            "NOTE: the PostgreSQL variants of the store tests were SKIPPED (no server at"
            " 127.0.0.1:5432). CI runs them.", yellow=True, bold=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "ray_cluster" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("ray"))


class FixedClock:
    """A clock that starts at a date and advances a microsecond per reading."""

    def __init__(self, today: date = date(2026, 11, 25)) -> None:
        self._today = today
        self._now = datetime(today.year, today.month, today.day, 9, 0, tzinfo=UTC)

    def today(self) -> date:
        return self._today

    def now(self) -> datetime:
        self._now += timedelta(microseconds=1)
        return self._now

    def set(self, day: date) -> None:
        self._today = day
        self._now = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite database, copied for each test (migrations run once)."""
    from troth.store.engine import make_engines
    from troth.store.schema import ensure_schema

    path = tmp_path_factory.mktemp("template") / "template.db"
    engines = make_engines(str(path))
    ensure_schema(engines.writer)
    engines.dispose()  # the last connection to close checkpoints the WAL into the file
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    """A fresh, migrated database: an SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        path = tmp_path / "registry.db"
        shutil.copy(sqlite_template, path)
        yield str(path)
        return
    url = postgres_url()
    if url is None:
        pytest.skip("PostgreSQL not reachable at 127.0.0.1:5432")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    import psycopg

    plain = url.replace("+psycopg", "")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield f"{url}?options=-csearch_path%3D{schema}"
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def registry(db_url: str, clock: FixedClock) -> Iterator[Any]:
    from troth.bootstrap import build_registry
    from troth.domain.customs import Customs

    reg = build_registry(db_url, clock=clock, customs=Customs())  # type: ignore[arg-type]
    yield reg
    reg.close()


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[Any]:
    """One local Ray cluster for the whole run (starting one costs seconds).

    Tests of match and sim both use it; never call ray.init/shutdown in a test.
    """
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield ray
    finally:
        ray.shutdown()
