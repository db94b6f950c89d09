"""Where districts run: in this process, in worker processes, or on a Ray cluster.

All three give the coordinator the same two calls, `advance` (one period, every district)
and `finish` (write the logs). Districts are dealt to workers round-robin; the coordinator
always reads the answers in district order, so the host does not show in the output.
"""

from __future__ import annotations

import multiprocessing as mp
from multiprocessing.connection import Connection
from typing import Any, Protocol

from troth.sim.district import Inbox, Outbox
from troth.sim.worker import RunSpec, Worker, WorkerResult


class Backend(Protocol):
    def advance(self, start: int, end: int, inboxes: dict[int, Inbox]) -> dict[int, Outbox]:
        ...

    def finish(self, out_dir: str) -> list[WorkerResult]:
        ...

    def close(self) -> None:
        ...


def deal(n_districts: int, workers: int) -> list[list[int]]:
    """Districts per worker, round-robin; never more workers than districts."""
    workers = max(1, min(workers, n_districts))
    return [list(range(w, n_districts, workers)) for w in range(workers)]


def make_backend(spec: RunSpec, workers: int, ray_address: str | None) -> Backend:
    shares = deal(spec.scenario.simulation.districts, workers)
    if ray_address is not None:
        return RayBackend(spec, shares, ray_address)
    if len(shares) == 1:
        return InProcess(spec, shares[0])
    return Processes(spec, shares)


class InProcess:
    def __init__(self, spec: RunSpec, districts: list[int]) -> None:
        self.worker = Worker(spec, districts)

    def advance(self, start: int, end: int, inboxes: dict[int, Inbox]) -> dict[int, Outbox]:
        return self.worker.advance(start, end, inboxes)

    def finish(self, out_dir: str) -> list[WorkerResult]:
        return [self.worker.finish(out_dir)]

    def close(self) -> None:
        return None


def _serve(conn: Connection, spec: RunSpec, districts: list[int]) -> None:
    worker = Worker(spec, districts)
    while True:
        verb, args = conn.recv()
        if verb == "advance":
            conn.send(worker.advance(*args))
        elif verb == "finish":
            conn.send(worker.finish(*args))
        else:
            conn.close()
            return


class Processes:
    """One spawned process per share of districts, spoken to over pipes."""

    def __init__(self, spec: RunSpec, shares: list[list[int]]) -> None:
        ctx = mp.get_context("spawn")
        self.shares = shares
        self.conns: list[Connection] = []
        self.procs: list[Any] = []
        for share in shares:
            mine, theirs = ctx.Pipe()
            proc = ctx.Process(target=_serve, args=(theirs, spec, share), daemon=True)
            proc.start()
            theirs.close()
            self.conns.append(mine)
            self.procs.append(proc)

    def advance(self, start: int, end: int, inboxes: dict[int, Inbox]) -> dict[int, Outbox]:
        for conn, share in zip(self.conns, self.shares, strict=True):
            conn.send(("advance", (start, end, {d: inboxes[d] for d in share})))
        out: dict[int, Outbox] = {}
        for conn in self.conns:
            out.update(conn.recv())
        return out

    def finish(self, out_dir: str) -> list[WorkerResult]:
        for conn in self.conns:
            conn.send(("finish", (out_dir,)))
        return [conn.recv() for conn in self.conns]

    def close(self) -> None:
        for conn in self.conns:
            try:
                conn.send(("stop", ()))
                conn.close()
            except OSError:
                pass
        for proc in self.procs:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.terminate()


class RayBackend:
    """One Ray actor per share; logs come back as bytes so nodes need no shared disk.

    `address` "auto" starts (or joins) a local cluster; anything else is a cluster address.
    A Ray session that is already initialised (tests) is used as it is and left running.
    """

    def __init__(self, spec: RunSpec, shares: list[list[int]], address: str) -> None:
        import ray

        self.ray = ray
        self.owned = not ray.is_initialized()
        if self.owned:
            ray.init(address=None if address == "auto" else address,
                     include_dashboard=False, log_to_driver=False, configure_logging=False)
        actor: Any = ray.remote(Worker)
        self.shares = shares
        self.actors: list[Any] = [actor.remote(spec, share) for share in shares]

    def advance(self, start: int, end: int, inboxes: dict[int, Inbox]) -> dict[int, Outbox]:
        refs = [a.advance.remote(start, end, {d: inboxes[d] for d in share})
                for a, share in zip(self.actors, self.shares, strict=True)]
        out: dict[int, Outbox] = {}
        for part in self.ray.get(refs):
            out.update(part)
        return out

    def finish(self, out_dir: str) -> list[WorkerResult]:
        results: list[WorkerResult] = self.ray.get([a.finish.remote(None) for a in self.actors])
        return results

    def close(self) -> None:
        for a in self.actors:
            self.ray.kill(a)
        if self.owned:
            self.ray.shutdown()
