"""Projections of corrections: the request's row, its decision, and the corrected fact
written to the person's rows (people, names, parents) — only for the person corrected,
the event's subject (CorrectionApproved is in CHANGES_PEOPLE)."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, delete, insert, update

from troth.domain import correction as co
from troth.domain.people import Scent
from troth.store import tables as t
from troth.store.projections.statements import typed
from troth.store.search import search_key

_c, _p, _n, _pp = t.corrections.c, t.people.c, t.person_names.c, t.person_parents.c
_REQUESTED = insert(t.corrections)
_DECIDED = (update(t.corrections).where(_c.id == bindparam("cid"))
            .values(state=typed(_c.state, "v_state"), decided_by=typed(_c.decided_by, "v_by"),
                    decided_on=typed(_c.decided_on, "v_on"), reason=typed(_c.reason, "v_why")))
_NAMES = insert(t.person_names)
_PARENTS = insert(t.person_parents)


def correction_requested(conn: Connection, e: co.CorrectionRequested, _seq: int) -> None:
    conn.execute(_REQUESTED, {
        "id": e.correction_id, "person_id": e.person_id, "field": e.field, "old": e.old,
        "new": e.new, "evidence": e.evidence, "court_order_ref": e.court_order_ref,
        "requested_by": e.requested_by, "requested_on": e.on, "state": "pending",
        "decided_by": None, "decided_on": None, "reason": "",
    })


def correction_rejected(conn: Connection, e: co.CorrectionRejected, _seq: int) -> None:
    conn.execute(_DECIDED, {"cid": e.correction_id, "v_state": "rejected",
                            "v_by": e.decided_by, "v_on": e.on, "v_why": e.reason})


def correction_approved(conn: Connection, e: co.CorrectionApproved, _seq: int) -> None:
    conn.execute(_DECIDED, {"cid": e.correction_id, "v_state": "approved",
                            "v_by": e.decided_by, "v_on": e.on, "v_why": e.reason})
    value = co.decode(e.field, e.new)
    pid = e.person_id
    if e.field == "legal_name":
        conn.execute(update(t.person_names).where(_n.person_id == pid, _n.kind == "legal")
                     .values(name=value, search_key=search_key(str(value))))
        _person(conn, pid, legal_name=value)
    elif e.field == "other_names":
        conn.execute(delete(t.person_names).where(_n.person_id == pid, _n.kind != "legal"))
        rows = [{"person_id": pid, "kind": n.kind, "name": n.name,
                 "search_key": search_key(n.name)} for n in co.as_names(value)]
        if rows:
            conn.execute(_NAMES, rows)
        _person(conn, pid)
    elif e.field == "parents":
        conn.execute(delete(t.person_parents).where(_pp.child_id == pid))
        if co.as_ids(value):
            conn.execute(_PARENTS, [{"child_id": pid, "parent_id": p}
                                    for p in co.as_ids(value)])
        _person(conn, pid)
    elif e.field == "scent":
        s = value if isinstance(value, Scent) else None
        _person(conn, pid, scent_gives=list(s.gives) if s else None,
                scent_draws=list(s.draws) if s else None, scent_notes=s.notes if s else "")
    else:  # born, district, designation: a column of the person's row
        _person(conn, pid, **{e.field: value})


def _person(conn: Connection, pid: int, **values: object) -> None:
    conn.execute(update(t.people).where(_p.id == pid).values(version=_p.version + 1, **values))
