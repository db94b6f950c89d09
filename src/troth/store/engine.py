"""Engines: SQLite (a file, WAL, synchronous=FULL, one writer, BEGIN IMMEDIATE) or PostgreSQL.

Every engine hides SQL parameters from its errors and logs (`hide_parameters`): they
carry what people typed, and an error's text reaches logs.

Two engines per database: a writer (one connection per process; SQLite transactions begin
IMMEDIATE so writers queue instead of failing mid-way) and readers.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool, QueuePool

log = logging.getLogger("troth.store")

PG_WRITER_LOCK = 7_277_684  # pg_advisory_xact_lock key serialising ledger appends


@dataclass
class Engines:
    url: str
    writer: Engine
    reader: Engine

    @property
    def dialect(self) -> str:
        return self.writer.dialect.name

    def dispose(self) -> None:
        self.writer.dispose()
        self.reader.dispose()


def normalise_url(url: str) -> str:
    if "://" not in url:  # a bare path means an SQLite file
        return f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engines(url: str, connect_args: dict[str, Any] | None = None) -> Engines:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        return Engines(url, _sqlite(url, immediate=True), _sqlite(url, immediate=False))
    args = connect_args or {}
    writer = create_engine(url, poolclass=QueuePool, pool_size=1, max_overflow=0,
                           connect_args=args, pool_pre_ping=True, hide_parameters=True)
    reader = create_engine(url, pool_size=5, connect_args=args, pool_pre_ping=True,
                           hide_parameters=True)
    return Engines(url, writer, reader)


def _sqlite(url: str, immediate: bool) -> Engine:
    if url in ("sqlite://", "sqlite:///:memory:"):
        raise ValueError("troth needs an SQLite file, not an in-memory database")
    if immediate:
        engine = create_engine(url, poolclass=QueuePool, pool_size=1, max_overflow=0,
                               connect_args={"timeout": 30, "check_same_thread": False},
                               hide_parameters=True)
    else:
        engine = create_engine(url, poolclass=NullPool, hide_parameters=True,
                               connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    begin = "BEGIN IMMEDIATE" if immediate else "BEGIN"

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(begin)

    return engine


def log_versions() -> None:
    log.info("SQLite library %s", sqlite3.sqlite_version)
