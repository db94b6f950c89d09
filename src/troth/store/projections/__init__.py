"""Apply events to the state tables. The ledger entry and its projection are written by
the same unit of work, in the same transaction: no state change without its entry.

A projection that writes a person's rows (people, names, parents) is registered with
`people=True` and writes them only for people among the event's subjects: the unit of
work then forgets those subjects from its cache of people it has loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, bindparam, insert, update
from unidecode import unidecode

from troth.domain import events as ev
from troth.store import tables as t

Projector = Callable[[Connection, Any, int], None]
PROJECTORS: dict[type[ev.Event], Projector] = {}
CHANGES_PEOPLE: set[type[ev.Event]] = set()  # projections that write people's rows


def projects(event_type: type[ev.Event], people: bool = False) -> Callable[[Projector],
                                                                           Projector]:
    """Register a projection; `people=True` when it writes people, names or parents."""

    def deco(fn: Projector) -> Projector:
        PROJECTORS[event_type] = fn
        if people:
            CHANGES_PEOPLE.add(event_type)
        return fn

    return deco


def search_key(name: str) -> str:
    return unidecode(name).casefold().strip()


def project(conn: Connection, event: ev.Event, seq: int) -> None:
    PROJECTORS[type(event)](conn, event, seq)


def typed(column: Any, name: str) -> Any:
    """A named parameter of the column's type (for the SET clause of a prebuilt UPDATE)."""
    return bindparam(name, type_=column.type)


# Built once: every execution is a hit in SQLAlchemy's compiled cache.
_p = t.people.c
_PERSON = insert(t.people)
_NAMES = insert(t.person_names)
_PARENTS = insert(t.person_parents)
_DIED = (update(t.people).where(_p.id == bindparam("pid"))
         .values(version=_p.version + 1, died=typed(_p.died, "v_died")))
_PRESENTED = (update(t.people).where(_p.id == bindparam("pid"))
              .values(version=_p.version + 1, designation=typed(_p.designation, "v_des"),
                      presented_on=typed(_p.presented_on, "v_on"),
                      presented_reason=typed(_p.presented_reason, "v_reason")))
_g = t.guardianships.c
_APPOINTED = insert(t.guardianships)
_ENDED = (update(t.guardianships).where(_g.id == bindparam("gid"))
          .values(end=typed(_g.end, "v_end"), how_ended=typed(_g.how_ended, "v_how")))


@projects(ev.PersonRegistered, people=True)
def _person(conn: Connection, e: ev.PersonRegistered, _seq: int) -> None:
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


@projects(ev.DeathRecorded, people=True)
def _death(conn: Connection, e: ev.DeathRecorded, _seq: int) -> None:
    conn.execute(_DIED, {"pid": e.person_id, "v_died": e.died})


@projects(ev.Presented, people=True)
def _presented(conn: Connection, e: ev.Presented, _seq: int) -> None:
    conn.execute(_PRESENTED, {"pid": e.person_id, "v_des": e.designation, "v_on": e.on,
                              "v_reason": e.reason})


@projects(ev.GuardianAppointed)
def _appointed(conn: Connection, e: ev.GuardianAppointed, _seq: int) -> None:
    conn.execute(_APPOINTED, {
        "id": e.guardianship_id, "ward_id": e.ward_id, "guardian_id": e.guardian_id,
        "court": e.court, "order_ref": e.order_ref, "start": e.start, "how_ended": "",
        "reason": e.reason,
    })


@projects(ev.GuardianshipEnded)
def _ended(conn: Connection, e: ev.GuardianshipEnded, _seq: int) -> None:
    conn.execute(_ENDED, {"gid": e.guardianship_id, "v_end": e.end, "v_how": e.how})
