"""Deep verification (`troth ledger verify --deep`): the registry checks itself.

The chain check (troth.domain.ledger.verify) proves the ledger unedited; it says nothing of
the state tables the interfaces read. Here the whole ledger is replayed, in seq order and in
batches, through the same projections into a scratch schema — temporary tables of the
reading connection (SQLite's `temp` schema, PostgreSQL's `pg_temp`), created inside one
transaction that is rolled back at the end, so nothing is left behind whatever happens —
and every table derived from the ledger is compared with the live one row by row
(troth.store.verify_compare). The reading transaction is one snapshot (PostgreSQL:
REPEATABLE READ), so a command committed meanwhile is in neither side.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Index,
    MetaData,
    Table,
    inspect,
    select,
    text,
)

from troth.domain.courtship_events import HealthEntryRecorded
from troth.domain.events import event_from_data
from troth.domain.ledger import GENESIS
from troth.registry.views import DeepReport, Difference
from troth.store import tables as t
from troth.store.engine import Engines, make_engines
from troth.store.projections import project
from troth.store.repositories import health
from troth.store.tables import courtship, match, roster  # noqa: F401  (every table in metadata)
from troth.store.verify_compare import compare_health, compare_table, count_rows
from troth.store.verify_replay import Recorder

# Tables the ledger does not derive, and why: deep verification cannot check them.
OUT_OF_REACH: dict[str, str] = {
    "accounts": "accounts are kept by the office, not recorded in the ledger",
    "account_roles": "roles are kept with the accounts, not recorded in the ledger",
    "invitations": "enrolment codes (digests) kept beside the ledger, which records only that"
                   " an invitation was issued",
    "sessions": "sign-in sessions (digests of tokens), not recorded in the ledger",
    "api_tokens": "API tokens (digests), not recorded in the ledger",
    "login_attempts": "sign-in attempts, for rate limits; not recorded in the ledger",
    "access_log": "who read what; append-only in the database, not recorded in the ledger",
    "registry_settings": "the registry's secret for certificate codes; never in the ledger",
    "alembic_version": "the schema's revision",
    **{name: "the name-search index (SQLite FTS5, trigram) over person_names.search_key,"
             " written by triggers in the same transaction as each name (migration 0013):"
             " person_names itself is compared; FTS5's 'integrity-check' (rank 1) checks the"
             " index against it, but takes the write lock, so it is not run here"
       for name in ("person_names_fts", "person_names_fts_data", "person_names_fts_idx",
                    "person_names_fts_docsize", "person_names_fts_config")},
    "notifications": "who was told what: written in the transaction of the event, health share"
                     " or access-log row each tells of (the last two are not in the ledger),"
                     " and they carry read marks, which the ledger never records",
    "outbox": "e-mail delivery state (queued, sent, failed, retries): the post office's,"
              " not the registry's record",
    "contacts": "people's contact e-mail addresses, kept beside the ledger, which records only"
                " that one changed (an address is not a public fact)",
}
CHAIN = "ledger"  # checked by its hash chain (troth ledger verify)
HEALTH = "health_entries"  # private: the ledger holds each entry's salted digest only
# Columns a projection updates or deletes by (other than the primary key): indexed in the
# scratch schema too, or a replay would scan a table per event.
SCRATCH_INDEXES: dict[str, tuple[str, ...]] = {"visits": ("courtship_id",)}
SCRATCH = "troth_scratch"  # stands for the scratch schema (translated when executed)
LIVE = "troth_live"  # stands for the live schema while unqualified tables are the scratch
BATCH = 5000
MAX_PER_TABLE = 100  # differences listed per table


_SCRATCH = MetaData(schema=SCRATCH)
_h = health.health_entries.c
# What the ledger says of each health entry: its id, entry, salted digest and date.
EXPECTED = Table("troth_expected_health", _SCRATCH,
                 Column("id", _h.id.type, primary_key=True, autoincrement=False),
                 Column("ledger_seq", _h.ledger_seq.type, nullable=False),
                 Column("digest", t.ledger.c.hash.type, nullable=False),
                 Column("on", _h.on.type, nullable=False))


_LIVE_LEDGER = t.ledger.to_metadata(MetaData(), schema=LIVE)


def derived_tables() -> list[Table]:
    """The state tables the ledger derives, in dependency order: compared after a replay."""
    return [tab for tab in t.every_table().sorted_tables
            if tab.name not in OUT_OF_REACH and tab.name not in (CHAIN, HEALTH)]


def verifying_reader(engines: Engines) -> Engine:
    """The engine a deep check reads through. The server's pooled SQLite readers are
    query_only, which refuses even temporary tables: on SQLite the check has an engine of
    its own (a connection per use; it writes only to its temporary tables). Keep it: its
    compiled-statement cache is what makes a second check fast."""
    if engines.dialect == "postgresql":
        return engines.reader
    return make_engines(engines.url).reader


def deep_verify(reader: Engine, limit: int = MAX_PER_TABLE) -> DeepReport:
    started = time.perf_counter()
    pg = reader.dialect.name == "postgresql"
    with reader.connect() as base:
        conn = base.execution_options(isolation_level="REPEATABLE READ") if pg else base
        with conn.begin() as tx:
            live = str(conn.execute(text("SELECT current_schema()")).scalar_one()) if pg \
                else "main"
            scratch = "pg_temp" if pg else "temp"
            out = _out_of_reach(conn, live)
            tables = derived_tables()
            # Connection.execution_options changes the connection itself: first replay
            # (unqualified tables are the scratch ones), then compare (they are the live ones;
            # SCRATCH names the scratch schema).
            conn.execution_options(schema_translate_map={None: scratch, SCRATCH: scratch,
                                                         LIVE: live})
            _create_scratch(conn, tables)
            count, head = _replay(conn)
            both = conn.execution_options(schema_translate_map={None: live, SCRATCH: scratch})
            diffs: list[Difference] = []
            compared: list[tuple[str, int]] = []
            more = False
            for tab in tables:
                found, extra = compare_table(both, tab, scratch_copy(tab), limit)
                diffs, more = diffs + found, more or extra
                compared.append((tab.name, count_rows(both, tab)))
            found, extra = compare_health(both, EXPECTED, limit)
            diffs, more = diffs + found, more or extra
            compared.append((HEALTH, count_rows(both, health.health_entries)))
            tx.rollback()  # the scratch tables go with it
    return DeepReport(entries=count, head=head, compared=tuple(compared),
                      differences=tuple(diffs), out_of_reach=tuple(sorted(out.items())),
                      more=more, seconds=time.perf_counter() - started)


def _out_of_reach(conn: Connection, live: str) -> dict[str, str]:
    known = {tab.name for tab in t.every_table().sorted_tables}
    present = set(inspect(conn).get_table_names(schema=live))
    out = {name: why for name, why in OUT_OF_REACH.items() if name in present}
    for name in sorted(present - known - set(OUT_OF_REACH)):
        out[name] = "not among the tables this version derives from the ledger"
    return out


def scratch_copy(tab: Table) -> Table:
    """The scratch twin of a derived table: its columns and keys, no foreign keys."""
    found = _SCRATCH.tables.get(f"{SCRATCH}.{tab.name}")
    if found is not None:
        return found
    copy = Table(tab.name, _SCRATCH, *[
        Column(c.name, c.type, primary_key=c.primary_key, autoincrement=c.autoincrement,
               nullable=c.nullable) for c in tab.columns])
    for i, cols in enumerate([SCRATCH_INDEXES[tab.name]] if tab.name in SCRATCH_INDEXES
                             else []):
        Index(f"ix_troth_scratch_{tab.name}_{i}", *[copy.c[c] for c in cols])
    return copy


def _create_scratch(conn: Connection, tables: list[Table]) -> None:
    for tab in tables:
        scratch_copy(tab)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA temp.cache_size=-65536")  # 64 MiB; spills to a file
    _SCRATCH.create_all(conn)


def _entries(conn: Connection) -> Iterator[list[Any]]:
    """The live ledger in seq order, a batch at a time (bounded memory)."""
    led = _LIVE_LEDGER.c
    last = 0
    while True:
        rows = conn.execute(select(led.seq, led.kind, led.data, led.hash)
                            .where(led.seq > last).order_by(led.seq).limit(BATCH)).all()
        if not rows:
            return
        yield list(rows)
        last = rows[-1].seq


def _replay(into: Connection) -> tuple[int, str]:
    """Every entry through its projection into the scratch tables; the subject index and
    the health digests alongside. Returns (entries, head hash)."""
    subjects = t.ledger_subjects.insert()
    digests = EXPECTED.insert()
    count, head = 0, GENESIS
    recorder = Recorder(into)
    conn = recorder.as_connection()
    for rows in _entries(into):
        index: list[dict[str, int]] = []
        recorded: list[dict[str, Any]] = []
        with recorder.pipeline():
            for seq, kind, data, digest in rows:
                event = event_from_data(kind, json.loads(data))
                project(conn, event, seq)
                index += [{"person_id": p, "seq": seq} for p in sorted(set(event.subjects))]
                if isinstance(event, HealthEntryRecorded):
                    recorded.append({"id": event.entry_id, "ledger_seq": seq,
                                     "digest": event.digest, "on": event.on})
                count, head = seq, digest
            if index:
                recorder.execute(subjects, index)
            if recorded:
                recorder.execute(digests, recorded)
            recorder.flush()
    recorder.close()
    return count, head
