"""Reads for record linkage: people as linkage compares them, and the reviewed pairs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from troth.store import tables as t
from troth.store.engine import Engines
from troth.store.repositories.linkage import link_records

if TYPE_CHECKING:
    from troth.domain.linkage import LinkRecord
    from troth.registry.views import DuplicateReview

_p, _r = t.people.c, t.duplicate_reviews.c


class IdentityReads:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines

    def link_records(self, after: int = 0, limit: int = 50_000) -> list[LinkRecord]:
        with self.engines.reader.connect() as conn:
            ids = conn.execute(select(_p.id).where(_p.id > after).order_by(_p.id)
                               .limit(limit)).scalars().all()
            return sorted(link_records(conn, ids), key=lambda r: r.id)

    def duplicate_reviews(self, status: str | None = None) -> list[DuplicateReview]:
        from troth.registry.views import DuplicateReview

        q = select(_r.person_id, _r.other_id, _r.status, _r.note, _r.ledger_seq)
        if status is not None:
            q = q.where(_r.status == status)
        with self.engines.reader.connect() as conn:
            return [DuplicateReview(*row) for row in
                    conn.execute(q.order_by(_r.ledger_seq, _r.other_id))]
