"""Projections of people and guardianship events.

The projections of PersonRegistered, DeathRecorded, Presented and ScentMeasured write people's rows
(people, names, parents), and only for people among the event's subjects; they are listed
in CHANGES_PEOPLE (troth.store.projections), so the unit of work forgets those subjects
from its cache of people it has loaded.
"""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, insert, select, update

from troth.domain import events as ev
from troth.store import tables as t
from troth.store.projections.statements import typed
from troth.store.search import search_key

# Built once: every execution is a hit in SQLAlchemy's compiled cache.
_p = t.people.c
_PERSON = insert(t.people)
_NAMES = insert(t.person_names)
_PARENTS = insert(t.person_parents)
_REVIEWS = insert(t.duplicate_reviews)
_DIED = (update(t.people).where(_p.id == bindparam("pid"))
         .values(version=_p.version + 1, died=typed(_p.died, "v_died")))
_PRESENTED = (update(t.people).where(_p.id == bindparam("pid"))
              .values(version=_p.version + 1, designation=typed(_p.designation, "v_des"),
                      presented_on=typed(_p.presented_on, "v_on"),
                      presented_reason=typed(_p.presented_reason, "v_reason")))
_m = t.scent_measurements.c
_MEASURED = insert(t.scent_measurements)
# One conditional UPDATE, no read: a SELECT's answer is not to be had inside the deep
# check's pipelined replay on PostgreSQL (troth.store.verify_replay).
_LATER = select(_m.person_id).where(_m.person_id == bindparam("pid"),
                                    _m.on > typed(_m.on, "v_on"))
_CURRENT_SCENT = (update(t.people).where(_p.id == bindparam("pid"), _p.id.not_in(_LATER))
                  .values(version=_p.version + 1, scent_gives=typed(_p.scent_gives, "v_gives"),
                          scent_draws=typed(_p.scent_draws, "v_draws"),
                          scent_notes=typed(_p.scent_notes, "v_notes")))
_g = t.guardianships.c
_APPOINTED = insert(t.guardianships)
_ENDED = (update(t.guardianships).where(_g.id == bindparam("gid"))
          .values(end=typed(_g.end, "v_end"), how_ended=typed(_g.how_ended, "v_how")))


def person_registered(conn: Connection, e: ev.PersonRegistered, seq: int) -> None:
    conn.execute(_PERSON, {
        "id": e.person_id, "legal_name": e.legal_name, "born": e.born, "presented_reason": "",
        "scent_gives": list(e.scent_gives) or None, "scent_draws": list(e.scent_draws) or None,
        "scent_notes": e.scent_notes, "district": e.district, "version": 1,
    })
    names = [("legal", e.legal_name), *e.other_names]
    rows = [{"person_id": e.person_id, "kind": k, "name": n, "search_key": search_key(n)}
            for k, n in names]
    conn.execute(_NAMES, rows[0] if len(rows) == 1 else rows)
    if e.parents:
        conn.execute(_PARENTS, [{"child_id": e.person_id, "parent_id": p} for p in e.parents])
    reviews = [{"person_id": e.person_id, "other_id": o, "status": "not_duplicate",
                "note": e.not_duplicate_reason, "ledger_seq": seq} for o in e.not_duplicate_of]
    reviews += [{"person_id": e.person_id, "other_id": o, "status": "open", "note": why,
                 "ledger_seq": seq}
                for o, why in zip(e.possible_duplicates, e.duplicate_notes, strict=True)]
    if reviews:
        conn.execute(_REVIEWS, reviews)


def death_recorded(conn: Connection, e: ev.DeathRecorded, _seq: int) -> None:
    conn.execute(_DIED, {"pid": e.person_id, "v_died": e.died})


def presented(conn: Connection, e: ev.Presented, _seq: int) -> None:
    conn.execute(_PRESENTED, {"pid": e.person_id, "v_des": e.designation, "v_on": e.on,
                              "v_reason": e.reason})


def scent_measured(conn: Connection, e: ev.ScentMeasured, seq: int) -> None:
    """The measurement's row; and her current scent, unless a later-dated one is on record
    (a measurement of the same day recorded later replaces it: ledger order)."""
    conn.execute(_MEASURED, {"ledger_seq": seq, "person_id": e.person_id, "on": e.on,
                             "by_id": e.by_id, "gives": list(e.gives),
                             "draws": list(e.draws), "notes": e.notes})
    conn.execute(_CURRENT_SCENT, {"pid": e.person_id, "v_on": e.on, "v_gives": list(e.gives),
                                  "v_draws": list(e.draws), "v_notes": e.notes})


def guardian_appointed(conn: Connection, e: ev.GuardianAppointed, _seq: int) -> None:
    conn.execute(_APPOINTED, {
        "id": e.guardianship_id, "ward_id": e.ward_id, "guardian_id": e.guardian_id,
        "court": e.court, "order_ref": e.order_ref, "start": e.start, "how_ended": "",
        "reason": e.reason, "court_waiver_ref": e.court_waiver_ref,
    })


def guardianship_ended(conn: Connection, e: ev.GuardianshipEnded, _seq: int) -> None:
    conn.execute(_ENDED, {"gid": e.guardianship_id, "v_end": e.end, "v_how": e.how})
