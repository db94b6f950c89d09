"""SQLAlchemy Core tables. The domain never sees these; the unit of work maps rows."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
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

# The modules beside this one that add tables to `metadata`. Each is imported where its
# tables are used; what needs every table (the deep check) calls `every_table()`.
TABLE_MODULES = ("courtship", "marriage", "match", "notices", "roster")


def every_table() -> MetaData:
    """`metadata` with the tables of every module of this package added."""
    import importlib

    for module in TABLE_MODULES:
        importlib.import_module(f"troth.store.tables.{module}")
    return metadata

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
Index("ix_people_name", people.c.legal_name, people.c.id)  # 0013: results in name order

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
# 0013 adds the substring index the name search reads: on SQLite the FTS5 table
# person_names_fts (trigram; kept by triggers), on PostgreSQL ix_person_names_trgm (GIN).

# Pairs linkage found or a registrar settled (migration 0015; troth.domain.linkage): "open"
# (a likely duplicate an import recorded, to review) or "not_duplicate" (declared, with why).
duplicate_reviews = Table(
    "duplicate_reviews",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id"), primary_key=True),
    Column("other_id", Integer, ForeignKey("people.id"), primary_key=True),
    Column("status", String(20), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("ledger_seq", Integer, nullable=False),
)
Index("ix_duplicate_reviews_status", duplicate_reviews.c.status)

# Scent signatures measured by a physician the person chose (migration 0018; issue 15):
# one row per measurement; people.scent_* keep the latest (by date, then ledger order).
scent_measurements = Table(
    "scent_measurements",
    metadata,
    Column("ledger_seq", Integer, primary_key=True, autoincrement=False),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("on", Date, nullable=False),
    Column("by_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("gives", JSON, nullable=False),
    Column("draws", JSON, nullable=False),
    Column("notes", Text, nullable=False, default=""),
)
Index("ix_scent_measurements_person", scent_measurements.c.person_id)

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
    Column("court_waiver_ref", String(200), nullable=False, default=""),  # 0011
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


# --- Accounts and access (migration 0002; issue 4) -------------------------------------
# Secrets are stored only as digests (sessions, API tokens) or argon2 hashes (passwords).
# Timestamps are ISO-8601 UTC strings of one fixed width, so they compare as text.

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(80), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id")),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created", String(32), nullable=False),
    # How the account is bound to its person (migration 0009; troth.domain.identity.Link):
    # office (linked before enrolment existed, not yet confirmed) | enrolled | confirmed.
    Column("link", String(20)),
)
Index("ix_accounts_person", accounts.c.person_id)

invitations = Table(  # one-time enrolment codes, kept only as SHA-256 digests (0009)
    "invitations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("roles", String(200), nullable=False, default=""),
    Column("issued_by", Integer),
    Column("issued", String(32), nullable=False),
    Column("expires", String(32), nullable=False),
    Column("used", String(32)),
    Column("account_id", Integer),
)
Index("ix_invitations_person", invitations.c.person_id)

account_roles = Table(
    "account_roles",
    metadata,
    Column("account_id", Integer, ForeignKey("accounts.id"), primary_key=True),
    Column("role", String(20), primary_key=True),
    Column("scope", String(100), primary_key=True, default=""),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("account_id", Integer, ForeignKey("accounts.id"), nullable=False),
    Column("created", String(32), nullable=False),
    Column("revoked", String(32)),
    Column("expires", String(32), nullable=False),
)
Index("ix_sessions_account", sessions.c.account_id)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("account_id", Integer, ForeignKey("accounts.id"), nullable=False),
    Column("created", String(32), nullable=False),
    Column("revoked", String(32)),
    Column("name", String(100), nullable=False),
    Column("expires", String(32)),
    Column("parent_session", Integer),  # migration 0010: what the token was made from
    Column("parent_token", Integer),
)
Index("ix_api_tokens_account", api_tokens.c.account_id)
Index("ix_api_tokens_parent_session", api_tokens.c.parent_session)
Index("ix_api_tokens_parent_token", api_tokens.c.parent_token)

login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key_hash", String(64), nullable=False),
    Column("at", String(32), nullable=False),
    Column("ok", Boolean, nullable=False),
)
Index("ix_login_attempts_key_at", login_attempts.c.key_hash, login_attempts.c.at)

access_log = Table(  # append-only (database triggers); ids and rule names, no personal data
    "access_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", String(32), nullable=False),
    Column("account_id", Integer),
    Column("action", String(60), nullable=False),
    Column("object_type", String(40), nullable=False),
    Column("object_id", Integer),
    Column("allowed", Boolean, nullable=False),
    Column("rule", String(80), nullable=False),
    Column("status", Integer, nullable=False),
    # the page, endpoint or command it came from: a route template, never a URL (0012)
    Column("source", String(200), nullable=False, server_default=""),
)
Index("ix_access_log_account", access_log.c.account_id)
Index("ix_access_log_object", access_log.c.object_type, access_log.c.object_id)

corrections = Table(  # requests to correct a registered fact, and their decisions (0014)
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
    Column("field", String(20), nullable=False),
    Column("old", Text, nullable=False),
    Column("new", Text, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("court_order_ref", String(200), nullable=False, default=""),
    Column("requested_by", Integer, nullable=False),  # an account id
    Column("requested_on", Date, nullable=False),
    Column("state", String(10), nullable=False),  # pending | approved | rejected
    Column("decided_by", Integer),
    Column("decided_on", Date),
    Column("reason", Text, nullable=False, default=""),
)
Index("ix_corrections_state", corrections.c.state)
Index("ix_corrections_person", corrections.c.person_id)
