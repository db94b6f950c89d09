"""Private health entries: stored apart from the public ledger, which gets only a digest."""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import date
from typing import Any

from sqlalchemy import Column, Connection, Date, Integer, String, Table, Text, bindparam, select

from troth.domain.courtship_events import HealthEntryRecorded
from troth.domain.health import HealthEntry, HealthFile, fold
from troth.domain.ledger import canonical_json
from troth.store.ids import next_id
from troth.store.tables import metadata

health_entries = Table(
    "health_entries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("person_id", Integer, nullable=False), Column("type", String(20), nullable=False),
    Column("content", Text, nullable=False), Column("salt", String(32), nullable=False),
    Column("recorded_by", Integer, nullable=False), Column("on", Date, nullable=False),
    Column("ledger_seq", Integer, nullable=False),
)


def digest(salt: str, person_id: int, type_: str, content: dict[str, Any]) -> str:
    body = canonical_json([salt, person_id, type_, content])
    return hashlib.sha256(body.encode()).hexdigest()


_h = health_entries.c
_ENTRIES = select(health_entries).where(_h.person_id == bindparam("pid")).order_by(_h.id)
_OWNER = select(_h.person_id).where(_h.id == bindparam("eid"))
_ADD = health_entries.insert()


def entries(conn: Connection, person_id: int) -> list[HealthEntry]:
    rows = conn.execute(_ENTRIES, {"pid": person_id}).mappings().all()
    return [HealthEntry(r["id"], r["person_id"], r["type"], json.loads(r["content"]),
                        r["recorded_by"], r["on"]) for r in rows]


def health_file_on(conn: Connection, person_id: int) -> HealthFile:
    """A person's folded health file on an open connection (for access checks)."""
    return fold(person_id, entries(conn, person_id))


class SqlHealth:
    """Inside a unit of work: read a person's file, add an entry (row + ledger digest)."""

    def __init__(self, conn: Connection, record: Any, clock: Any = None) -> None:
        self.conn = conn
        self.record = record
        self.clock = clock

    def file(self, person_id: int) -> HealthFile:
        return fold(person_id, entries(self.conn, person_id))

    def owner_of(self, entry_id: int) -> int | None:
        row = self.conn.execute(_OWNER, {"eid": entry_id}).first()
        return None if row is None else int(row[0])

    def add(self, person_id: int, type_: str, content: dict[str, Any], by_id: int,
            on: date) -> int:
        entry_id = next_id(self.conn, _h.id)
        salt = secrets.token_hex(16)
        seq = self.record(HealthEntryRecorded(entry_id, digest(salt, person_id, type_, content),
                                              on))
        self.conn.execute(_ADD, {
            "id": entry_id, "person_id": person_id, "type": type_,
            "content": canonical_json(content), "salt": salt, "recorded_by": by_id, "on": on,
            "ledger_seq": seq})
        if type_ in ("share_granted", "share_revoked"):  # the grantee is told, not what
            from datetime import UTC, datetime

            from troth.domain.notices import HealthShared
            from troth.store.notify import notify

            notify(self.conn, HealthShared(person_id, int(content["grantee_id"]),
                                           type_ == "share_granted"), seq,
                   self.clock.now() if self.clock else datetime.now(UTC))
        return entry_id
