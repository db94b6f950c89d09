"""Read port: requests for corrections (the registrars' list, one request)."""

from __future__ import annotations

from sqlalchemy import select

from troth.domain.correction import STATES, Correction
from troth.domain.errors import InvalidInput, NotFound
from troth.store import tables as t
from troth.store.engine import Engines
from troth.store.repositories.corrections import correction_from_row

_c = t.corrections.c


class CorrectionReads:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines

    def get(self, correction_id: int) -> Correction:
        with self.engines.reader.connect() as conn:
            row = conn.execute(select(t.corrections).where(_c.id == correction_id)
                               ).mappings().first()
        if row is None:
            raise NotFound(f"no correction #{correction_id}", rule="correction_exists")
        return correction_from_row(row)

    def list(self, state: str | None = None, person_id: int | None = None,
             limit: int = 200) -> list[Correction]:
        q = select(t.corrections)
        if state:
            if state not in STATES:
                raise InvalidInput(f"'{state}' is not a state of a correction; use one of"
                                   f" {', '.join(STATES)}", rule="correction_state")
            q = q.where(_c.state == state)
        if person_id is not None:
            q = q.where(_c.person_id == person_id)
        with self.engines.reader.connect() as conn:
            rows = conn.execute(q.order_by(_c.id.desc()).limit(max(1, min(limit, 1000)))
                                ).mappings().all()
        return [correction_from_row(r) for r in rows]
