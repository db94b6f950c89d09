"""The notifications' e-mail against a real SMTP server in-process (aiosmtpd): the message
arrives, its raw text holds no health detail, and while the server is down it stays queued
and is retried later with backoff, until it is failed for good."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from email import message_from_bytes
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.registry.helpers import add
from troth.domain import commands as c
from troth.domain.notices import SetContactEmail
from troth.registry.notices import MAX_ATTEMPTS, deliver_due, smtp_sender

CANARY = "CANARY-heat-note-77"


class Sink:
    def __init__(self) -> None:
        self.raw: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.raw.append(envelope.original_content)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Sink, int]]:
    sink, port = Sink(), free_port()
    server = Controller(sink, hostname="127.0.0.1", port=port)
    server.start()
    yield sink, port
    server.stop()


def people(reg: Any) -> tuple[int, int]:
    rey = add(reg, "Rey", date(2005, 3, 1), "omega")
    ben = add(reg, "Ben Solo", date(1999, 10, 25), "alpha")
    reg.execute(SetContactEmail(ben, "ben@chandrila.example"))
    reg.execute(c.RecordHeat(rey, rey, date(2026, 11, 1), notes=CANARY, seeks_partner=True))
    reg.execute(c.ShareHealth(rey, ben, "partner"))
    return rey, ben


def later(reg: Any, seconds: float) -> datetime:
    return reg.clock.now() + timedelta(seconds=seconds)


def test_the_message_arrives_and_holds_no_health_detail(registry: Any, smtp: Any) -> None:
    sink, port = smtp
    people(registry)
    send = smtp_sender(f"smtp://127.0.0.1:{port}", "registry@troth.example")
    assert deliver_due(registry.queries.outbox, send, later(registry, 1)) == (1, 0)
    (raw,) = sink.raw
    mail = message_from_bytes(raw, policy=default)
    assert mail["To"] == "ben@chandrila.example" and mail["From"] == "registry@troth.example"
    assert mail["Subject"] == "troth registry: Rey shared part of their health record with you"
    body = mail.get_body().get_content()  # type: ignore[union-attr]
    assert body.startswith("Rey shared part of their health record with you.")
    for detail in (CANARY, "heat", "partner", "seeks", "2026-11-01"):
        assert detail.lower().encode() not in raw.lower(), detail
    assert registry.queries.outbox.counts() == {"queued": 0, "sent": 1, "failed": 0}
    assert deliver_due(registry.queries.outbox, send, later(registry, 2)) == (0, 0)  # once


def test_a_server_down_leaves_it_queued_and_it_is_retried_later(registry: Any) -> None:
    people(registry)
    port = free_port()  # nobody listens there yet
    send = smtp_sender(f"smtp://127.0.0.1:{port}", "registry@troth.example", timeout=2)
    outbox = registry.queries.outbox
    t0 = later(registry, 1)
    assert deliver_due(outbox, send, t0) == (0, 1)
    assert outbox.counts() == {"queued": 1, "sent": 0, "failed": 0}
    assert outbox.due(t0 + timedelta(seconds=29)) == []  # backoff: not before 30 s
    (again,) = outbox.due(t0 + timedelta(seconds=31))
    assert again.attempts == 1
    sink = Sink()
    server = Controller(sink, hostname="127.0.0.1", port=port)
    server.start()
    try:
        assert deliver_due(outbox, send, t0 + timedelta(seconds=31)) == (1, 0)
    finally:
        server.stop()
    assert len(sink.raw) == 1 and outbox.counts()["sent"] == 1


def test_after_the_last_attempt_it_is_failed_for_good(registry: Any) -> None:
    people(registry)

    def down(message: Any) -> None:
        raise ConnectionRefusedError("the server is down")

    outbox, now = registry.queries.outbox, later(registry, 1)
    for _ in range(MAX_ATTEMPTS):
        assert len(outbox.due(now)) == 1  # retried each time it falls due
        deliver_due(outbox, down, now)
        now += timedelta(hours=3)
    assert outbox.counts() == {"queued": 0, "sent": 0, "failed": 1}
    assert outbox.due(now + timedelta(days=30)) == []


def test_troth_outbox_deliver_once_from_the_cli(tmp_path: Path, smtp: Any,
                                                sqlite_template: Path) -> None:
    import shutil

    from troth.bootstrap import build_registry

    sink, port = smtp
    db = tmp_path / "r.db"
    shutil.copy(sqlite_template, db)
    reg = build_registry(str(db))
    try:
        people(reg)
    finally:
        reg.close()
    env = {**os.environ, "TROTH_DATABASE_URL": str(db),
           "TROTH_SMTP_URL": f"smtp://127.0.0.1:{port}", "TROTH_MAIL_FROM": "office@x.example"}
    done = subprocess.run([sys.executable, "-m", "troth", "outbox", "deliver", "--once"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "1 sent, 0 failed" in done.stdout and len(sink.raw) == 1
    assert b"From: office@x.example" in sink.raw[0]
    unset = {**env, "TROTH_SMTP_URL": ""}
    done = subprocess.run([sys.executable, "-m", "troth", "outbox", "deliver", "--once"],
                          env=unset, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "TROTH_SMTP_URL is not set" in done.stderr


def test_troth_serve_starts_the_worker_beside_the_web_server(registry: Any, smtp: Any) -> None:
    import time

    from troth.cli.serve import start_outbox_worker
    from troth.settings import Settings

    sink, port = smtp
    people(registry)
    assert start_outbox_worker(registry, Settings.read({"TROTH_SMTP_URL": ""})) is None
    stop = start_outbox_worker(registry, Settings.read({
        "TROTH_SMTP_URL": f"smtp://127.0.0.1:{port}"}), interval=0.1)
    assert stop is not None
    try:
        deadline = time.monotonic() + 20
        while not sink.raw and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
    assert len(sink.raw) == 1 and b"From: registry@troth.invalid" in sink.raw[0]
