"""The SQL unit of work: one write transaction, ledger append + projection, rollback
unless committed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, RowMapping, select, text

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
from troth.store.projector import project
from troth.store.repos_courtship import SqlBonds, SqlCourtships
from troth.store.repos_roster import SqlRostering


def person_from_rows(
    row: RowMapping, names: Sequence[RowMapping], parents: Sequence[int]
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


def load_people(conn: Connection, ids: Sequence[int]) -> dict[int, Person]:
    if not ids:
        return {}
    rows = conn.execute(select(t.people).where(t.people.c.id.in_(ids))).mappings().all()
    names = conn.execute(select(t.person_names).where(t.person_names.c.person_id.in_(ids))
                         .order_by(t.person_names.c.id)).mappings().all()
    parents = conn.execute(select(t.person_parents)
                           .where(t.person_parents.c.child_id.in_(ids))).all()
    out = {}
    for r in rows:
        pid = r["id"]
        out[pid] = person_from_rows(
            r, [n for n in names if n["person_id"] == pid],
            sorted(p.parent_id for p in parents if p.child_id == pid),
        )
    return out



class SqlPeople:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, person_id: int) -> Person:
        found = load_people(self.conn, [person_id])
        if person_id not in found:
            raise NotFound(f"no person #{person_id} in the registry", rule="person_exists")
        return found[person_id]

    def get_many(self, ids: Sequence[int]) -> list[Person]:
        found = load_people(self.conn, list(ids))
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFound(f"no person #{missing[0]} in the registry", rule="person_exists")
        return [found[i] for i in ids]

    def next_id(self) -> int:
        return next_id(self.conn, t.people.c.id)


def guardianship_from_row(r: RowMapping) -> Guardianship:
    return Guardianship(
        id=r["id"], ward_id=r["ward_id"], guardian_id=r["guardian_id"], court=r["court"],
        order_ref=r["order_ref"], start=r["start"], end=r["end"], how_ended=r["how_ended"],
    )


class SqlGuardianships:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def for_ward(self, ward_id: int) -> list[Guardianship]:
        rows = self.conn.execute(select(t.guardianships).where(t.guardianships.c.ward_id == ward_id)
                                 .order_by(t.guardianships.c.start)).mappings().all()
        return [guardianship_from_row(r) for r in rows]

    def current(self, ward_id: int) -> Guardianship | None:
        open_ = [g for g in self.for_ward(ward_id) if g.end is None]
        return open_[-1] if open_ else None

    def get(self, guardianship_id: int) -> Guardianship:
        g = t.guardianships
        row = self.conn.execute(select(g).where(g.c.id == guardianship_id)).mappings().first()
        if row is None:
            raise NotFound(f"no guardianship #{guardianship_id}", rule="guardianship_exists")
        return guardianship_from_row(row)

    def open_as_guardian(self, guardian_id: int) -> list[Guardianship]:
        g = t.guardianships
        rows = self.conn.execute(select(g).where(g.c.guardian_id == guardian_id,
                                                 g.c.end.is_(None))).mappings().all()
        return [guardianship_from_row(r) for r in rows]

    def next_id(self) -> int:
        return next_id(self.conn, t.guardianships.c.id)


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
        self._savepoint: Any = None
        self._head_before: tuple[int, str] | None = None

    @property
    def conn(self) -> Connection:
        assert self._conn is not None, "use the unit of work in a with-block"
        return self._conn

    def __enter__(self) -> SqlUnitOfWork:
        self._conn = self.engines.writer.connect()
        self._conn.begin()
        if self.engines.dialect == "postgresql":
            self._conn.execute(text(f"SELECT pg_advisory_xact_lock({PG_WRITER_LOCK})"))
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
        if self._savepoint is not None:  # bulk mode: one command's savepoint
            self._savepoint.commit()
            self._savepoint = None
            return
        self.conn.commit()
        self._committed = True

    def begin_command(self) -> None:
        """Bulk mode: run the next command inside a savepoint of the open transaction."""
        self._savepoint = self.conn.begin_nested()
        self._head_before = self._head

    def abandon_command(self) -> None:
        """Bulk mode: roll the current command back to its savepoint (it was refused)."""
        if self._savepoint is not None:
            self._savepoint.rollback()
            self._savepoint = None
        self._head = self._head_before

    def commit_bulk(self) -> None:
        self.conn.commit()
        self._committed = True

    def _ledger_head(self) -> tuple[int, str]:
        if self._head is None:
            row = self.conn.execute(select(t.ledger.c.seq, t.ledger.c.hash)
                                    .order_by(t.ledger.c.seq.desc()).limit(1)).first()
            self._head = (0, GENESIS) if row is None else (row.seq, row.hash)
        return self._head

    def record(self, event: Event) -> int:
        seq, prev = self._ledger_head()
        seq += 1
        recorded_at = self.clock.now().isoformat(timespec="microseconds")
        effective = event.effective.isoformat()
        data = canonical_json(event.to_data())
        digest = entry_hash(prev, seq, recorded_at, event.kind, effective, self.actor, data)
        self.conn.execute(t.ledger.insert().values(
            seq=seq, recorded_at=recorded_at, kind=event.kind, effective=effective,
            actor=self.actor, data=data, prev_hash=prev, hash=digest,
        ))
        subjects = sorted(set(event.subjects))
        if subjects:
            self.conn.execute(t.ledger_subjects.insert(),
                              [{"person_id": p, "seq": seq} for p in subjects])
        project(self.conn, event, seq)
        self._head = (seq, digest)
        return seq

    def is_bonded(self, person_id: int, on: date) -> bool:
        return bool(self.bonds.bonded([person_id], on))
