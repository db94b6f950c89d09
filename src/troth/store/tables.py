"""SQLAlchemy Core tables. The domain never sees these; the unit of work maps rows."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("legal_name", String(200), nullable=False),
    Column("born", Date, nullable=False),
    Column("died", Date),
    Column("designation", String(10)),
    Column("presented_on", Date),
    Column("presented_reason", Text, nullable=False, default=""),
    Column("scent_gives", JSON),
    Column("scent_draws", JSON),
    Column("scent_notes", Text, nullable=False, default=""),
    Column("district", String(100), nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),
)
Index("ix_people_designation", people.c.designation)
Index("ix_people_born", people.c.born)

person_parents = Table(
    "person_parents",
    metadata,
    Column("child_id", Integer, ForeignKey("people.id"), primary_key=True),
    Column("parent_id", Integer, ForeignKey("people.id"), primary_key=True),
)
Index("ix_person_parents_parent", person_parents.c.parent_id)

person_names = Table(
    "person_names",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("name", String(200), nullable=False),
    Column("search_key", String(200), nullable=False),
)
Index("ix_person_names_person", person_names.c.person_id)
Index("ix_person_names_key", person_names.c.search_key)

guardianships = Table(
    "guardianships",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("ward_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("guardian_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("court", String(200), nullable=False),
    Column("order_ref", String(200), nullable=False),
    Column("start", Date, nullable=False),
    Column("end", Date),
    Column("how_ended", String(20), nullable=False, default=""),
    Column("reason", Text, nullable=False, default=""),
)
Index("ix_guardianships_ward", guardianships.c.ward_id)
Index("ix_guardianships_guardian", guardianships.c.guardian_id)

ledger = Table(
    "ledger",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("recorded_at", String(40), nullable=False),
    Column("kind", String(60), nullable=False),
    Column("effective", String(10), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("data", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

ledger_subjects = Table(
    "ledger_subjects",
    metadata,
    Column("person_id", Integer, primary_key=True),
    Column("seq", Integer, primary_key=True),
)
