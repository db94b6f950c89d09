"""The ledger's deep check (troth.registry.queries.LedgerQueries) on the reader engine."""

from __future__ import annotations

from troth.registry.views import DeepReport
from troth.store.engine import Engines


class LedgerReads:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines

    def deep_verify(self, limit: int = 100) -> DeepReport:
        from troth.store.verify import deep_verify  # the projections load when it runs

        return deep_verify(self.engines, limit)
