"""Notifications written beside what they tell of, on the same connection and so in the
same transaction: a ledger entry (SqlUnitOfWork.record), a health share (SqlHealth.add), a
read of a shared health record (AccountStore.log_access). The table of who is told what is
troth.domain.notices.NOTICES; this module writes its rows: one notification per recipient,
and an outbox row per recipient who gave a contact e-mail."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, select

from troth.domain.notice_kinds import KINDS
from troth.store import tables as t
from troth.store.tables.notices import contacts, notifications, outbox

_NAME = select(t.people.c.legal_name).where(t.people.c.id == bindparam("pid"))
_g = t.guardianships.c
_GUARDIANS = select(_g.guardian_id).where(_g.ward_id == bindparam("pid"), _g.end.is_(None))
_ADDRESS = select(contacts.c.person_id, contacts.c.email)
FOOTER = ("\n\nRead it, and open the record where you may, in your inbox at the registry"
          " (/inbox).\n\nThis message is sent by the troth civil registry because you gave"
          " it this address; ask the office, or change it on your record, to stop them.\n")


def stamp(when: datetime) -> str:
    """A fixed-width ISO-8601 UTC timestamp, so stamps compare correctly as text."""
    return when.astimezone(UTC).isoformat(timespec="microseconds")


class _Facts:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def name(self, person_id: int) -> str:
        found = self.conn.execute(_NAME, {"pid": person_id}).scalar()
        return str(found) if found is not None else f"#{person_id}"

    def guardians(self, person_id: int) -> list[int]:
        return [int(r[0]) for r in self.conn.execute(_GUARDIANS, {"pid": person_id})]


def notify(conn: Connection, event: Any, seq: int | None, now: datetime) -> int:
    """Write the notices the event gives; returns how many."""
    if event.kind not in KINDS:
        return 0
    from troth.domain.notices import notices, subject_line

    found = notices(event, _Facts(conn))
    if not found:
        return 0
    at = stamp(now)
    people = sorted({n.to for n in found if n.to is not None})
    addresses = dict(conn.execute(_ADDRESS.where(contacts.c.person_id.in_(people))).all()
                     ) if people else {}
    for n in found:
        key = conn.execute(notifications.insert().values(
            person_id=n.to, kind=event.kind, words=n.words, action=n.action,
            record_id=n.record_id, href=n.href, ledger_seq=seq, created_at=at,
            read_at=None)).inserted_primary_key
        nid = int(key[0]) if key else 0
        address = addresses.get(n.to) if n.to is not None else None
        if address:
            conn.execute(outbox.insert().values(
                notification_id=nid, address=address, subject=subject_line(n.words),
                body=n.words + FOOTER, status="queued", attempts=0, next_attempt=at,
                last_error="", sent_at=None))
    return len(found)


def told_today(conn: Connection, kind: str, person_id: int, words: str, now: datetime) -> bool:
    """Whether the same notice was already written to the person today (a share used is
    told once a day per reader, not on every page)."""
    n = notifications.c
    return conn.execute(select(n.id).where(and_(
        n.person_id == person_id, n.kind == kind, n.words == words,
        n.created_at >= stamp(now)[:10])).limit(1)).first() is not None


class SqlContacts:
    """Inside a unit of work: a person's contact e-mail, kept beside the ledger."""

    def __init__(self, conn: Connection, now: datetime) -> None:
        self.conn = conn
        self.now = now

    def set_email(self, person_id: int, email: str) -> None:
        self.conn.execute(contacts.delete().where(contacts.c.person_id == person_id))
        if email:
            self.conn.execute(contacts.insert().values(person_id=person_id, email=email,
                                                       updated_at=stamp(self.now)))
