"""Welfare reads: threats concerning a courtship (for its verdict), a guardian's record
across all wards and years, and the welfare queue as registrars work it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import Connection, and_, func, or_, select

from troth.domain.courtship import Courtship
from troth.domain.errors import NotFound
from troth.domain.guardianship import Guardianship
from troth.domain.welfare import THREAT, Incident
from troth.registry.views import (
    GuardianRecord,
    QueueFilter,
    QueueItem,
    ReviewItem,
    WardRecord,
)
from troth.store import tables as t
from troth.store.engine import Engines
from troth.store.repositories.people import guardianship_from_row, incident_from_row, load_people
from troth.store.tables import courtship as tc

_i = tc.incidents.c


def threats_about(conn: Connection, court: Courtship) -> list[Incident]:
    """Threats reported on the courtship's Visits or about either party."""
    visit_ids = [v.id for v in court.visits] or [-1]
    where = or_(_i.about_id.in_(list(court.parties())), _i.visit_id.in_(visit_ids))
    rows = conn.execute(select(tc.incidents).where(_i.kind == THREAT, where)
                        .order_by(_i.on, _i.id)).mappings().all()
    return [incident_from_row(r) for r in rows]


def _item(r: Incident, row: dict[str, object]) -> ReviewItem:
    return ReviewItem(r.id, r.kind, r.on, r.reported_by, r.about_id, r.opens_review, r.status,
                      r.decision, r.outcome, row["decided_on"], str(row["description"]))  # type: ignore[arg-type]


def _belongs(g: Guardianship, i: Incident) -> bool:
    """An incident naming the guardianship, or (naming none) the ward's own during it."""
    if i.guardianship_id is not None:
        return i.guardianship_id == g.id
    return g.ward_id in (i.about_id, i.reported_by) and g.covers(i.on)


def guardian_record(conn: Connection, person_id: int) -> GuardianRecord:
    people = load_people(conn, [person_id])
    if person_id not in people:
        raise NotFound(f"no person #{person_id}", rule="person_exists")
    g = t.guardianships
    held = [guardianship_from_row(r) for r in conn.execute(
        select(g).where(g.c.guardian_id == person_id).order_by(g.c.start, g.c.id)).mappings()]
    rows = _incidents_of(conn, held)
    names = load_people(conn, sorted({x.ward_id for x in held}))
    wards = tuple(WardRecord(x, names[x.ward_id].legal_name if x.ward_id in names else "",
                             tuple(_item(i, r) for i, r in rows if _belongs(x, i)))
                  for x in held)
    return GuardianRecord(person_id, people[person_id].legal_name, wards)


def _incidents_of(conn: Connection, held: Sequence[Guardianship]
                  ) -> list[tuple[Incident, dict[str, object]]]:
    if not held:
        return []
    ward_ids = sorted({x.ward_id for x in held})
    where = or_(_i.guardianship_id.in_([x.id for x in held]),
                and_(_i.guardianship_id.is_(None),
                     or_(_i.about_id.in_(ward_ids), _i.reported_by.in_(ward_ids))))
    rows = conn.execute(select(tc.incidents).where(where).order_by(_i.on, _i.id)).mappings()
    return [(incident_from_row(r), dict(r)) for r in rows]


class WelfareReads:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines

    def queue(self, f: QueueFilter, today: date) -> list[QueueItem]:
        p, a = t.people.c, t.accounts.c
        concerned = func.coalesce(_i.about_id, _i.reported_by)
        q = (select(tc.incidents, p.district, a.username)
             .join_from(tc.incidents, t.people, p.id == concerned, isouter=True)
             .join_from(tc.incidents, t.accounts, a.id == _i.assignee, isouter=True)
             .where(_i.status == "open").order_by(_i.on, _i.id))
        if f.kind:
            q = q.where(_i.kind == f.kind)
        if f.older_than is not None:
            q = q.where(_i.on < today - timedelta(days=f.older_than))
        if f.district:
            q = q.where(func.lower(p.district) == f.district.strip().lower())
        if f.assignee == 0:
            q = q.where(_i.assignee.is_(None))
        elif f.assignee is not None:
            q = q.where(_i.assignee == f.assignee)
        with self.engines.reader.connect() as conn:
            rows = conn.execute(q).mappings().all()
        return [QueueItem(r["id"], r["kind"], r["on"], r["reported_by"], r["about_id"],
                          r["guardianship_id"], bool(r["opens_review"]), r["district"] or "",
                          r["assignee"], r["username"] or "", r["assigned_on"]) for r in rows]

    def registrars(self) -> list[tuple[int, str]]:
        a, r = t.accounts.c, t.account_roles.c
        q = (select(a.id, a.username).join_from(t.accounts, t.account_roles,
                                                r.account_id == a.id)
             .where(r.role == "registrar", a.disabled.is_(False)).distinct()
             .order_by(a.username))
        with self.engines.reader.connect() as conn:
            return [(int(x.id), str(x.username)) for x in conn.execute(q)]
