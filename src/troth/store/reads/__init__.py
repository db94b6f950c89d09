"""The registry's read ports (troth.registry.queries) on the store's reader engine."""

from __future__ import annotations

from typing import Any, cast

from troth.registry.ports import Clock
from troth.registry.queries import MatchQueries, Queries
from troth.store.accounts import AccountStore
from troth.store.engine import Engines
from troth.store.reads.courtship import CourtshipReads
from troth.store.reads.dashboards import DashboardReads
from troth.store.reads.health import HealthReads
from troth.store.reads.ledger import LedgerReads
from troth.store.reads.lookups import Lookups
from troth.store.reads.people import ReadModel
from troth.store.reads.relations import RelationReads
from troth.store.reads.roster import RosterReads
from troth.store.reads.stats import StatsReads


def build_queries(engines: Engines, clock: Clock) -> Queries:
    """Every read port on `engines` (whose reader is pooled on the server)."""
    return Queries(
        people=ReadModel(engines), courtships=CourtshipReads(engines),
        health=HealthReads(engines), roster=RosterReads(engines),
        match=cast(MatchQueries, _LazyMatchReads(engines)),
        dashboards=DashboardReads(engines), stats=StatsReads(engines),
        lookups=Lookups(engines), relations=RelationReads(engines),
        accounts=AccountStore(engines, clock), ledger=LedgerReads(engines),
    )


class _LazyMatchReads:
    """MatchReads, imported on first use: it brings NumPy, which a CLI command that never
    matches should not pay for at start."""

    def __init__(self, engines: Engines) -> None:
        self._engines = engines
        self._reads: MatchQueries | None = None

    def __getattr__(self, name: str) -> Any:
        if self._reads is None:
            from troth.store.reads.match import MatchReads

            self._reads = MatchReads(self._engines)
        return getattr(self._reads, name)
