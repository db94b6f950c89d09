"""Name search through an index (issue 17, "search that scales").

Until now a name search was `search_key LIKE '%ann%'`, a scan of every name. This adds:

- SQLite: `person_names_fts`, an FTS5 table with the trigram tokenizer over
  `person_names.search_key` (external content: it stores only the index, the text stays in
  person_names). Three triggers keep it current on every INSERT, UPDATE and DELETE of
  person_names, so the index changes in the same transaction as the name (and a rolled-back
  name leaves nothing in it). The existing names are indexed here ('rebuild').
- PostgreSQL: the `pg_trgm` extension (created in `public` if the database lacks it) and a
  GIN trigram index on `person_names.search_key`: LIKE '%ann%' then reads the index.
- Both: an index on people (legal_name, id), the order results are listed in, so a page
  is found after the last (name, id) shown (keyset) without sorting every match.
  Birth dates are already indexed (ix_people_born, 0001).

Revision ID: 0013
Revises: 0012
"""

from alembic import op

revision = "0013"
down_revision = "0012"

FTS = "person_names_fts"
# The trigram tokenizer folds case itself; search_key is already folded (accents, case).
_SQLITE = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(search_key, content='person_names',"
    " content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER {FTS}_ai AFTER INSERT ON person_names BEGIN"
    f" INSERT INTO {FTS}(rowid, search_key) VALUES (new.id, new.search_key); END",
    f"CREATE TRIGGER {FTS}_ad AFTER DELETE ON person_names BEGIN"
    f" INSERT INTO {FTS}({FTS}, rowid, search_key) VALUES ('delete', old.id, old.search_key);"
    " END",
    f"CREATE TRIGGER {FTS}_au AFTER UPDATE ON person_names BEGIN"
    f" INSERT INTO {FTS}({FTS}, rowid, search_key) VALUES ('delete', old.id, old.search_key);"
    f" INSERT INTO {FTS}(rowid, search_key) VALUES (new.id, new.search_key); END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]


def _trgm_schema() -> str:
    """The schema pg_trgm lives in, creating it in public if the database lacks it.
    (Created without SCHEMA it would land in the first schema of the search path, which
    a test's own schema would take away with it when dropped.)"""
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
    row = op.get_bind().exec_driver_sql(
        "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'"
    ).first()
    assert row is not None
    return str(row[0])


def upgrade() -> None:
    op.create_index("ix_people_name", "people", ["legal_name", "id"])
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE:
            op.execute(statement)
        return
    op.execute(f"CREATE INDEX ix_person_names_trgm ON person_names"
               f" USING gin (search_key {_trgm_schema()}.gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER {FTS}_{suffix}")
        op.execute(f"DROP TABLE {FTS}")
    else:
        op.drop_index("ix_person_names_trgm", table_name="person_names")
    op.drop_index("ix_people_name", table_name="people")
