"""Pooled read-only connections for the long-running server.

The registry's own SQLite reader opens a connection per use (right for the CLI); a server
answering many small reads would spend most of each request opening files and setting
PRAGMAs. This engine keeps a pool of read-only connections instead; each use still runs
in its own transaction (BEGIN ... ROLLBACK), so no snapshot outlives a request. The
single writer is untouched. PostgreSQL's reader is already pooled and is reused as is.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from troth.store.engine import Engines


def pooled_reader(engines: Engines, size: int = 8) -> Engine:
    if engines.dialect != "sqlite":
        return engines.reader
    engine = create_engine(engines.url, poolclass=QueuePool, pool_size=size,
                           max_overflow=size, hide_parameters=True,
                           connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA query_only=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def server_engines(engines: Engines) -> Engines:
    """The same writer, with a pooled reader."""
    return Engines(engines.url, engines.writer, pooled_reader(engines))
