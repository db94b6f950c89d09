"""A person's private health file, read outside any unit of work (check access first!)."""

from __future__ import annotations

from troth.domain.health import HealthEntry, HealthFile, fold
from troth.store.engine import Engines
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
