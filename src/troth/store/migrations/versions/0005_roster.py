"""Rostering: residences, Visit requests, handlers' list and availability, unavailability,
proposed rosters and their placements.

Revision ID: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"

ID = sa.Integer


def _people(name: str, primary_key: bool = False, unique: bool = False
            ) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, ID, sa.ForeignKey("people.id"), nullable=False,
                     primary_key=primary_key, unique=unique)


def _span() -> list[sa.Column]:  # type: ignore[type-arg]
    return [sa.Column("starts_at", sa.DateTime, nullable=False),
            sa.Column("ends_at", sa.DateTime, nullable=False)]


def upgrade() -> None:
    op.create_table(
        "residences", _people("person_id", primary_key=True),
        sa.Column("address", sa.String(300), nullable=False),
        sa.Column("district", sa.String(100), nullable=False),
        sa.Column("lat", sa.Float, nullable=False), sa.Column("lon", sa.Float, nullable=False),
        sa.Column("since", sa.Date, nullable=False),
    )
    op.create_table(
        "visit_requests",
        sa.Column("id", ID, primary_key=True, autoincrement=False),
        sa.Column("courtship_id", ID, sa.ForeignKey("courtships.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("week", sa.String(8), nullable=False),
        sa.Column("windows", sa.JSON, nullable=False),
        sa.Column("place", sa.String(300), nullable=False),
        sa.Column("district", sa.String(100), nullable=False),
        sa.Column("lat", sa.Float, nullable=False), sa.Column("lon", sa.Float, nullable=False),
        sa.Column("at_omega_residence", sa.Boolean, nullable=False),
        sa.Column("required", sa.Boolean, nullable=False),
        sa.Column("withdrawn", sa.Boolean, nullable=False),
        sa.Column("visit_id", ID, sa.ForeignKey("visits.id")),
        sa.Column("requested_on", sa.Date, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_index("ix_visit_requests_week", "visit_requests", ["week", "district"])
    op.create_index("ix_visit_requests_courtship", "visit_requests", ["courtship_id"])
    op.create_table(
        "handler_profiles",
        sa.Column("id", ID, primary_key=True, autoincrement=False),
        _people("person_id", unique=True),
        sa.Column("district", sa.String(100), nullable=False),
        sa.Column("lat", sa.Float, nullable=False), sa.Column("lon", sa.Float, nullable=False),
        sa.Column("weekly_cap", ID, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("since", sa.Date, nullable=False),
    )
    op.create_table(
        "handler_availability",
        sa.Column("id", ID, primary_key=True),
        sa.Column("handler_id", ID, sa.ForeignKey("handler_profiles.id"), nullable=False),
        *_span(),
    )
    op.create_index("ix_handler_availability", "handler_availability",
                    ["handler_id", "starts_at"])
    op.create_table(
        "unavailability",
        sa.Column("id", ID, primary_key=True), _people("person_id"), *_span(),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("on", sa.Date, nullable=False),
    )
    op.create_index("ix_unavailability_person", "unavailability", ["person_id", "starts_at"])
    op.create_table(
        "rosters",
        sa.Column("id", ID, primary_key=True, autoincrement=False),
        sa.Column("week", sa.String(8), nullable=False),
        sa.Column("district", sa.String(100), nullable=False),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("required", ID, nullable=False), sa.Column("placed", ID, nullable=False),
        sa.Column("bound", ID, nullable=False), sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("proposed_on", sa.Date, nullable=False),
        sa.Column("unplaced", sa.JSON, nullable=False),
        sa.Column("released", sa.JSON, nullable=False),
        sa.Column("ledger_seq", ID, nullable=False),
    )
    op.create_index("ix_rosters_week", "rosters", ["week", "district"])
    op.create_table(
        "roster_placements",
        sa.Column("roster_id", ID, sa.ForeignKey("rosters.id"), primary_key=True),
        sa.Column("request_id", ID, sa.ForeignKey("visit_requests.id"), primary_key=True),
        *_span(),
        sa.Column("handler_ids", sa.JSON, nullable=False),
        sa.Column("window_index", ID, nullable=False),
    )
