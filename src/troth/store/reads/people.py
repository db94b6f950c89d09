"""Read queries: search (in store.reads.search), a person's record, history "as of",
guardians on a date, the ledger.

Readers use their own connections (never the writer's), so reads do not queue behind
writes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select

from troth.domain.errors import NotFound
from troth.store import tables as t
from troth.store.engine import Engines
from troth.store.repositories.people import guardianship_from_row, load_people

if TYPE_CHECKING:
    from troth.domain.events import Event
    from troth.domain.guardianship import Guardianship
    from troth.domain.history import Snapshot
    from troth.domain.ledger import Checkpoint, Entry, VerifyReport
    from troth.domain.people import Person, Scent
    from troth.registry.views import HistoryItem, Page, SearchFilter

# The events, history, ledger and view modules are imported by the methods that use them:
# `troth person show` reads a person and her guardian and needs none of them.


def _known_by(pairs: list[tuple[Entry, Event]], day: date) -> list[tuple[Entry, Event]]:
    """The entries recorded on or before the day (the registry's knowledge then)."""
    cutoff = day.isoformat()
    return [(en, e) for en, e in pairs if en.recorded_at[:10] <= cutoff]


class ReadModel:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines

    def person(self, person_id: int) -> Person:
        with self.engines.reader.connect() as conn:
            found = load_people(conn, [person_id])
        if person_id not in found:
            raise NotFound(f"no person #{person_id} in the registry", rule="person_exists")
        return found[person_id]

    def people(self, ids: list[int]) -> dict[int, Person]:
        with self.engines.reader.connect() as conn:
            return load_people(conn, ids)

    def search(self, f: SearchFilter, today: date, page: int = 1, per_page: int = 20,
               after: int | None = None, before: int | None = None) -> Page:
        from troth.store.reads.search import search

        with self.engines.reader.connect() as conn:
            return search(conn, f, today, page, per_page, after, before)

    def guardianships_of(self, ward_id: int) -> list[Guardianship]:
        g = t.guardianships
        with self.engines.reader.connect() as conn:
            rows = conn.execute(select(g).where(or_(g.c.ward_id == ward_id,
                                                    g.c.guardian_id == ward_id))
                                .order_by(g.c.start)).mappings().all()
        return [guardianship_from_row(r) for r in rows]

    def guardian_of(self, ward_id: int, on: date) -> Guardianship | None:
        self.person(ward_id)
        g = t.guardianships
        with self.engines.reader.connect() as conn:
            row = conn.execute(select(g).where(
                g.c.ward_id == ward_id, g.c.start <= on,
                or_(g.c.end.is_(None), g.c.end > on))).mappings().first()
        return None if row is None else guardianship_from_row(row)

    def events_of(self, person_id: int) -> list[tuple[Entry, Event]]:
        from troth.domain.events import event_from_data
        from troth.domain.ledger import Entry

        s, led = t.ledger_subjects, t.ledger
        with self.engines.reader.connect() as conn:
            rows = conn.execute(select(led).join(s, and_(s.c.seq == led.c.seq))
                                .where(s.c.person_id == person_id)
                                .order_by(led.c.seq)).mappings().all()
        return [(Entry(**r), event_from_data(r["kind"], json.loads(r["data"]))) for r in rows]

    def history(self, person_id: int, as_of: date | None = None,
                recorded_by: date | None = None) -> list[HistoryItem]:
        """Newest first. With as_of, "as of" that date (troth.domain.history.fold): what had
        taken effect by it, as the registry had recorded it by `recorded_by` (by default
        as_of itself; today's date gives "as known today"). An approved correction known by
        then is listed whatever its date: it corrects what the earlier entries say."""
        from troth.domain.history import describe
        from troth.registry.views import HistoryItem

        self.person(person_id)
        pairs = self.events_of(person_id)
        if as_of is not None:
            pairs = [(en, e) for en, e in _known_by(pairs, recorded_by or as_of)
                     if e.effective <= as_of or e.kind == "correction_approved"]
        ids = sorted({pid for _, e in pairs for pid in e.subjects})
        names = {pid: p.legal_name for pid, p in self.people(ids).items()}
        items = [HistoryItem(en.seq, en.recorded_at, e.effective, e.kind, describe(e, names))
                 for en, e in pairs]
        return sorted(items, key=lambda h: (h.effective, h.seq), reverse=True)

    def snapshot(self, person_id: int, on: date, recorded_by: date | None = None) -> Snapshot:
        """What the registry says about the person on `on`: "as of" `on`, as recorded by
        `on` itself (the default), or by a later date — today's for "as known today"."""
        from troth.domain.history import fold

        self.person(person_id)
        pairs = _known_by(self.events_of(person_id), recorded_by or on)
        return fold(person_id, on, [e for _, e in pairs])

    def scent_on(self, person_id: int, on: date) -> Scent | None:
        """Her scent signature on `on`: the latest measured on or before it (or the one
        given at her registration), as known today. For the registry and matchmaking only:
        others see compatibility scores, never the values."""
        from troth.domain.history import scent_on

        self.person(person_id)
        return scent_on(person_id, on, [e for _, e in self.events_of(person_id)])

    def ledger_entries(self, batch: int = 5000) -> Iterator[Entry]:
        from troth.domain.ledger import Entry

        led = t.ledger
        last = 0
        with self.engines.reader.connect() as conn:
            while True:
                rows = conn.execute(select(led).where(led.c.seq > last).order_by(led.c.seq)
                                    .limit(batch)).mappings().all()
                if not rows:
                    return
                for r in rows:
                    yield Entry(**r)
                last = rows[-1]["seq"]

    def checkpoint(self) -> Checkpoint:
        from troth.domain.ledger import Checkpoint

        led = t.ledger
        with self.engines.reader.connect() as conn:
            row = conn.execute(select(led.c.seq, led.c.hash).order_by(led.c.seq.desc())
                               .limit(1)).first()
        return Checkpoint(0, "0" * 64) if row is None else Checkpoint(row.seq, row.hash)

    def verify(self, checkpoint: Checkpoint | None = None) -> VerifyReport:
        from troth.domain.ledger import verify

        return verify(self.ledger_entries(), checkpoint)

    def count_people(self) -> int:
        with self.engines.reader.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t.people)).scalar_one())
