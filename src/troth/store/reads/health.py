"""A person's private health file, read outside any unit of work (check access first!)."""

from __future__ import annotations

import json

from sqlalchemy import select

from troth.domain.health import HealthEntry, HealthFile, fold
from troth.store.engine import Engines
from troth.store.repositories.health import SqlHealth, health_entries
from troth.store.repositories.health import entries as entries_of


class HealthReads:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines

    def file(self, person_id: int) -> HealthFile:
        with self.engines.reader.connect() as conn:
            return fold(person_id, entries_of(conn, person_id))

    def entries(self, person_id: int) -> list[HealthEntry]:
        with self.engines.reader.connect() as conn:
            return entries_of(conn, person_id)

    def owner_of(self, entry_id: int) -> int | None:
        with self.engines.reader.connect() as conn:
            return SqlHealth(conn, None).owner_of(entry_id)

    def patients_of(self, physician_id: int) -> list[int]:
        """Owners whose current shares name this person as their physician: the grants
        that name them (read as JSON, not matched as text), then each owner's file folded,
        so a revoked or changed share does not count."""
        h = health_entries.c
        with self.engines.reader.connect() as conn:
            grants = conn.execute(select(h.person_id, h.content).where(
                h.type == "share_granted")).all()
        owners = sorted({owner for owner, content in grants
                         if json.loads(content).get("grantee_id") == physician_id})
        return [o for o in owners if self.file(o).shares.get(physician_id) == "physician"]
