"""Courtship, consents, Visits, incidents, waivers, ceremonies, bonds, annulments.

Revision ID: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"

ID = sa.Integer


def _pk() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("id", ID, primary_key=True, autoincrement=False)


def upgrade() -> None:
    op.create_table(
        "courtships", _pk(),
        sa.Column("alpha_id", ID, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("omega_id", ID, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("sponsor_id", ID, sa.ForeignKey("people.id")),
        sa.Column("proposed_on", sa.Date, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("ended_by", ID), sa.Column("ended_on", sa.Date),
        sa.Column("end_reason", sa.Text, nullable=False),
        sa.Column("guardian_ack", ID),
        sa.Column("version", ID, nullable=False),
    )
    op.create_index("ix_courtships_alpha", "courtships", ["alpha_id"])
    op.create_index("ix_courtships_omega", "courtships", ["omega_id"])
    op.create_index("ix_courtships_sponsor", "courtships", ["sponsor_id"])
    op.create_table(
        "consents",
        sa.Column("id", ID, primary_key=True),
        sa.Column("courtship_id", ID, sa.ForeignKey("courtships.id"), nullable=False),
        sa.Column("person_id", ID, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("stage", sa.String(12), nullable=False),
        sa.Column("given", sa.Boolean, nullable=False),
        sa.Column("on", sa.Date, nullable=False),
    )
    op.create_index("ix_consents_courtship", "consents", ["courtship_id"])
    op.create_table(
        "visits", _pk(),
        sa.Column("courtship_id", ID, sa.ForeignKey("courtships.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("starts_at", sa.DateTime, nullable=False),
        sa.Column("place", sa.String(300), nullable=False),
        sa.Column("at_omega_residence", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("counted", sa.Boolean, nullable=False),
        sa.Column("flag", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_index("ix_visits_courtship", "visits", ["courtship_id"])
    op.create_index("ix_visits_starts", "visits", ["starts_at"])
    op.create_table(
        "visit_handlers",
        sa.Column("visit_id", ID, sa.ForeignKey("visits.id"), primary_key=True),
        sa.Column("person_id", ID, sa.ForeignKey("people.id"), primary_key=True),
        sa.Column("role", sa.String(10), primary_key=True),  # assigned | present
    )
    op.create_index("ix_visit_handlers_person", "visit_handlers", ["person_id"])
    op.create_table(
        "waivers", _pk(),
        sa.Column("courtship_id", ID, sa.ForeignKey("courtships.id"), nullable=False),
        sa.Column("custom", sa.String(60), nullable=False),
        sa.Column("granted_by", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("on", sa.Date, nullable=False),
    )
    op.create_index("ix_waivers_courtship", "waivers", ["courtship_id"])
    op.create_table(
        "incidents", _pk(),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("reported_by", ID, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("about_id", ID, sa.ForeignKey("people.id")),
        sa.Column("visit_id", ID, sa.ForeignKey("visits.id")),
        sa.Column("guardianship_id", ID, sa.ForeignKey("guardianships.id")),
        sa.Column("opens_review", sa.Boolean, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("on", sa.Date, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
    )
    op.create_index("ix_incidents_status", "incidents", ["status"])
    op.create_table(
        "ceremonies", _pk(),
        sa.Column("courtship_id", ID, sa.ForeignKey("courtships.id"), nullable=False),
        sa.Column("officiant_id", ID, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("witnesses", sa.JSON, nullable=False),
        sa.Column("on", sa.Date, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
    )
    op.create_index("ix_ceremonies_courtship", "ceremonies", ["courtship_id"])
    op.create_index("ix_ceremonies_officiant", "ceremonies", ["officiant_id"])
    op.create_table(
        "bonds", _pk(),
        sa.Column("alpha_id", ID, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("omega_id", ID, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("courtship_id", ID, sa.ForeignKey("courtships.id"), nullable=False),
        sa.Column("ceremony_id", ID, sa.ForeignKey("ceremonies.id"), nullable=False),
        sa.Column("sealed_on", sa.Date, nullable=False),
        sa.Column("household", sa.Text, nullable=False),
        sa.Column("certificate_code", sa.String(40), nullable=False, unique=True),
        sa.Column("ledger_seq", ID, nullable=False),
        sa.Column("dissolved_on", sa.Date),
    )
    op.create_index("ix_bonds_alpha", "bonds", ["alpha_id"])
    op.create_index("ix_bonds_omega", "bonds", ["omega_id"])
    op.create_table(
        "annulment_petitions", _pk(),
        sa.Column("bond_id", ID, sa.ForeignKey("bonds.id"), nullable=False),
        sa.Column("petitioner_id", ID, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("grounds", sa.String(20), nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("physician_id", ID, sa.ForeignKey("people.id")),
        sa.Column("finding", sa.Text, nullable=False),
        sa.Column("finding_consent_by", ID, sa.ForeignKey("people.id")),
        sa.Column("filed_on", sa.Date, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("decided_on", sa.Date),
        sa.Column("reasons", sa.Text, nullable=False),
    )
    op.create_table(
        "registry_settings",
        sa.Column("key", sa.String(60), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
