"""Candidate search over HTTP against the same search called directly (the CLI's path).

A registry of N generated Alphas and Omegas (half each, 16-dimensional scents, ten
districts, ages 14-70) on an SQLite file, inserted in bulk straight into the tables (no
ledger entries; the search does not read the ledger). Then, in-process (httpx over ASGI,
no server, so the numbers are the application's own):

- anchor: ``troth.registry.matchmaking.candidates_in_registry`` called directly (what
  ``troth match candidates`` runs);
- the API as the registrar on the first request after a change (the server's cache of the
  records emptied before each request), and with the cache warm: the API as the
  registrar, as a sponsor (who needs the relation queries per row: may they read the
  candidate, may they propose the couple), and the HTML page.

Each is run ``--repeat`` times for a few searching people, with and without an age
filter; the table gives wall and CPU milliseconds per request.

    .venv/bin/python benchmarks/candidates_web.py --people 10000 --repeat 15
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

TODAY = date(2026, 11, 25)
DIMS = 16


def generate(db: Path, n: int) -> None:
    from troth.bootstrap import build_registry
    from troth.domain.customs import Customs

    reg = build_registry(str(db), customs=Customs())
    reg.close()
    rng = random.Random(6)
    rows = []
    for pid in range(1, n + 1):
        born = TODAY - timedelta(days=rng.randint(14 * 365, 70 * 365))
        vec = [[round(rng.gauss(0, 1), 4) for _ in range(DIMS)] for _ in range(2)]
        rows.append((pid, f"Person {pid}", born.isoformat(), ("alpha", "omega")[pid % 2],
                     (born + timedelta(days=14 * 365)).isoformat(), "", json.dumps(vec[0]),
                     json.dumps(vec[1]), "", f"D{rng.randint(1, 10):02d}", 1))
    con = sqlite3.connect(db)
    with con:
        con.executemany("INSERT INTO people (id, legal_name, born, designation, presented_on,"
                        " presented_reason, scent_gives, scent_draws, scent_notes, district,"
                        " version) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.close()


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, float]:
    """(p50 wall ms, p95 wall ms, mean CPU ms) over ``repeat`` calls after one warm-up."""
    fn()
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - w) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    walls.sort()
    return (statistics.median(walls), walls[min(len(walls) - 1, int(0.95 * len(walls)))],
            statistics.mean(cpus))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()

    import httpx
    from anyio.from_thread import start_blocking_portal

    from troth.bootstrap import SystemClock, build
    from troth.domain.customs import Customs
    from troth.domain.policy import Role
    from troth.match.candidates import Filters
    from troth.registry.candidate_search import SearchCache, candidates_in_registry
    from troth.web.app import create_app
    from troth.web.auth import TOKEN_PREFIX, new_token

    db = Path(tempfile.mkdtemp()) / "candidates.db"
    t0 = time.perf_counter()
    generate(db, args.people)
    print(f"{args.people:,} people generated in {time.perf_counter() - t0:.1f} s")
    reg = build(url=str(db), server=True, clock=SystemClock(TODAY), customs=Customs())
    store = reg.queries.accounts
    tokens = {}
    for role, person in ((Role.REGISTRAR, None), (Role.SPONSOR, 3)):
        aid = store.create(role.value, "unused", person, [(role, "")])
        token, digest = new_token(TOKEN_PREFIX)
        store.create_token(aid, "bench", digest)
        tokens[role] = token
    app = create_app(reg)
    searchers = [pid for pid in range(1, args.people + 1)
                 if TODAY.year - int(reg.queries.people.person(pid).born.year) > 20][:3]
    rows = []
    with start_blocking_portal() as portal:
        clients = {r: httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                        base_url="https://bench",
                                        headers={"Authorization": f"Bearer {t}"})
                   for r, t in tokens.items()}

        def get(role: Role, url: str, params: dict[str, Any]) -> None:
            r = portal.call(lambda: clients[role].get(url, params=params))
            assert r.status_code == 200, r.text

        def cold(person: int, params: dict[str, Any]) -> None:
            app.state.candidate_search = SearchCache()  # as after any new ledger entry
            get(Role.REGISTRAR, f"/api/v1/match/candidates/{person}", params)

        for label, ages in (("no filter", {}), ("ages 25-40", {"min_age": 25, "max_age": 40})):
            params = {"top": args.top, **ages}
            filters = Filters(on=TODAY, min_age=ages.get("min_age"), max_age=ages.get("max_age"))
            cases: list[tuple[str, Callable[[int], Any]]] = [
                ("anchor: candidates_in_registry",
                 lambda p, f=filters: candidates_in_registry(reg, p, args.top, f)),
                ("API, registrar, cold (first request after a change)",
                 lambda p, q=params: cold(p, q)),
                ("API, registrar", lambda p, q=params: get(
                    Role.REGISTRAR, f"/api/v1/match/candidates/{p}", q)),
                ("API, sponsor", lambda p, q=params: get(
                    Role.SPONSOR, f"/api/v1/match/candidates/{p}", q)),
                ("page, registrar", lambda p, q=params: get(
                    Role.REGISTRAR, "/match/candidates", {"person": p, **q})),
            ]
            for name, call in cases:
                results = [timed(lambda c=call, p=p: c(p), args.repeat) for p in searchers]
                rows.append((label, name, *(statistics.mean(r[i] for r in results)
                                             for i in range(3))))
        for c in clients.values():
            portal.call(c.aclose)
    print(f"\n{args.people:,} Alphas and Omegas, top {args.top}, {args.repeat} requests"
          f" x {len(searchers)} people per row")
    print("| filter | target | p50 wall ms | p95 wall ms | CPU ms |")
    print("|---|---|---:|---:|---:|")
    for label, name, p50, p95, cpu in rows:
        print(f"| {label} | {name} | {p50:.1f} | {p95:.1f} | {cpu:.1f} |")
    reg.close()


if __name__ == "__main__":
    main()
