"""SQLAlchemy 2 tables, the hash-chained ledger, Alembic migrations."""
