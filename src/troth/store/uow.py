"""The SQL unit of work: one write transaction, ledger append + projection, rollback
unless committed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, RowMapping, bindparam, select, text

from troth.domain.errors import NotFound
from troth.domain.events import Event
from troth.domain.guardianship import Guardianship
from troth.domain.ledger import GENESIS, canonical_json, entry_hash
from troth.domain.people import Designation, OtherName, Person, Scent
from troth.registry.ports import Clock
from troth.store import (  # noqa: F401  (registers projections)
    projector_courtship,
    projector_match,
    projector_roster,
)
from troth.store import tables as t
from troth.store.engine import PG_WRITER_LOCK, Engines
from troth.store.health import SqlHealth
from troth.store.ids import next_id
from troth.store.projector import CHANGES_PEOPLE, project
from troth.store.repos_courtship import SqlBonds, SqlCourtships
from troth.store.repos_roster import SqlRostering


def person_from_rows(
    row: Mapping[Any, Any], names: Sequence[Mapping[Any, Any]], parents: Sequence[int]
) -> Person:
    scent = None
    if row["scent_gives"]:
        scent = Scent(tuple(row["scent_gives"]), tuple(row["scent_draws"]), row["scent_notes"])
    return Person(
        id=row["id"], legal_name=row["legal_name"], born=row["born"], died=row["died"],
        designation=Designation(row["designation"]) if row["designation"] else None,
        presented_on=row["presented_on"], scent=scent, parents=tuple(parents),
        other_names=[OtherName(n["kind"], n["name"]) for n in names if n["kind"] != "legal"],
    )


_p, _n, _pp = t.people, t.person_names, t.person_parents
# One statement per load, built once (so SQLAlchemy's compiled cache serves every
# execution): a person's row once per (name, parent) pair, names and parents joined on.
_PERSON_ROWS = (select(_p, _n.c.id.label("name_id"), _n.c.kind.label("name_kind"),
                       _n.c.name.label("name"), _pp.c.parent_id)
                .outerjoin(_n, _n.c.person_id == _p.c.id)
                .outerjoin(_pp, _pp.c.child_id == _p.c.id))
_PERSON = _PERSON_ROWS.where(_p.c.id == bindparam("pid"))
_PEOPLE_IN = _PERSON_ROWS.where(_p.c.id.in_(bindparam("ids", expanding=True)))


def load_people(conn: Connection, ids: Sequence[int]) -> dict[int, Person]:
    if not ids:
        return {}
    if len(ids) == 1:
        rows = conn.execute(_PERSON, {"pid": ids[0]}).mappings().all()
    else:
        rows = conn.execute(_PEOPLE_IN, {"ids": list(ids)}).mappings().all()
    first: dict[int, RowMapping] = {}
    names: dict[int, dict[int, dict[str, str]]] = {}
    parents: dict[int, set[int]] = {}
    for r in rows:
        pid = r["id"]
        first.setdefault(pid, r)
        if r["name_id"] is not None:
            names.setdefault(pid, {})[r["name_id"]] = {"kind": r["name_kind"],
                                                      "name": r["name"]}
        if r["parent_id"] is not None:
            parents.setdefault(pid, set()).add(r["parent_id"])
    return {pid: person_from_rows(r, [n for _, n in sorted(names.get(pid, {}).items())],
                                  sorted(parents.get(pid, ())))
            for pid, r in first.items()}


class SqlPeople:
    """People inside one unit of work, each loaded at most once while unchanged.

    The unit of work forgets a person when it records an event whose projection writes
    their rows (the only way they change; see troth.store.projector) and forgets everyone
    when a command is rolled back to its savepoint.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.known: dict[int, Person] = {}

    def get(self, person_id: int) -> Person:
        found = self.known.get(person_id)
        if found is None:
            found = load_people(self.conn, [person_id]).get(person_id)
            if found is None:
                raise NotFound(f"no person #{person_id} in the registry", rule="person_exists")
            self.known[person_id] = found
        return found

    def get_many(self, ids: Sequence[int]) -> list[Person]:
        wanted = [i for i in ids if i not in self.known]
        if wanted:
            found = load_people(self.conn, wanted)
            missing = [i for i in wanted if i not in found]
            if missing:
                raise NotFound(f"no person #{missing[0]} in the registry",
                               rule="person_exists")
            self.known.update(found)
        return [self.known[i] for i in ids]

    def forget(self, ids: Iterable[int]) -> None:
        for i in ids:
            self.known.pop(i, None)

    def next_id(self) -> int:
        return next_id(self.conn, t.people.c.id)


