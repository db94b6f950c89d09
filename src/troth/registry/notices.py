"""Notifications as the interfaces read them (the inbox), and the e-mail outbox's delivery.

The notifications themselves are written by the store in the transaction of what they tell
of (troth.domain.notices is the table of who is told what). This module holds the ports the
inbox and the outbox worker use, their records, and the worker's loop: `deliver_due` sends
what is due once; `run_worker` repeats it until told to stop. Both take the outbox port and
a `send(message)` callable, so the same small loop serves `troth serve` (a thread beside the
web server), `troth outbox deliver` and, later, a jobs table.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from troth.domain.errors import InvalidInput

log = logging.getLogger("troth.outbox")

PER_PAGE = 20
MAX_ATTEMPTS = 8  # then the message is marked failed and no longer retried
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=2)


@dataclass(frozen=True)
class NotificationRecord:
    id: int
    person_id: int | None  # None: told to the registry
    kind: str
    words: str
    action: str  # the policy action a link to the record needs ("" = none)
    record_id: int | None
    href: str
    created_at: str
    read_at: str | None

    @property
    def unread(self) -> bool:
        return self.read_at is None


@dataclass(frozen=True)
class OutboxMessage:
    id: int
    address: str
    subject: str
    body: str
    attempts: int


class InboxQueries(Protocol):
    """An account's notifications: its person's, and the registry's for a registrar."""

    def inbox(self, person_id: int | None, registry: bool, page: int,
              per_page: int = PER_PAGE) -> tuple[list[NotificationRecord], int]:
        """Newest first; (the page's notifications, how many in all)."""
        ...

    def unread(self, person_id: int | None, registry: bool) -> int: ...

    def mark_read(self, person_id: int | None, registry: bool,
                  notification_id: int | None) -> int:
        """Mark one (or, given None, every) unread notification of the account read; how
        many were. NotFound when the notification is not the account's."""
        ...

    def contact_email(self, person_id: int) -> str:
        """The person's contact e-mail ("" when none was given)."""
        ...


class Outbox(Protocol):
    """The e-mail outbox: filled with the notifications, emptied by the worker."""

    def due(self, now: datetime, limit: int = 50) -> list[OutboxMessage]: ...

    def sent(self, message_id: int, now: datetime) -> None: ...

    def failed(self, message_id: int, error: str, now: datetime,
               retry_at: datetime | None) -> None:
        """A failed attempt: queued again for `retry_at`, or failed for good (None)."""
        ...

    def counts(self) -> dict[str, int]:
        """Messages by state: queued, sent, failed."""
        ...


def backoff(attempts: int) -> timedelta:
    """The wait before the next try after `attempts` failed ones: 30 s, 1 min, 2 min ..."""
    wait: timedelta = FIRST_RETRY * (2 ** max(attempts - 1, 0))
    return min(wait, LONGEST_WAIT)


Send = Callable[[OutboxMessage], None]


def deliver_due(outbox: Outbox, send: Send, now: datetime, limit: int = 50) -> tuple[int, int]:
    """Send every message due; (sent, failed attempts). A failure is recorded with its
    reason and retried later with backoff, until MAX_ATTEMPTS."""
    sent = failed = 0
    for message in outbox.due(now, limit):
        try:
            send(message)
        except (OSError, _smtplib().SMTPException) as e:
            failed += 1
            attempts = message.attempts + 1
            retry = now + backoff(attempts) if attempts < MAX_ATTEMPTS else None
            outbox.failed(message.id, f"{type(e).__name__}: {e}"[:500], now, retry)
            log.warning("outbox: message %s not delivered (%s)", message.id, type(e).__name__)
        else:
            sent += 1
            outbox.sent(message.id, now)
    return sent, failed


def run_worker(outbox: Outbox, send: Send, now: Callable[[], datetime],
               stop: threading.Event, interval: float = 10.0) -> None:
    """Deliver what is due every `interval` seconds until `stop` is set. An error in one
    round is logged, never the end of the worker."""
    while not stop.is_set():
        try:
            deliver_due(outbox, send, now())
        except Exception:  # the database away a moment: try again next round
            log.exception("outbox: a delivery round failed")
        stop.wait(interval)


# --- SMTP ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    tls: str  # "" | "starttls" | "ssl"
    user: str
    password: str


def smtp_server(url: str) -> SmtpServer:
    """smtp://host:port (plain), smtp+starttls://user:pass@host:587, smtps://host:465."""
    parts = urlsplit(url.strip())
    tls = {"smtp": "", "smtp+starttls": "starttls", "smtps": "ssl"}.get(parts.scheme)
    if tls is None or not parts.hostname:
        raise InvalidInput(f"TROTH_SMTP_URL {url!r} is not smtp://host:port,"
                           " smtp+starttls://... or smtps://...", rule="smtp_url")
    try:
        port = parts.port or (465 if tls == "ssl" else 587 if tls else 25)
    except ValueError:
        raise InvalidInput(f"TROTH_SMTP_URL {url!r} has no valid port", rule="smtp_url") from None
    return SmtpServer(parts.hostname, port, tls, unquote(parts.username or ""),
                      unquote(parts.password or ""))


def smtp_sender(url: str, sender: str, timeout: float = 10.0) -> Send:
    """A `send` delivering each message to the SMTP server at `url`, from `sender`."""
    server = smtp_server(url)

    def send(message: OutboxMessage) -> None:
        mail = EmailMessage()
        mail["From"] = sender
        mail["To"] = message.address
        mail["Subject"] = message.subject
        mail.set_content(message.body)
        smtplib = _smtplib()
        smtp_class = smtplib.SMTP_SSL if server.tls == "ssl" else smtplib.SMTP
        with smtp_class(server.host, server.port, timeout=timeout) as smtp:
            if server.tls == "starttls":
                smtp.starttls()
            if server.user:
                smtp.login(server.user, server.password)
            smtp.send_message(mail)

    return send


def _smtplib() -> Any:
    """smtplib, for the delivery worker only (not every process that reads the inbox)."""
    import smtplib

    return smtplib
