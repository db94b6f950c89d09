"""The connection the deep check's replay hands to the projections (troth.store.verify).

The projections are the one definition of how an event changes the tables; during a
replay they run unchanged against a Recorder instead of a Connection. The Recorder compiles
each distinct INSERT, UPDATE or DELETE once (as SQLAlchemy would: same dialect, same
schema translation, same bind processors and scalar column defaults) and sends it straight
to the DBAPI cursor, consecutive executions of one statement as one executemany. Anything
else — a SELECT, a statement it cannot plan (RETURNING, expanding parameters, non-scalar
defaults) — first flushes what is pending, so reads see every earlier write, and then runs
through the Connection as usual. A buffered write returns no result: a projection that
needs a write's rowcount must not be replayed through it (nothing here uses one).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any, cast

from sqlalchemy import Connection, Delete, Insert, Update
from sqlalchemy.sql.compiler import SQLCompiler

FLUSH_AT = 2000  # rows buffered for one executemany at most


class _Plan:
    """One compiled write, ready for the DBAPI: where each bound value comes from (the
    execution's parameters, the statement's own values, a scalar column default) and its
    bind processor, resolved once for the parameter names it is executed with."""

    __slots__ = ("compiled", "extracted", "names", "positional", "sources", "sql")

    def __init__(self, compiled: SQLCompiler, extracted: Any, keys: tuple[str, ...]) -> None:
        self.compiled = compiled
        self.sql = compiled.string
        self.extracted = extracted  # the bound values of the statement compiled
        procs = compiled._bind_processors
        key_of = compiled._within_exec_param_key_getter
        defaults = {key_of(c): c.default.arg  # type: ignore[union-attr]
                    for c in compiled.insert_prefetch}
        at = {b.key: i for i, b in enumerate(extracted or ())}
        by_name = {name: b for b, name in compiled.bind_names.items()}
        order = (list(compiled.positiontup or ()) if compiled.positional
                 else list(by_name))
        escaped: dict[str, str] = dict(compiled.escaped_bind_names or {})
        self.positional = compiled.positional
        self.names = [escaped.get(n, n) for n in order]
        # (parameter name or None, index among a statement's own values or -1, constant,
        # processor or None) for each bound value, in the DBAPI's order
        self.sources: list[tuple[str | None, int, Any, Any]] = []
        for name in order:
            b = by_name[name]
            proc = procs.get(name)
            if name in defaults:
                self.sources.append((None, -1, defaults[name], proc))
            elif b.key in keys or name in keys:
                self.sources.append((b.key if b.key in keys else name, -1, None, proc))
            else:
                if b.callable is not None or (b.required and b.value is None):
                    raise _Unplanned(name)
                self.sources.append((None, at.get(b.key, -1), b.value, proc))

    def row(self, params: dict[str, Any], extracted: Any) -> Any:
        values = []
        for key, i, const, proc in self.sources:
            if key is not None:
                v = params[key]
            elif i >= 0 and extracted is not None:
                v = extracted[i].effective_value
            else:
                v = const
            values.append(v if proc is None else proc(v))
        if self.positional:
            return tuple(values)
        return dict(zip(self.names, values, strict=True))


class _Unplanned(Exception):
    """A statement the Recorder leaves to the Connection."""


class Recorder:
    """Connection-like: `execute` as the projections use it, writes batched to the DBAPI."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._dialect = conn.dialect
        self._translate = conn.get_execution_options().get("schema_translate_map")
        self._cursor: Any = None
        self._by_id: dict[int, tuple[Any, _Plan | None, tuple[str, ...]]] = {}
        self._by_key: dict[Any, _Plan | None] = {}
        self._plan: _Plan | None = None
        self._rows: list[Any] = []
        self.statements = 0  # DBAPI executions, for measuring

    def as_connection(self) -> Connection:
        return cast(Connection, self)

    def execute(self, statement: Any, parameters: Any = None) -> Any:
        if not isinstance(statement, Insert | Update | Delete):
            self.flush()
            return self.conn.execute(statement, parameters)
        many = isinstance(parameters, list)
        rows: list[dict[str, Any]] = parameters if many else [parameters or {}]
        if not rows:
            return None
        keys = tuple(sorted(rows[0]))
        plan, extracted = self._planned(statement, keys)
        if plan is None or (many and any(tuple(sorted(r)) != keys for r in rows)):
            self.flush()
            return self.conn.execute(statement, parameters)
        if plan is not self._plan:
            self.flush()
            self._plan = plan
        self._rows.extend(plan.row(r, extracted) for r in rows)
        if len(self._rows) >= FLUSH_AT:
            self.flush()
        return None

    @contextmanager
    def pipeline(self) -> Iterator[None]:
        """On PostgreSQL, the writes of a batch are sent without waiting for each answer
        (psycopg's pipeline mode): one statement per event and table would otherwise cost a
        round trip each. A read, or leaving the block, waits for every answer (and raises
        the first error). Elsewhere, nothing changes."""
        raw = self.conn.connection.dbapi_connection
        enter = getattr(raw, "pipeline", None) if self._dialect.name == "postgresql" else None
        with enter() if enter is not None else nullcontext():
            yield

    def flush(self) -> None:
        plan, rows = self._plan, self._rows
        if plan is None or not rows:
            return
        if self._cursor is None:
            self._cursor = self.conn.connection.cursor()
        if len(rows) == 1:
            self._cursor.execute(plan.sql, rows[0])
        else:
            self._cursor.executemany(plan.sql, rows)
        self.statements += 1
        self._rows = []

    def close(self) -> None:
        self.flush()
        if self._cursor is not None:
            self._cursor.close()
            self._cursor = None

    def _planned(self, statement: Any, keys: tuple[str, ...]) -> tuple[_Plan | None, Any]:
        """The plan for a statement built once (by identity) or each time (by its cache
        key, with this statement's bound values)."""
        known = self._by_id.get(id(statement))
        if known is not None and known[0] is statement and known[2] == keys:
            return known[1], None
        ck = statement._generate_cache_key()
        if ck is None:
            return None, None
        key = (ck.key, keys)
        if key in self._by_key:
            plan = self._by_key[key]
        else:
            plan = self._by_key[key] = self._compile(statement, keys, ck)
        if plan is not None and plan.extracted is ck.bindparams:
            self._by_id[id(statement)] = (statement, plan, keys)
            return plan, None
        return plan, ck.bindparams

    def _compile(self, statement: Any, keys: tuple[str, ...], ck: Any) -> _Plan | None:
        kw: dict[str, Any] = {"cache_key": ck}
        if self._translate:
            kw.update(schema_translate_map=self._translate, render_schema_translate=True)
        compiled = statement.compile(dialect=self._dialect, column_keys=list(keys),
                                     for_executemany=True, **kw)
        assert isinstance(compiled, SQLCompiler)
        if (compiled.implicit_returning or compiled.returning or compiled.update_prefetch
                or compiled.literal_execute_params or compiled.post_compile_params
                or compiled.effective_returning
                or any(c.default is None or not c.default.is_scalar
                       for c in compiled.insert_prefetch)):
            return None
        try:
            return _Plan(compiled, ck.bindparams, keys)
        except _Unplanned:
            return None
