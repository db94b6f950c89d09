"""SQLAlchemy Core table of matchmaking: each person's dated opt-in choices (migration 0006)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, Index, Integer, Table

from troth.store.tables import metadata

matchmaking_opt_ins = Table(
    "matchmaking_opt_ins", metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, nullable=False),
    Column("opted_in", Boolean, nullable=False),
    Column("on", Date, nullable=False),
    Column("ledger_seq", Integer, nullable=False),
)
Index("ix_matchmaking_opt_ins_person", matchmaking_opt_ins.c.person_id,
      matchmaking_opt_ins.c.on)
