"""SQLAlchemy Core tables of Beta marriages and petitions to dissolve them (projections of
the marriage events; migration 0016)."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, Index, Integer, String, Table, Text

from troth.store.tables import metadata

marriages = Table(
    "marriages", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("spouse1_id", Integer, nullable=False), Column("spouse2_id", Integer, nullable=False),
    Column("spouse1_consent_on", Date), Column("spouse2_consent_on", Date),
    Column("spouse1_attested_by", Integer), Column("spouse2_attested_by", Integer),
    Column("status", String(12), nullable=False),  # intended | withdrawn | solemnised | dissolved
    Column("officiant_id", Integer), Column("witnesses", JSON, nullable=False),
    Column("solemnised_on", Date), Column("certificate_code", String(40), nullable=False),
    Column("ledger_seq", Integer), Column("dissolved_on", Date),
)
Index("ix_marriages_spouse1", marriages.c.spouse1_id)
Index("ix_marriages_spouse2", marriages.c.spouse2_id)

marriage_petitions = Table(
    "marriage_petitions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("marriage_id", Integer, nullable=False),
    Column("petitioner_id", Integer, nullable=False),
    Column("grounds", String(20), nullable=False), Column("evidence", Text, nullable=False),
    Column("attested_by", Integer), Column("filed_on", Date, nullable=False),
    Column("status", String(10), nullable=False), Column("decided_on", Date),
    Column("reasons", Text, nullable=False, default=""),
)
Index("ix_marriage_petitions_marriage", marriage_petitions.c.marriage_id)
