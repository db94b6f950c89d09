"""The connection the deep check's replay hands to the projections (troth.store.verify).

The projections are the one definition of how an event changes the tables; during a
replay they run unchanged against a Recorder instead of a Connection. The Recorder compiles
each distinct INSERT, UPDATE or DELETE once (as SQLAlchemy would: same dialect, same
schema translation, same bind processors and scalar column defaults) and sends it straight
to the DBAPI cursor. Writes wait in a queue per table and go out together, consecutive
executions of one statement as one executemany: writes to different tables commute (the
scratch tables have no foreign keys and no triggers), and within a table their order is
kept, except that writes keyed on the primary key (an INSERT giving it, an UPDATE or DELETE
whose only condition is `pk = :param`) commute with writes of other keys, so a registration's
INSERT and a presentation's UPDATE of another person join the executemany of their kind; a
write that reaches another table than its own (a subquery) goes alone. Anything
else — a SELECT, a statement it cannot plan (RETURNING, expanding parameters, non-scalar
defaults) — first flushes what is pending, so reads see every earlier write, and then runs
through the Connection as usual. A buffered write returns no result: a projection that
needs a write's rowcount must not be replayed through it (nothing here uses one).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Connection, Delete, Insert, Update
from sqlalchemy.sql import operators
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.util import find_tables

FLUSH_AT = 2000  # rows buffered for one executemany at most


class _Plan:
    """One compiled write, ready for the DBAPI: where each bound value comes from (the
    execution's parameters, the statement's own values, a scalar column default) and its
    bind processor, resolved once for the parameter names it is executed with."""

    __slots__ = ("compiled", "extracted", "key", "names", "positional", "sources", "sql",
                 "table")

    def __init__(self, compiled: SQLCompiler, extracted: Any, keys: tuple[str, ...],
                 table: str, key: str | None) -> None:
        self.compiled = compiled
        self.table = table  # the one table it writes and reads
        self.key = key  # the parameter holding the one row's primary key it writes, if any
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
        # table -> its pending writes in order: (plan, DBAPI rows, primary keys or None)
        self._queues: dict[str, list[tuple[_Plan, list[Any], set[Any] | None]]] = {}
        self._pending = 0
        self._raw: Any = None  # the DBAPI connection, and its pipeline while one is open
        self._pipe: Any = None
        self.statements = 0  # DBAPI executions, for measuring

    def as_connection(self) -> Connection:
        return cast(Connection, self)

    def execute(self, statement: Any, parameters: Any = None) -> Any:
        if not isinstance(statement, Insert | Update | Delete):
            return self._through_connection(statement, parameters)
        many = isinstance(parameters, list)
        rows: list[dict[str, Any]] = parameters if many else [parameters or {}]
        if not rows:
            return None
        keys = tuple(sorted(rows[0]))
        plan, extracted = self._planned(statement, keys)
        if plan is None or (many and any(tuple(sorted(r)) != keys for r in rows)):
            return self._through_connection(statement, parameters)
        queue = self._queues.setdefault(plan.table, [])
        keys_of = None if plan.key is None else {r[plan.key] for r in rows}
        at = _joinable(queue, plan, keys_of)
        if at is None:
            queue.append((plan, [], keys_of))
            at = -1
        queue[at][1].extend(plan.row(r, extracted) for r in rows)
        if keys_of is not None:
            joined = queue[at][2]
            assert joined is not None
            joined |= keys_of
        self._pending += len(rows)
        if self._pending >= FLUSH_AT:
            self.flush()
        return None

    @contextmanager
    def pipeline(self) -> Iterator[None]:
        """On PostgreSQL, the writes of a batch are sent without waiting for each answer
        (psycopg's pipeline mode): one statement per event and table would otherwise cost a
        round trip each. A read leaves the pipeline for its own execution (in pipeline mode
        a result has no rows until synced, and SQLAlchemy would read it as empty); leaving
        the block waits for every answer (and raises the first error). Elsewhere, nothing
        changes."""
        raw: Any = self.conn.connection.dbapi_connection
        if self._dialect.name != "postgresql" or not hasattr(raw, "pipeline"):
            yield
            return
        self._raw = raw
        self._pipe = raw.pipeline()
        self._pipe.__enter__()
        try:
            yield
        except BaseException as exc:
            if self._pipe is not None:
                self._pipe.__exit__(type(exc), exc, exc.__traceback__)
            raise
        else:
            if self._pipe is not None:
                self._pipe.__exit__(None, None, None)
        finally:
            self._pipe = self._raw = None

    def _through_connection(self, statement: Any, parameters: Any) -> Any:
        """A statement the Recorder does not batch: what is pending first, then the
        statement on the Connection, outside the pipeline."""
        self.flush()
        pipe = self._pipe
        if pipe is not None:
            pipe.__exit__(None, None, None)
            self._pipe = None
        try:
            return self.conn.execute(statement, parameters)
        finally:
            if pipe is not None:
                self._pipe = self._raw.pipeline()
                self._pipe.__enter__()

    def flush(self) -> None:
        if not self._pending:
            return
        if self._cursor is None:
            self._cursor = self.conn.connection.cursor()
        for queue in self._queues.values():
            for plan, rows, _ in queue:
                if len(rows) == 1:
                    self._cursor.execute(plan.sql, rows[0])
                else:
                    self._cursor.executemany(plan.sql, rows)
                self.statements += 1
        self._queues = {}
        self._pending = 0

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
        tables = find_tables(statement, check_columns=True, include_crud=True)
        if {tab.name for tab in tables} != {statement.table.name}:
            return None  # it reaches another table: it runs in its place, through the Connection
        try:
            return _Plan(compiled, ck.bindparams, keys, statement.table.name,
                         _key_param(statement, keys))
        except _Unplanned:
            return None


def _joinable(queue: list[tuple[_Plan, list[Any], set[Any] | None]], plan: _Plan,
              keys: set[Any] | None) -> int | None:
    """The index of the pending segment of `plan` these rows may join: the last one, or an
    earlier one when every write after it is keyed on other primary keys (writes to
    different rows commute). None: a new segment at the end."""
    if keys is None:
        return len(queue) - 1 if queue and queue[-1][0] is plan else None
    for i in range(len(queue) - 1, -1, -1):
        other, _, other_keys = queue[i]
        if other is plan and other_keys is not None:
            return i
        if other_keys is None or other_keys & keys:
            return None
    return None


def _key_param(statement: Any, keys: tuple[str, ...]) -> str | None:
    """The parameter that names the one row a write touches by its primary key: an INSERT's
    primary-key column, or the parameter of an UPDATE's or DELETE's only condition
    `pk = :param`. None when there is no such parameter."""
    pk = list(statement.table.primary_key.columns)
    if len(pk) != 1:
        return None
    if isinstance(statement, Insert):
        return pk[0].key if pk[0].key in keys else None
    where: tuple[Any, ...] = tuple(getattr(statement, "_where_criteria", ()))
    if len(where) != 1:
        return None
    cond = where[0]
    left, right = getattr(cond, "left", None), getattr(cond, "right", None)
    if (getattr(cond, "operator", None) is operators.eq and left is pk[0]
            and isinstance(right, BindParameter) and right.key in keys):
        return str(right.key)
    return None
