"""Blocking for linkage at registration: the few registered people worth comparing.

Candidates share an indexed key with the new record: the birth date or its day/month swap
(ix_people_born), a parent (ix_person_parents_parent), or a folded full name born within a
month either side (ix_person_names_key). They are loaded as LinkRecords in two statements.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import Connection, bindparam, select, union

from troth.domain.linkage import NEAR_DAYS, LinkRecord, near_dates
from troth.store import tables as t
from troth.store.search import search_key

MAX_CANDIDATES = 400
_p, _n, _pp = t.people.c, t.person_names.c, t.person_parents.c

_IDS = union(
    select(_p.id).where(_p.born.in_(bindparam("dates", expanding=True))),
    select(_pp.child_id).where(_pp.parent_id.in_(bindparam("parents", expanding=True))),
    select(_n.person_id).join(t.people, _p.id == _n.person_id)
    .where(_n.search_key.in_(bindparam("keys", expanding=True)),
           _p.born.between(bindparam("lo"), bindparam("hi"))),
).limit(MAX_CANDIDATES)
_ROWS = select(_p.id, _p.legal_name, _p.born, _p.district, _p.designation).where(
    _p.id.in_(bindparam("ids", expanding=True)))
_NAMES = select(_n.person_id, _n.kind, _n.name).where(
    _n.person_id.in_(bindparam("ids", expanding=True))).order_by(_n.id)
_PARENTS = select(_pp.child_id, _pp.parent_id).where(
    _pp.child_id.in_(bindparam("ids", expanding=True)))


def candidate_ids(conn: Connection, rec: LinkRecord) -> list[int]:
    keys = sorted({search_key(n) for n in (rec.legal_name, *rec.other_names)} - {""})
    span = timedelta(days=NEAR_DAYS)
    found = conn.execute(_IDS, {
        "dates": list(near_dates(rec.born)), "parents": list(rec.parents) or [-1],
        "keys": keys or [""], "lo": rec.born - span, "hi": rec.born + span,
    }).scalars().all()
    return sorted(set(found) - {rec.id})


def link_records(conn: Connection, ids: Sequence[int]) -> list[LinkRecord]:
    """The people named, as linkage compares them."""
    if not ids:
        return []
    args = {"ids": list(ids)}
    others: dict[int, list[str]] = {}
    for r in conn.execute(_NAMES, args):
        if r.kind != "legal":
            others.setdefault(r.person_id, []).append(r.name)
    parents: dict[int, list[int]] = {}
    for pair in conn.execute(_PARENTS, args):
        parents.setdefault(pair[0], []).append(pair[1])
    return [LinkRecord(r.id, r.legal_name, r.born, tuple(others.get(r.id, ())),
                       tuple(sorted(parents.get(r.id, ()))), r.district, r.designation)
            for r in conn.execute(_ROWS, args)]


def link_candidates(conn: Connection, rec: LinkRecord) -> list[LinkRecord]:
    return link_records(conn, candidate_ids(conn, rec))
