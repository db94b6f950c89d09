"""The registry's read ports (troth.registry.queries) on the store's reader engine.

Each port's module is imported when the port is first used: a CLI command that shows a
person never loads the roster, match (NumPy) or dashboard reads and the domain behind them.
"""

from __future__ import annotations

import importlib
import threading
from typing import TYPE_CHECKING, Any, cast

from troth.registry.ports import Clock
from troth.registry.queries import (
    Accounts,
    CorrectionQueries,
    CourtshipQueries,
    DashboardQueries,
    HealthQueries,
    IdentityQueries,
    LedgerQueries,
    MarriageQueries,
    MatchQueries,
    PeopleQueries,
    Queries,
    RecordLookups,
    RelationQueries,
    RosterQueries,
    StatsQueries,
    WelfareQueries,
)
from troth.store.engine import Engines

if TYPE_CHECKING:
    from troth.registry.notices import InboxQueries, Outbox

_R = "troth.store.reads."


def build_queries(engines: Engines, clock: Clock) -> Queries:
    """Every read port on `engines` (whose reader is pooled on the server)."""
    return Queries(
        people=cast(PeopleQueries, _Lazy(_R + "people", "ReadModel", engines)),
        courtships=cast(CourtshipQueries, _Lazy(_R + "courtship", "CourtshipReads", engines)),
        health=cast(HealthQueries, _Lazy(_R + "health", "HealthReads", engines)),
        roster=cast(RosterQueries, _Lazy(_R + "roster", "RosterReads", engines)),
        match=cast(MatchQueries, _Lazy(_R + "match", "MatchReads", engines)),
        dashboards=cast(DashboardQueries, _Lazy(_R + "dashboards", "DashboardReads", engines)),
        stats=cast(StatsQueries, _Lazy(_R + "stats", "StatsReads", engines)),
        lookups=cast(RecordLookups, _Lazy(_R + "lookups", "Lookups", engines)),
        relations=cast(RelationQueries, _Lazy(_R + "relations", "RelationReads", engines)),
        accounts=cast(Accounts, _Lazy("troth.store.accounts", "AccountStore", engines, clock)),
        ledger=cast(LedgerQueries, _Lazy(_R + "ledger", "LedgerReads", engines)),
        corrections=cast(CorrectionQueries, _Lazy(_R + "corrections", "CorrectionReads",
                                                  engines)),
        identity=cast(IdentityQueries, _Lazy(_R + "identity", "IdentityReads", engines)),
        inbox=cast("InboxQueries", _Lazy(_R + "inbox", "InboxStore", engines, clock)),
        outbox=cast("Outbox", _Lazy(_R + "inbox", "OutboxStore", engines)),
        welfare=cast(WelfareQueries, _Lazy(_R + "welfare", "WelfareReads", engines)),
        marriages=cast(MarriageQueries, _Lazy(_R + "marriage", "MarriageReads", engines)),
    )


class _Lazy:
    """A read port whose module is imported, and whose object is built, on first use."""

    def __init__(self, module: str, name: str, *args: Any) -> None:
        self._where = (module, name)
        self._args = args
        self._port: Any = None
        self._lock = threading.Lock()

    def __getattr__(self, attr: str) -> Any:
        if self._port is None:
            with self._lock:
                if self._port is None:
                    module, name = self._where
                    self._port = getattr(importlib.import_module(module), name)(*self._args)
        return getattr(self._port, attr)


if TYPE_CHECKING:  # mypy checks here that each store class satisfies its port

    def _conforms(engines: Engines, clock: Clock) -> Queries:
        from troth.store.accounts import AccountStore
        from troth.store.reads.corrections import CorrectionReads
        from troth.store.reads.courtship import CourtshipReads
        from troth.store.reads.dashboards import DashboardReads
        from troth.store.reads.health import HealthReads
        from troth.store.reads.identity import IdentityReads
        from troth.store.reads.inbox import InboxStore, OutboxStore
        from troth.store.reads.ledger import LedgerReads
        from troth.store.reads.lookups import Lookups
        from troth.store.reads.marriage import MarriageReads
        from troth.store.reads.match import MatchReads
        from troth.store.reads.people import ReadModel
        from troth.store.reads.relations import RelationReads
        from troth.store.reads.roster import RosterReads
        from troth.store.reads.stats import StatsReads
        from troth.store.reads.welfare import WelfareReads

        return Queries(
            people=ReadModel(engines), courtships=CourtshipReads(engines),
            health=HealthReads(engines), roster=RosterReads(engines),
            match=MatchReads(engines), dashboards=DashboardReads(engines),
            stats=StatsReads(engines), lookups=Lookups(engines),
            relations=RelationReads(engines), accounts=AccountStore(engines, clock),
            ledger=LedgerReads(engines), corrections=CorrectionReads(engines),
            identity=IdentityReads(engines), inbox=InboxStore(engines, clock),
            outbox=OutboxStore(engines),
            welfare=WelfareReads(engines),
            marriages=MarriageReads(engines),
        )
