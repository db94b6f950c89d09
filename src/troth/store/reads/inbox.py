"""The inbox (notifications, read marks) and the e-mail outbox (delivery state).

Read marks and delivery state are kept beside the ledger, like sessions: marking a notice
read or a message sent records no fact of the registry.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_, select, update

from troth.domain.errors import NotFound
from troth.registry.notices import PER_PAGE, NotificationRecord, OutboxMessage
from troth.registry.ports import Clock
from troth.store.engine import Engines
from troth.store.notify import stamp
from troth.store.tables.notices import contacts, notifications, outbox

_n = notifications.c
_o = outbox.c


def _theirs(person_id: int | None, registry: bool) -> ColumnElement[bool]:
    """The account's notifications: its person's, and the registry's for a registrar."""
    mine = _n.person_id == person_id if person_id is not None else false()
    return or_(mine, _n.person_id.is_(None)) if registry else mine


class InboxStore:
    def __init__(self, engines: Engines, clock: Clock) -> None:
        self.engines = engines
        self.clock = clock

    def inbox(self, person_id: int | None, registry: bool, page: int,
              per_page: int = PER_PAGE) -> tuple[list[NotificationRecord], int]:
        where = _theirs(person_id, registry)
        with self.engines.reader.connect() as conn:
            total = conn.execute(select(func.count()).select_from(notifications)
                                 .where(where)).scalar_one()
            rows = conn.execute(select(notifications).where(where).order_by(_n.id.desc())
                                .limit(per_page).offset((page - 1) * per_page)).mappings().all()
        return [_record(r) for r in rows], int(total)

    def unread(self, person_id: int | None, registry: bool) -> int:
        with self.engines.reader.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(notifications).where(
                _theirs(person_id, registry), _n.read_at.is_(None))).scalar_one())

    def mark_read(self, person_id: int | None, registry: bool,
                  notification_id: int | None) -> int:
        where = and_(_theirs(person_id, registry), _n.read_at.is_(None))
        with self.engines.writer.begin() as conn:
            if notification_id is not None:
                found = conn.execute(select(_n.read_at).where(
                    _theirs(person_id, registry), _n.id == notification_id)).first()
                if found is None:
                    raise NotFound(f"no notification #{notification_id} in this inbox",
                                   rule="notification_exists")
                where = and_(where, _n.id == notification_id)
            done = conn.execute(update(notifications).where(where)
                                .values(read_at=stamp(self.clock.now())))
        return int(done.rowcount)

    def contact_email(self, person_id: int) -> str:
        with self.engines.reader.connect() as conn:
            found = conn.execute(select(contacts.c.email)
                                 .where(contacts.c.person_id == person_id)).scalar()
        return str(found or "")


def _record(r: Any) -> NotificationRecord:
    return NotificationRecord(r["id"], r["person_id"], r["kind"], r["words"], r["action"],
                              r["record_id"], r["href"], r["created_at"], r["read_at"])


class OutboxStore:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines

    def due(self, now: datetime, limit: int = 50) -> list[OutboxMessage]:
        with self.engines.reader.connect() as conn:
            rows = conn.execute(select(_o.id, _o.address, _o.subject, _o.body, _o.attempts)
                                .where(_o.status == "queued", _o.next_attempt <= stamp(now))
                                .order_by(_o.id).limit(limit)).all()
        return [OutboxMessage(int(r.id), r.address, r.subject, r.body, int(r.attempts))
                for r in rows]

    def sent(self, message_id: int, now: datetime) -> None:
        with self.engines.writer.begin() as conn:
            conn.execute(update(outbox).where(_o.id == message_id).values(
                status="sent", sent_at=stamp(now), attempts=_o.attempts + 1))

    def failed(self, message_id: int, error: str, now: datetime,
               retry_at: datetime | None) -> None:
        values: dict[str, Any] = {"attempts": _o.attempts + 1, "last_error": error}
        if retry_at is None:
            values["status"] = "failed"
        else:
            values["next_attempt"] = stamp(retry_at)
        with self.engines.writer.begin() as conn:
            conn.execute(update(outbox).where(_o.id == message_id).values(**values))

    def counts(self) -> dict[str, int]:
        with self.engines.reader.connect() as conn:
            rows = conn.execute(select(_o.status, func.count()).group_by(_o.status)).all()
        found = {str(s): int(c) for s, c in rows}
        return {s: found.get(s, 0) for s in ("queued", "sent", "failed")}
