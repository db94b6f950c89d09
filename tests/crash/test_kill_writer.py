"""A writer killed with SIGKILL at random moments loses no acknowledged command, leaves no
state change without its ledger entry, and leaves a ledger that verifies."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
import signal
import time
from datetime import date, timedelta
from multiprocessing.connection import Connection
from typing import Any

import pytest
from sqlalchemy import func, select
from tests.store_access import reader

from troth.bootstrap import build_registry
from troth.domain import commands as c
from troth.domain.customs import Customs
from troth.store import tables as t

pytestmark = pytest.mark.slow


def writer(url: str, start: int, out: Connection) -> None:
    """Register and present people in a loop, acknowledging each command once it returned."""
    reg = build_registry(url, customs=Customs())
    with reg.uow_factory("warm-up"):
        pass  # open the writer's connection before the clock starts
    out.send_bytes(b"READY")
    n = start
    while True:
        # A birth date of its own (each round, of 100,000 numbers, has 200 days; a round
        # writes far fewer): people of one name pattern born the same day would be refused
        # as likely duplicates of each other (troth.domain.linkage).
        born = date(1900, 1, 1) + timedelta(days=(n // 100_000) * 200 + n % 200)
        pid = reg.execute(c.RegisterPerson(f"crash {n}", born))
        out.send_bytes(json.dumps(["registered", pid, n]).encode())
        reg.execute(c.RecordPresentation(pid, "beta", born.replace(year=born.year + 14)
                                         if (born.month, born.day) != (2, 29)
                                         else date(born.year + 14, 3, 1)))
        out.send_bytes(json.dumps(["presented", pid, n]).encode())
        n += 1


def drain(conn: Connection) -> list[Any]:
    acks = []
    while conn.poll():
        try:
            acks.append(json.loads(conn.recv_bytes()))
        except (EOFError, OSError, ValueError):
            break
    return acks


def check(url: str, acknowledged: list[Any]) -> None:
    reg = build_registry(url, customs=Customs())
    try:
        report = reg.queries.people.verify()
        assert report.ok, report.problems
        with reader(reg) as conn:
            people = conn.execute(select(func.count()).select_from(t.people)).scalar_one()
            presented = conn.execute(select(func.count()).select_from(t.people)
                                     .where(t.people.c.designation.is_not(None))).scalar_one()
            kinds = dict(conn.execute(select(t.ledger.c.kind, func.count())
                                      .group_by(t.ledger.c.kind)).all())
        assert people == kinds.get("person_registered", 0)
        assert presented == kinds.get("presented", 0)
        found = reg.queries.people.people([pid for _, pid, _ in acknowledged])
        for what, pid, n in acknowledged:
            assert pid in found and found[pid].legal_name == f"crash {n}", (what, pid)
            if what == "presented":
                assert found[pid].designation == "beta"
    finally:
        reg.close()


def kill_loop(url: str, kills: int, seed: int) -> None:
    rng = random.Random(seed)
    ctx = mp.get_context("fork")
    acknowledged: list[Any] = []
    for round_ in range(kills):
        start = round_ * 100_000
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=writer, args=(url, start, child))
        proc.start()
        child.close()
        assert parent.recv_bytes() == b"READY"
        assert parent.poll(30), "the writer acknowledged nothing within 30 s"
        acknowledged.append(json.loads(parent.recv_bytes()))  # it is mid-burst now
        time.sleep(rng.uniform(0.0, 0.05))
        os.kill(proc.pid, signal.SIGKILL)  # type: ignore[arg-type]
        proc.join()
        acknowledged += drain(parent)
        parent.close()
        check(url, acknowledged)
    assert len(acknowledged) >= kills  # every kill landed in the middle of a burst


def test_a_sigkilled_writer_loses_nothing_acknowledged(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        kill_loop(db_url, kills=200, seed=7)
    else:
        kill_loop(db_url, kills=40, seed=8)
