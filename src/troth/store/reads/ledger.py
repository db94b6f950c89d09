"""The ledger's deep check (troth.registry.queries.LedgerQueries) on the reader engine."""

from __future__ import annotations

from sqlalchemy import Engine

from troth.registry.views import DeepReport
from troth.store.engine import Engines


class LedgerReads:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines
        self._reader: Engine | None = None

    def deep_verify(self, limit: int = 100) -> DeepReport:
        from troth.store.verify import deep_verify, verifying_reader  # projections load here

        if self._reader is None:
            self._reader = verifying_reader(self.engines)
        return deep_verify(self._reader, limit)
