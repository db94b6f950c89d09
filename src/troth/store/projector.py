"""Apply events to the state tables. The ledger entry and its projection are written by
the same unit of work, in the same transaction: no state change without its entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, insert, update
from unidecode import unidecode

from troth.domain import events as ev
from troth.store import tables as t

Projector = Callable[[Connection, Any, int], None]
PROJECTORS: dict[type[ev.Event], Projector] = {}


def projects(event_type: type[ev.Event]) -> Callable[[Projector], Projector]:
    def deco(fn: Projector) -> Projector:
        PROJECTORS[event_type] = fn
        return fn

    return deco


def search_key(name: str) -> str:
    return unidecode(name).casefold().strip()


def project(conn: Connection, event: ev.Event, seq: int) -> None:
    PROJECTORS[type(event)](conn, event, seq)


@projects(ev.PersonRegistered)
def _person(conn: Connection, e: ev.PersonRegistered, _seq: int) -> None:
    conn.execute(insert(t.people).values(
        id=e.person_id, legal_name=e.legal_name, born=e.born, presented_reason="",
        scent_gives=list(e.scent_gives) or None, scent_draws=list(e.scent_draws) or None,
        scent_notes=e.scent_notes, district=e.district, version=1,
    ))
    names = [("legal", e.legal_name), *e.other_names]
    conn.execute(insert(t.person_names), [
        {"person_id": e.person_id, "kind": k, "name": n, "search_key": search_key(n)}
        for k, n in names
    ])
    if e.parents:
        conn.execute(insert(t.person_parents),
                     [{"child_id": e.person_id, "parent_id": p} for p in e.parents])


def _bump(conn: Connection, person_id: int, **values: Any) -> None:
    conn.execute(update(t.people).where(t.people.c.id == person_id)
                 .values(version=t.people.c.version + 1, **values))


@projects(ev.DeathRecorded)
def _death(conn: Connection, e: ev.DeathRecorded, _seq: int) -> None:
    _bump(conn, e.person_id, died=e.died)


@projects(ev.Presented)
def _presented(conn: Connection, e: ev.Presented, _seq: int) -> None:
    _bump(conn, e.person_id, designation=e.designation, presented_on=e.on,
          presented_reason=e.reason)


@projects(ev.GuardianAppointed)
def _appointed(conn: Connection, e: ev.GuardianAppointed, _seq: int) -> None:
    conn.execute(insert(t.guardianships).values(
        id=e.guardianship_id, ward_id=e.ward_id, guardian_id=e.guardian_id, court=e.court,
        order_ref=e.order_ref, start=e.start, how_ended="", reason=e.reason,
    ))


@projects(ev.GuardianshipEnded)
def _ended(conn: Connection, e: ev.GuardianshipEnded, _seq: int) -> None:
    conn.execute(update(t.guardianships).where(t.guardianships.c.id == e.guardianship_id)
                 .values(end=e.end, how_ended=e.how))
