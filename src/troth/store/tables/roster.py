"""SQLAlchemy Core tables of rostering: residences, Visit requests, handlers, rosters."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Float, Integer, String, Table, Text

from troth.store.tables import metadata

residences = Table(
    "residences", metadata,
    Column("person_id", Integer, primary_key=True, autoincrement=False),
    Column("address", String(300), nullable=False), Column("district", String(100), nullable=False),
    Column("lat", Float, nullable=False), Column("lon", Float, nullable=False),
    Column("since", Date, nullable=False),
)
visit_requests = Table(
    "visit_requests", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("courtship_id", Integer, nullable=False), Column("kind", String(20), nullable=False),
    Column("week", String(8), nullable=False), Column("windows", JSON, nullable=False),
    Column("place", String(300), nullable=False), Column("district", String(100), nullable=False),
    Column("lat", Float, nullable=False), Column("lon", Float, nullable=False),
    Column("at_omega_residence", Boolean, nullable=False),
    Column("required", Boolean, nullable=False), Column("withdrawn", Boolean, nullable=False),
    Column("visit_id", Integer), Column("requested_on", Date, nullable=False),
    Column("note", Text, nullable=False, default=""),
)
handler_profiles = Table(
    "handler_profiles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("person_id", Integer, nullable=False, unique=True),
    Column("district", String(100), nullable=False),
    Column("lat", Float, nullable=False), Column("lon", Float, nullable=False),
    Column("weekly_cap", Integer, nullable=False), Column("active", Boolean, nullable=False),
    Column("since", Date, nullable=False),
)
handler_availability = Table(
    "handler_availability", metadata,
    Column("id", Integer, primary_key=True),
    Column("handler_id", Integer, nullable=False),
    Column("starts_at", DateTime, nullable=False), Column("ends_at", DateTime, nullable=False),
)
unavailability = Table(
    "unavailability", metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, nullable=False),
    Column("starts_at", DateTime, nullable=False), Column("ends_at", DateTime, nullable=False),
    Column("reason", Text, nullable=False, default=""), Column("on", Date, nullable=False),
)
rosters = Table(
    "rosters", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("week", String(8), nullable=False), Column("district", String(100), nullable=False),
    Column("method", String(10), nullable=False), Column("required", Integer, nullable=False),
    Column("placed", Integer, nullable=False), Column("bound", Integer, nullable=False),
    Column("seconds", Float, nullable=False), Column("proposed_on", Date, nullable=False),
    Column("unplaced", JSON, nullable=False), Column("released", JSON, nullable=False),
    Column("ledger_seq", Integer, nullable=False),
)
roster_placements = Table(
    "roster_placements", metadata,
    Column("roster_id", Integer, primary_key=True), Column("request_id", Integer, primary_key=True),
    Column("starts_at", DateTime, nullable=False), Column("ends_at", DateTime, nullable=False),
    Column("handler_ids", JSON, nullable=False), Column("window_index", Integer, nullable=False),
)
