"""SQLAlchemy Core tables of courtship, Visits, incidents, bonding and annulment."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, DateTime, Integer, String, Table, Text

from troth.store.tables import metadata

courtships = Table(
    "courtships", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("alpha_id", Integer, nullable=False), Column("omega_id", Integer, nullable=False),
    Column("sponsor_id", Integer), Column("proposed_on", Date, nullable=False),
    Column("status", String(12), nullable=False), Column("ended_by", Integer),
    Column("ended_on", Date), Column("end_reason", Text, nullable=False, default=""),
    Column("guardian_ack", Integer), Column("version", Integer, nullable=False, default=1),
)
consents = Table(
    "consents", metadata,
    Column("id", Integer, primary_key=True), Column("courtship_id", Integer, nullable=False),
    Column("person_id", Integer, nullable=False), Column("stage", String(12), nullable=False),
    Column("given", Boolean, nullable=False), Column("on", Date, nullable=False),
)
visits = Table(
    "visits", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("courtship_id", Integer, nullable=False), Column("kind", String(20), nullable=False),
    Column("starts_at", DateTime, nullable=False), Column("place", String(300), nullable=False),
    Column("at_omega_residence", Boolean, nullable=False),
    Column("status", String(12), nullable=False), Column("counted", Boolean, nullable=False),
    Column("flag", Text, nullable=False, default=""), Column("note", Text, nullable=False,
                                                             default=""),
)
visit_handlers = Table(
    "visit_handlers", metadata,
    Column("visit_id", Integer, primary_key=True), Column("person_id", Integer, primary_key=True),
    Column("role", String(10), primary_key=True),
)
waivers = Table(
    "waivers", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("courtship_id", Integer, nullable=False), Column("custom", String(60), nullable=False),
    Column("granted_by", String(20), nullable=False), Column("reason", Text, nullable=False),
    Column("on", Date, nullable=False),
    Column("granted_by_ids", JSON), Column("relations", JSON),  # 0011; None on older rows
)
incidents = Table(
    "incidents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(30), nullable=False), Column("reported_by", Integer, nullable=False),
    Column("about_id", Integer), Column("visit_id", Integer), Column("guardianship_id", Integer),
    Column("opens_review", Boolean, nullable=False), Column("description", Text, nullable=False),
    Column("on", Date, nullable=False), Column("status", String(10), nullable=False),
    Column("outcome", Text, nullable=False, default=""),
    # 0011: a review's decision (kept | transferred | revoked), by whom and when
    Column("decision", String(12), nullable=False, default=""),
    Column("decided_by", Integer), Column("decided_on", Date),
    # 0019: the registrar account working it, since when
    Column("assignee", Integer), Column("assigned_on", Date),
)
ceremonies = Table(
    "ceremonies", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("courtship_id", Integer, nullable=False),
    Column("officiant_id", Integer, nullable=False), Column("witnesses", JSON, nullable=False),
    Column("on", Date, nullable=False), Column("status", String(12), nullable=False),
    # 0020: the time of day (HH:MM) and the place; "" when not given
    Column("at", String(5), nullable=False, default=""),
    Column("place", String(200), nullable=False, default=""),
)
bonds = Table(
    "bonds", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("alpha_id", Integer, nullable=False), Column("omega_id", Integer, nullable=False),
    Column("courtship_id", Integer, nullable=False), Column("ceremony_id", Integer, nullable=False),
    Column("sealed_on", Date, nullable=False), Column("household", Text, nullable=False),
    Column("certificate_code", String(40), nullable=False),
    Column("ledger_seq", Integer, nullable=False), Column("dissolved_on", Date),
)
annulment_petitions = Table(
    "annulment_petitions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("bond_id", Integer, nullable=False), Column("petitioner_id", Integer, nullable=False),
    Column("grounds", String(20), nullable=False), Column("evidence", Text, nullable=False),
    Column("physician_id", Integer), Column("finding", Text, nullable=False),
    Column("finding_consent_by", Integer), Column("filed_on", Date, nullable=False),
    Column("status", String(10), nullable=False), Column("decided_on", Date),
    Column("reasons", Text, nullable=False, default=""),
)
petition_findings = Table(  # a physician's finding released by its owner for one petition
    "petition_findings", metadata,
    Column("petition_id", Integer, primary_key=True),
    Column("finding_id", Integer, primary_key=True),
    Column("owner_id", Integer, nullable=False), Column("released_on", Date, nullable=False),
    Column("attested_by", Integer), Column("withdrawn_on", Date),
)
registry_settings = Table(
    "registry_settings", metadata,
    Column("key", String(60), primary_key=True), Column("value", Text, nullable=False),
)
