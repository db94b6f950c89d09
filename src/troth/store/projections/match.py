"""Projection of matchmaking opt-in events: one dated row per choice (history is kept, so
"who had opted in on date D" is answerable)."""

from __future__ import annotations

from sqlalchemy import Connection, insert

from troth.domain import matchmaking as mm
from troth.store.tables import match as tm

_OPT_IN = insert(tm.matchmaking_opt_ins)  # built once: a hit in the compiled cache


def matchmaking_opt_in_set(conn: Connection, e: mm.MatchmakingOptInSet, seq: int) -> None:
    conn.execute(_OPT_IN, {"person_id": e.person_id, "opted_in": e.opted_in, "on": e.on,
                           "ledger_seq": seq})
