"""The SQL unit of work: one write transaction, ledger append + projection, rollback
unless committed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from types import TracebackType
from typing import TYPE_CHECKING, cast

from sqlalchemy import Connection, select, text

from troth.domain.events import Event
from troth.domain.ledger import GENESIS, canonical_json, entry_hash
from troth.registry.ports import Clock
from troth.store import tables as t
from troth.store.engine import PG_WRITER_LOCK, Engines
from troth.store.notify import SqlContacts, notify
from troth.store.projections import CHANGES_PEOPLE, project
from troth.store.repositories.people import SqlGuardianships, SqlPeople

if TYPE_CHECKING:
    from troth.store.repositories.accounts import SqlAccounts
    from troth.store.repositories.corrections import SqlCorrections
    from troth.store.repositories.courtship import SqlBonds, SqlCourtships
    from troth.store.repositories.health import SqlHealth
    from troth.store.repositories.marriage import SqlMarriages
    from troth.store.repositories.roster import SqlRostering

_PG_LOCK = text(f"SELECT pg_advisory_xact_lock({PG_WRITER_LOCK})")
_HEAD = select(t.ledger.c.seq, t.ledger.c.hash).order_by(t.ledger.c.seq.desc()).limit(1)
_APPEND = t.ledger.insert()
_INDEX = t.ledger_subjects.insert()
_SAVEPOINT = "SAVEPOINT troth_command"
_ROLLBACK_TO = "ROLLBACK TO SAVEPOINT troth_command"
_RELEASE = "RELEASE SAVEPOINT troth_command"


class SqlUnitOfWork:
    """People and guardianships are made on entering; the other repositories (and their
    modules, with the domain behind them) on a command's first use of one."""

    people: SqlPeople
    guardianships: SqlGuardianships

    def __init__(self, engines: Engines, clock: Clock, actor: str = "registry") -> None:
        self.engines = engines
        self.clock = clock
        self.actor = actor
        self._conn: Connection | None = None
        self._head: tuple[int, str] | None = None
        self._committed = False
        self._savepoint = False  # bulk mode: the current command's savepoint is open
        self._head_before: tuple[int, str] | None = None
        self._repos: dict[str, object] = {}

    @property
    def conn(self) -> Connection:
        assert self._conn is not None, "use the unit of work in a with-block"
        return self._conn

    def _repo(self, name: str, make: Callable[[], object]) -> object:
        found = self._repos.get(name)
        if found is None:
            found = self._repos[name] = make()
        return found

    @property
    def courtships(self) -> SqlCourtships:
        from troth.store.repositories.courtship import SqlCourtships

        return cast(SqlCourtships, self._repo("courtships", lambda: SqlCourtships(self.conn)))

    @property
    def bonds(self) -> SqlBonds:
        from troth.store.repositories.courtship import SqlBonds

        return cast(SqlBonds, self._repo("bonds", lambda: SqlBonds(self.conn)))

    @property
    def health(self) -> SqlHealth:
        from troth.store.repositories.health import SqlHealth

        return cast(SqlHealth, self._repo("health", lambda: SqlHealth(self.conn, self.record,
                                                                    self.clock)))

    @property
    def accounts(self) -> SqlAccounts:
        from troth.store.repositories.accounts import SqlAccounts

        return cast(SqlAccounts, self._repo("accounts", lambda: SqlAccounts(self.conn)))

    @property
    def corrections(self) -> SqlCorrections:
        from troth.store.repositories.corrections import SqlCorrections

        return cast(SqlCorrections, self._repo("corrections", lambda: SqlCorrections(self.conn)))

    @property
    def contacts(self) -> SqlContacts:
        return cast(SqlContacts, self._repo("contacts",
                                            lambda: SqlContacts(self.conn, self.clock.now())))

    @property
    def marriages(self) -> SqlMarriages:
        from troth.store.repositories.marriage import SqlMarriages

        return cast(SqlMarriages, self._repo("marriages", lambda: SqlMarriages(self.conn)))

    @property
    def rostering(self) -> SqlRostering:
        from troth.store.repositories.roster import SqlRostering

        return cast(SqlRostering, self._repo("rostering", lambda: SqlRostering(self.conn)))

    def __enter__(self) -> SqlUnitOfWork:
        self._conn = self.engines.writer.connect()
        self._conn.begin()
        if self.engines.dialect == "postgresql":
            self._conn.execute(_PG_LOCK)
        self.people = SqlPeople(self._conn)
        self.guardianships = SqlGuardianships(self._conn)
        self._repos = {}
        self._head = None
        self._committed = False
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            if not self._committed and conn.in_transaction():
                conn.rollback()
        finally:
            conn.close()

    def commit(self) -> None:
        """Commit the transaction (the bus calls this; handlers never do)."""
        self.conn.commit()
        self._committed = True

    def begin_command(self) -> None:
        """Bulk mode: run the next command inside a savepoint of the open transaction.

        Plain SQL on the driver (the same in SQLite and PostgreSQL): a quarter of the cost
        of SQLAlchemy's begin_nested(), which compiles its statements afresh every time.
        """
        self.conn.exec_driver_sql(_SAVEPOINT)
        self._savepoint = True
        self._head_before = self._head

    def end_command(self) -> None:
        """Bulk mode: keep the current command's work, releasing its savepoint."""
        self.conn.exec_driver_sql(_RELEASE)
        self._savepoint = False

    def abandon_command(self) -> None:
        """Bulk mode: roll the current command back to its savepoint (it was refused)."""
        if self._savepoint:
            self.conn.exec_driver_sql(_ROLLBACK_TO)
            self.conn.exec_driver_sql(_RELEASE)
            self._savepoint = False
        self._head = self._head_before
        self.people.known.clear()  # some may have been loaded as the command changed them

    def _ledger_head(self) -> tuple[int, str]:
        if self._head is None:
            row = self.conn.execute(_HEAD).first()
            self._head = (0, GENESIS) if row is None else (row.seq, row.hash)
        return self._head

    def record(self, event: Event) -> int:
        seq, prev = self._ledger_head()
        seq += 1
        recorded_at = self.clock.now().isoformat(timespec="microseconds")
        effective = event.effective.isoformat()
        data = canonical_json(event.to_data())
        digest = entry_hash(prev, seq, recorded_at, event.kind, effective, self.actor, data)
        self.conn.execute(_APPEND, {
            "seq": seq, "recorded_at": recorded_at, "kind": event.kind, "effective": effective,
            "actor": self.actor, "data": data, "prev_hash": prev, "hash": digest,
        })
        subjects = sorted(set(event.subjects))
        if subjects:
            index = [{"person_id": p, "seq": seq} for p in subjects]
            self.conn.execute(_INDEX, index[0] if len(index) == 1 else index)
        project(self.conn, event, seq)
        notify(self.conn, event, seq, self.clock.now())  # who is told, in this transaction
        if event.kind in CHANGES_PEOPLE:  # it wrote (only) its subjects' rows
            self.people.forget(subjects)
        self._head = (seq, digest)
        return seq

    def is_bonded(self, person_id: int, on: date) -> bool:
        return bool(self.bonds.bonded([person_id], on))
