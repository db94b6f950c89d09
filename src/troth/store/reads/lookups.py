"""Single-record reads the API needs beside ReadModel and CourtshipReads: a person (a
fast path), a Visit, an incident, a ceremony, a petition, the welfare queue a page at a
time (plain mappings)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import bindparam, func, select

from troth.domain.errors import NotFound
from troth.domain.people import Person
from troth.store import tables as t
from troth.store.engine import Engines
from troth.store.repositories.health import health_entries
from troth.store.repositories.people import person_from_rows
from troth.store.tables import courtship as tc

_PERSON = select(t.people).where(t.people.c.id == bindparam("pid"))
_NAMES = (select(t.person_names).where(t.person_names.c.person_id == bindparam("pid"))
          .order_by(t.person_names.c.id))
_PARENTS = (select(t.person_parents.c.parent_id)
            .where(t.person_parents.c.child_id == bindparam("pid"))
            .order_by(t.person_parents.c.parent_id))


class Lookups:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines

    def _one(self, table: Any, record_id: int, what: str) -> dict[str, Any]:
        with self.engines.reader.connect() as conn:
            row = conn.execute(select(table).where(table.c.id == record_id)).mappings().first()
        if row is None:
            raise NotFound(f"no {what} #{record_id}", rule=f"{what}_exists")
        return dict(row)

    def person(self, person_id: int) -> Person:
        """One person, by three statements compiled once (the API's most frequent read)."""
        with self.engines.reader.connect() as conn:
            row = conn.execute(_PERSON, {"pid": person_id}).mappings().first()
            if row is None:
                raise NotFound(f"no person #{person_id} in the registry", rule="person_exists")
            names = conn.execute(_NAMES, {"pid": person_id}).mappings().all()
            parents = [r[0] for r in conn.execute(_PARENTS, {"pid": person_id})]
        return person_from_rows(row, names, parents)

    def visit(self, visit_id: int) -> dict[str, Any]:
        row = self._one(tc.visits, visit_id, "visit")
        vh = tc.visit_handlers
        with self.engines.reader.connect() as conn:
            hs = conn.execute(select(vh.c.person_id, vh.c.role).where(vh.c.visit_id == visit_id)
                              .order_by(vh.c.person_id)).all()
        row["handlers"] = [h.person_id for h in hs if h.role == "assigned"]
        row["handlers_present"] = [h.person_id for h in hs if h.role == "present"]
        return row

    def incident(self, incident_id: int) -> dict[str, Any]:
        return self._one(tc.incidents, incident_id, "incident")

    def ceremony(self, ceremony_id: int) -> dict[str, Any]:
        return self._one(tc.ceremonies, ceremony_id, "ceremony")

    def petition(self, petition_id: int) -> dict[str, Any]:
        """A petition and the findings released for it and not withdrawn (their text, from
        the owner's file: she released it for this petition). A finding's text once copied
        into the petition (before issue 14) is never returned; nor is its physician."""
        row = self._one(tc.annulment_petitions, petition_id, "petition")
        row["finding"], row["physician_id"] = "", None
        pf, he = tc.petition_findings.c, health_entries.c
        with self.engines.reader.connect() as conn:
            rows = conn.execute(select(pf.finding_id, pf.owner_id, pf.released_on,
                                       pf.attested_by, he.content)
                                .join_from(tc.petition_findings, health_entries,
                                           he.id == pf.finding_id)
                                .where(pf.petition_id == petition_id, pf.withdrawn_on.is_(None),
                                       he.type == "finding", he.person_id == pf.owner_id)
                                .order_by(pf.finding_id)).mappings().all()
        row["findings"] = [
            {"finding_id": r["finding_id"], "owner_id": r["owner_id"],
             "released_on": r["released_on"], "attested_by": r["attested_by"],
             **{k: json.loads(r["content"])[k] for k in ("physician_id", "text", "on")}}
            for r in rows]
        return row

    def incidents(self, status: str, page: int, per_page: int) -> tuple[list[dict[str, Any]], int]:
        i = tc.incidents
        with self.engines.reader.connect() as conn:
            total = conn.execute(select(func.count()).select_from(i)
                                 .where(i.c.status == status)).scalar_one()
            rows = conn.execute(select(i).where(i.c.status == status).order_by(i.c.on, i.c.id)
                                .limit(per_page).offset((page - 1) * per_page)).mappings().all()
        return [dict(r) for r in rows], int(total)