def guardianship_from_row(r: RowMapping) -> Guardianship:
    return Guardianship(
        id=r["id"], ward_id=r["ward_id"], guardian_id=r["guardian_id"], court=r["court"],
        order_ref=r["order_ref"], start=r["start"], end=r["end"], how_ended=r["how_ended"],
    )


_g = t.guardianships
_FOR_WARD = select(_g).where(_g.c.ward_id == bindparam("ward")).order_by(_g.c.start)
_GUARDIANSHIP = select(_g).where(_g.c.id == bindparam("gid"))
_OPEN_AS_GUARDIAN = select(_g).where(_g.c.guardian_id == bindparam("guardian"),
                                     _g.c.end.is_(None))


class SqlGuardianships:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def for_ward(self, ward_id: int) -> list[Guardianship]:
        rows = self.conn.execute(_FOR_WARD, {"ward": ward_id}).mappings().all()
        return [guardianship_from_row(r) for r in rows]

    def current(self, ward_id: int) -> Guardianship | None:
        open_ = [g for g in self.for_ward(ward_id) if g.end is None]
        return open_[-1] if open_ else None

    def get(self, guardianship_id: int) -> Guardianship:
        row = self.conn.execute(_GUARDIANSHIP, {"gid": guardianship_id}).mappings().first()
        if row is None:
            raise NotFound(f"no guardianship #{guardianship_id}", rule="guardianship_exists")
        return guardianship_from_row(row)

    def open_as_guardian(self, guardian_id: int) -> list[Guardianship]:
        rows = self.conn.execute(_OPEN_AS_GUARDIAN, {"guardian": guardian_id}).mappings().all()
        return [guardianship_from_row(r) for r in rows]

    def next_id(self) -> int:
        return next_id(self.conn, t.guardianships.c.id)


_PG_LOCK = text(f"SELECT pg_advisory_xact_lock({PG_WRITER_LOCK})")
_HEAD = select(t.ledger.c.seq, t.ledger.c.hash).order_by(t.ledger.c.seq.desc()).limit(1)
_APPEND = t.ledger.insert()
_INDEX = t.ledger_subjects.insert()
_SAVEPOINT = "SAVEPOINT troth_command"
_ROLLBACK_TO = "ROLLBACK TO SAVEPOINT troth_command"
_RELEASE = "RELEASE SAVEPOINT troth_command"


class SqlUnitOfWork:
    people: SqlPeople
    guardianships: SqlGuardianships
    courtships: SqlCourtships
    bonds: SqlBonds
    health: SqlHealth
    rostering: SqlRostering

    def __init__(self, engines: Engines, clock: Clock, actor: str = "registry") -> None:
        self.engines = engines
        self.clock = clock
        self.actor = actor
        self._conn: Connection | None = None
        self._head: tuple[int, str] | None = None
        self._committed = False
        self._savepoint = False  # bulk mode: the current command's savepoint is open
        self._head_before: tuple[int, str] | None = None

    @property
    def conn(self) -> Connection:
        assert self._conn is not None, "use the unit of work in a with-block"
        return self._conn

    def __enter__(self) -> SqlUnitOfWork:
        self._conn = self.engines.writer.connect()
        self._conn.begin()
        if self.engines.dialect == "postgresql":
            self._conn.execute(_PG_LOCK)
        self.people = SqlPeople(self._conn)
        self.guardianships = SqlGuardianships(self._conn)
        self.courtships = SqlCourtships(self._conn)
        self.bonds = SqlBonds(self._conn)
        self.health = SqlHealth(self._conn, self.record)
        self.rostering = SqlRostering(self._conn)
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
        if self._savepoint:  # bulk mode: one command's savepoint
            self.conn.exec_driver_sql(_RELEASE)
            self._savepoint = False
            return
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

    def abandon_command(self) -> None:
        """Bulk mode: roll the current command back to its savepoint (it was refused)."""
        if self._savepoint:
            self.conn.exec_driver_sql(_ROLLBACK_TO)
            self.conn.exec_driver_sql(_RELEASE)
            self._savepoint = False
        self._head = self._head_before
        self.people.known.clear()  # some may have been loaded as the command changed them

    def commit_bulk(self) -> None:
        self.conn.commit()
        self._committed = True

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
        if type(event) in CHANGES_PEOPLE:  # it wrote (only) its subjects' rows
            self.people.forget(subjects)
        self._head = (seq, digest)
        return seq

    def is_bonded(self, person_id: int, on: date) -> bool:
        return bool(self.bonds.bonded([person_id], on))
