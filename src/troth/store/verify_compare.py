"""Compare a live table with its replayed twin row by row, and health rows with the digests
the ledger holds (troth.store.verify replays; this names each difference).

Rows are joined on the primary key. A table whose key is a surrogate id the ledger does not
carry (a person's names, consents, opt-ins, availability) is joined on its parent and the
row's place among its parent's rows instead: PostgreSQL's sequences skip numbers after a
rolled-back insert, so the id's value is not derived from the ledger, but the order is.
The database does the joins; only differing rows come back, at most `limit` per table.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Integer,
    Table,
    Text,
    and_,
    cast,
    false,
    func,
    or_,
    select,
)
from sqlalchemy.sql import ColumnElement, FromClause

from troth.registry.views import Difference
from troth.store.repositories.health import digest, health_entries

# Surrogate-keyed tables: the parent whose rows they are ordered within.
PARENT = {"person_names": "person_id", "consents": "courtship_id",
          "handler_availability": "handler_id", "unavailability": "person_id",
          "matchmaking_opt_ins": "person_id"}
ORDINAL = "troth_n"
HEALTH_BATCH = 5000


def surrogate(tab: Table) -> bool:
    pk = list(tab.primary_key.columns)
    return (len(pk) == 1 and isinstance(pk[0].type, Integer)
            and pk[0].autoincrement is not False)


def _sides(live: Table, scratch: Table) -> tuple[FromClause, FromClause, list[str], list[str]]:
    """(live side, replayed side, key columns, compared columns)."""
    if not surrogate(live):
        keys = [c.name for c in live.primary_key.columns]
        return live, scratch, keys, [c.name for c in live.columns if c.name not in keys]
    pid = live.primary_key.columns.values()[0].name
    parent = PARENT.get(live.name)

    def numbered(tab: Table) -> FromClause:
        over = func.row_number().over(partition_by=tab.c[parent] if parent else None,
                                      order_by=tab.c[pid])
        return select(*tab.columns, over.label(ORDINAL)).subquery()

    keys = [parent, ORDINAL] if parent else [ORDINAL]
    compared = [c.name for c in live.columns if c.name not in (pid, parent)]
    return numbered(live), numbered(scratch), keys, compared


def _differs(a: ColumnElement[Any], b: ColumnElement[Any]) -> ColumnElement[bool]:
    if isinstance(a.type, JSON):  # PostgreSQL's json has no equality; compare the text
        a, b = cast(a, Text), cast(b, Text)
    return a.is_distinct_from(b)


def compare_table(conn: Connection, live: Table, scratch: Table, limit: int
                  ) -> tuple[list[Difference], bool]:
    """The differences between a live table and its replay; True if more than `limit`."""
    lv, sc, keys, cols = _sides(live, scratch)
    pid = live.primary_key.columns.values()[0].name
    on = and_(*[lv.c[k] == sc.c[k] for k in keys])
    wrong = or_(false(), *[_differs(lv.c[c], sc.c[c]) for c in cols])
    edited = (select(*[col.label(f"l_{col.key}") for col in lv.c],
                     *[col.label(f"s_{col.key}") for col in sc.c])
              .select_from(lv.outerjoin(sc, on)).where(or_(sc.c[keys[0]].is_(None), wrong))
              .order_by(*[lv.c[k] for k in keys]).limit(limit + 1))
    missing = (select(sc).select_from(sc.outerjoin(lv, on)).where(lv.c[keys[0]].is_(None))
               .order_by(*[sc.c[k] for k in keys]).limit(limit + 1))
    found: list[Difference] = []
    rows = conn.execute(edited).mappings().all()
    for r in rows[:limit]:
        key = _key(r, "l_", live, pid)
        if r[f"s_{keys[0]}"] is None:
            found.append(Difference(live.name, key, "(row)", "absent",
                                    _row(r, "l_", live)))
            continue
        found += [Difference(live.name, key, c, _show(r[f"s_{c}"]), _show(r[f"l_{c}"]))
                  for c in cols if r[f"s_{c}"] != r[f"l_{c}"]]
    gone = conn.execute(missing).mappings().all()
    found += [Difference(live.name, _key(r, "", live, pid), "(row)", _row(r, "", live),
                         "missing") for r in gone[:limit]]
    return found, len(rows) > limit or len(gone) > limit


def _key(r: Any, prefix: str, live: Table, pid: str) -> str:
    if surrogate(live):
        return str(r[f"{prefix}{pid}"])
    return ",".join(str(r[f"{prefix}{c.name}"]) for c in live.primary_key.columns)


def _row(r: Any, prefix: str, live: Table) -> str:
    return _show(", ".join(f"{c.name}={_show(r[f'{prefix}{c.name}'])}" for c in live.columns))


def _show(v: Any) -> str:
    if v is None:
        return "null"
    text = v.isoformat() if isinstance(v, date) else (
        json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else str(v))
    return text if len(text) <= 200 else text[:199] + "…"


def count_rows(conn: Connection, tab: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(tab)).scalar_one())


def compare_health(conn: Connection, expected: Table, limit: int
                   ) -> tuple[list[Difference], bool]:
    """Each health row's salted digest, date and entry against its ledger entry; every
    entry the ledger records has its row."""
    h, e = health_entries.c, expected.c
    found: list[Difference] = []
    last = -1
    while len(found) <= limit:
        rows = conn.execute(
            select(h.id, h.person_id, h.type, h.content, h.salt, h.on, h.ledger_seq,
                   e.id.label("e_id"), e.ledger_seq.label("e_seq"), e.digest, e.on.label("e_on"))
            .select_from(health_entries.outerjoin(expected, e.id == h.id))
            .where(h.id > last).order_by(h.id).limit(HEALTH_BATCH)).all()
        if not rows:
            break
        for r in rows:
            found += _health_row(r)
        last = rows[-1].id
    gone = conn.execute(select(expected).select_from(expected.outerjoin(
        health_entries, e.id == h.id)).where(h.id.is_(None)).order_by(e.id)
        .limit(limit + 1)).all()
    found += [Difference("health_entries", str(r.id), "(row)",
                         f"entry recorded at ledger seq {r.ledger_seq}", "missing")
              for r in gone]
    return found[:limit], len(found) > limit


def _health_row(r: Any) -> list[Difference]:
    key = str(r.id)
    if r.e_id is None:
        return [Difference("health_entries", key, "(row)", "absent",
                           "a row no ledger entry records")]
    out = []
    if r.ledger_seq != r.e_seq:
        out.append(Difference("health_entries", key, "ledger_seq", str(r.e_seq),
                              str(r.ledger_seq)))
    if r.on != r.e_on:
        out.append(Difference("health_entries", key, "on", _show(r.e_on), _show(r.on)))
    try:
        actual = digest(r.salt, r.person_id, r.type, json.loads(r.content))
    except ValueError:
        actual = "(content is not JSON)"
    if actual != r.digest:
        out.append(Difference("health_entries", key, "digest", r.digest, actual))
    return out
