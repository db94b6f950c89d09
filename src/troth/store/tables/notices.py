"""Notifications, their e-mail outbox and people's contact e-mail addresses (0017).

None is derived from the ledger alone (store/verify.py lists them OUT_OF_REACH): the
notifications are written in the transaction of the event, health share or access-log row
they tell of, and carry read marks; the outbox carries delivery state; the address is kept
beside the ledger, which records only that it changed.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, String, Table, Text

from troth.store.tables import metadata

contacts = Table(
    "contacts",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id"), primary_key=True,
           autoincrement=False),
    Column("email", String(254), nullable=False),
    Column("updated_at", String(32), nullable=False),
)

notifications = Table(
    "notifications",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer),  # NULL: told to the registry (its registrars)
    Column("kind", String(40), nullable=False),
    Column("words", Text, nullable=False),
    Column("action", String(40), nullable=False, default=""),  # the link's policy action
    Column("record_id", Integer),
    Column("href", String(200), nullable=False, default=""),
    Column("ledger_seq", Integer),  # NULL for a share used (the access log's)
    Column("created_at", String(32), nullable=False),
    Column("read_at", String(32)),
)
Index("ix_notifications_person", notifications.c.person_id, notifications.c.id)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("notification_id", Integer, nullable=False),
    Column("address", String(254), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("status", String(10), nullable=False),  # queued | sent | failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt", String(32), nullable=False),
    Column("last_error", Text, nullable=False, default=""),
    Column("sent_at", String(32)),
)
Index("ix_outbox_due", outbox.c.status, outbox.c.next_attempt)
