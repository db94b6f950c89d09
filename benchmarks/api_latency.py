"""API latency at a fixed request rate against the running server, beside a bare endpoint.

A registry of N generated people (default 100,000) on an SQLite file. Two uvicorn servers
on 127.0.0.1, one worker each, started as subprocesses: troth's app, and a bare Starlette
app whose sync endpoints run the same SQL with the sqlite3 module directly (a connection per
thread, no authentication, no policy, no validation). Each tick of an open-loop schedule
sends one request to each server, so machine noise falls on both alike.

Scenarios (troth vs bare):
- read: GET a person (troth: the registrar's token; party: a party's own record, which adds
  the relation query) vs SELECT the same row and its names;
- search: the first page of a name search vs the same LIKE query and count;
- write: register a person (judged, ledger entry, projection, one commit at
  synchronous=FULL) vs one INSERT + COMMIT of the same row at the same setting.

The 100,000 people are inserted in bulk by this script (rows and name index, straight into
the tables; no ledger entries): registering them one by one through the handlers at
synchronous=FULL would take many minutes. Reads and searches do not consult the ledger.

    .venv/bin/python benchmarks/api_latency.py --people 100000 --rate 40 --seconds 15
Target (issue 4): p99 at most 2x the bare endpoint's (read).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SYLLABLES = ["an", "bel", "cor", "da", "el", "fin", "ga", "hal", "is", "jor", "ka", "lin",
             "mor", "na", "or", "pel", "qui", "ra", "sol", "ta", "ul", "ven", "wy", "xa",
             "yor", "zen"]
SEARCH = "ann"


def name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


def generate(db: Path, n: int) -> None:
    """Migrate through troth, then insert n people and their name index in bulk."""
    from troth.bootstrap import build_registry
    from troth.domain.customs import Customs
    from troth.store.projections import search_key

    reg = build_registry(str(db), customs=Customs())
    reg.close()
    rng = random.Random(4)
    people, names = [], []
    for pid in range(1, n + 1):
        legal = name(rng)
        born = date(1950, 1, 1) + timedelta(days=rng.randint(0, 70 * 365))
        desig = rng.choice(["alpha", "beta", "beta", "beta", "omega"])
        people.append((pid, legal, born.isoformat(), desig,
                       (born + timedelta(days=14 * 365)).isoformat(), "", "", "Niima", 1))
        names.append((pid, "legal", legal, search_key(legal)))
    con = sqlite3.connect(db)
    with con:
        con.executemany("INSERT INTO people (id, legal_name, born, designation, presented_on,"
                        " presented_reason, scent_notes, district, version)"
                        " VALUES (?,?,?,?,?,?,?,?,?)", people)
        con.executemany("INSERT INTO person_names (person_id, kind, name, search_key)"
                        " VALUES (?,?,?,?)", names)
        con.execute("CREATE TABLE bare_writes (id INTEGER PRIMARY KEY, legal_name TEXT,"
                    " born TEXT, district TEXT)")
    con.close()


def tokens(db: Path) -> dict[str, str]:
    from troth.bootstrap import build_registry
    from troth.domain.customs import Customs
    from troth.domain.policy import Role
    from troth.web.auth import TOKEN_PREFIX, new_token

    reg = build_registry(str(db), customs=Customs())
    store = reg.queries.accounts
    out = {}
    for role, person in (("registrar", None), ("party", 4242)):
        aid = store.create(role, "unused", person, [(Role(role), "")])
        token, digest = new_token(TOKEN_PREFIX)
        store.create_token(aid, "bench", digest)
        out[role] = token
    reg.close()
    return out


# --- the servers (run as subprocesses) ---------------------------------------------------

def serve_troth(db: str, port: int) -> None:
    import uvicorn

    from troth.bootstrap import build
    from troth.web.app import create_app

    uvicorn.run(create_app(build(url=db, server=True)), host="127.0.0.1", port=port,
                log_level="warning", access_log=False)


def bare_app(db: str) -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    local = threading.local()

    def conn() -> sqlite3.Connection:
        if not hasattr(local, "c"):
            c = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
            c.execute("PRAGMA synchronous=FULL")
            c.execute("PRAGMA busy_timeout=30000")
            local.c = c
        con: sqlite3.Connection = local.c
        return con

    def read(request: Request) -> JSONResponse:
        pid = int(request.path_params["pid"])
        row = conn().execute("SELECT id, legal_name, born, died, designation, presented_on"
                             " FROM people WHERE id = ?", (pid,)).fetchone()
        names = conn().execute("SELECT kind, name FROM person_names WHERE person_id = ?",
                               (pid,)).fetchall()
        return JSONResponse({"row": row, "names": names})

    async def search(request: Request) -> JSONResponse:
        body = await request.json()
        return await asyncio.to_thread(_search, body["text"])

    def _search(text: str) -> JSONResponse:
        q = ("FROM people WHERE id IN (SELECT person_id FROM person_names"
             " WHERE search_key LIKE ?)")
        total = conn().execute(f"SELECT count(*) {q}", (f"%{text}%",)).fetchone()[0]
        rows = conn().execute(f"SELECT id, legal_name, born {q} ORDER BY legal_name, id"
                              " LIMIT 20", (f"%{text}%",)).fetchall()
        return JSONResponse({"total": total, "items": rows})

    async def write(request: Request) -> JSONResponse:
        body = await request.json()
        return await asyncio.to_thread(_write, body)

    def _write(body: dict[str, str]) -> JSONResponse:
        c = conn()
        c.execute("BEGIN IMMEDIATE")
        cur = c.execute("INSERT INTO bare_writes (legal_name, born, district) VALUES (?,?,?)",
                        (body["legal_name"], body["born"], "Niima"))
        c.execute("COMMIT")
        return JSONResponse({"id": cur.lastrowid}, status_code=201)

    return Starlette(routes=[Route("/people/{pid:int}", read),
                             Route("/people/search", search, methods=["POST"]),
                             Route("/people", write, methods=["POST"])])


def serve_bare(db: str, port: int) -> None:
    import uvicorn

    uvicorn.run(bare_app(db), host="127.0.0.1", port=port, log_level="warning",
                access_log=False)


# --- the driver ------------------------------------------------------------------------

def start(kind: str, db: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    return subprocess.Popen([sys.executable, __file__, f"--serve-{kind}", str(db),
                             "--port", str(port)], env=env)


async def wait_ready(client: Any, url: str) -> None:
    for _ in range(300):
        try:
            await client.get(url)
            return
        except Exception:
            await asyncio.sleep(0.1)
    raise SystemExit(f"server at {url} did not start")


async def one(client: Any, method: str, url: str, body: Any, headers: dict[str, str],
              out: list[float], errors: list[int]) -> None:
    t0 = time.perf_counter()
    r = await client.request(method, url, json=body, headers=headers)
    out.append(time.perf_counter() - t0)
    if r.status_code >= 400:
        errors.append(r.status_code)


async def scenario(client: Any, rate: float, seconds: float, requests: list[Any],
                   rng: random.Random) -> dict[str, tuple[list[float], list[int]]]:
    """Open loop: every 1/rate seconds, one request to each target, whatever came back."""
    results: dict[str, tuple[list[float], list[int]]] = {r[0]: ([], []) for r in requests}
    tasks = []
    t0 = time.perf_counter()
    for i in range(int(rate * seconds)):
        await asyncio.sleep(max(0.0, t0 + i / rate - time.perf_counter()))
        rng.shuffle(requests)
        for label, method, url, body, headers in requests:
            b = body() if callable(body) else body
            u = url() if callable(url) else url
            tasks.append(asyncio.create_task(one(client, method, u, b, headers,
                                                 *results[label])))
    await asyncio.gather(*tasks)
    return results


def pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(q * len(s)))] * 1000


async def drive(args: argparse.Namespace, toks: dict[str, str], n: int) -> None:
    import httpx

    troth, bare = f"http://127.0.0.1:{args.port}", f"http://127.0.0.1:{args.port + 1}"
    rng = random.Random(9)
    reg = {"Authorization": f"Bearer {toks['registrar']}"}
    party = {"Authorization": f"Bearer {toks['party']}"}
    pid = lambda: rng.randint(1, n)  # noqa: E731
    rid = lambda: pid()  # noqa: E731
    person = {"legal_name": "Bench Mark", "born": "1990-01-01"}
    scenarios = {
        "read": [("troth read (registrar)", "GET", lambda: f"{troth}/api/v1/people/{rid()}",
                  None, reg),
                 ("troth read (party, own)", "GET", f"{troth}/api/v1/people/4242", None, party),
                 ("bare read", "GET", lambda: f"{bare}/people/{pid()}", None, {})],
        "search": [("troth search", "POST", f"{troth}/api/v1/people/search",
                    {"text": SEARCH}, reg),
                   ("bare search", "POST", f"{bare}/people/search", {"text": SEARCH}, {})],
        "write": [("troth write", "POST", f"{troth}/api/v1/people", person, reg),
                  ("bare write", "POST", f"{bare}/people", person, {})],
    }
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        await wait_ready(client, f"{troth}/api/v1/customs")
        await wait_ready(client, f"{bare}/people/1")
        rows = []
        for label, requests in scenarios.items():
            rate = args.rate if label != "search" else args.rate / 4
            await scenario(client, rate, 2, list(requests), rng)  # warm-up
            res = await scenario(client, rate, args.seconds, list(requests), rng)
            for target, (lat, errs) in res.items():
                rows.append((label, target, len(lat), len(errs), pct(lat, .5), pct(lat, .95),
                             pct(lat, .99)))
    report(rows, args)


def report(rows: list[tuple[Any, ...]], args: argparse.Namespace) -> None:
    print(f"\nAPI latency, {args.people:,} people, SQLite (WAL, synchronous=FULL), "
          f"{args.rate}/s per target ({args.rate / 4}/s for search), {args.seconds}s each\n")
    print(f"{'scenario':8} {'target':26} {'n':>6} {'err':>4} {'p50 ms':>8} {'p95 ms':>8}"
          f" {'p99 ms':>8}")
    for r in rows:
        print(f"{r[0]:8} {r[1]:26} {r[2]:6d} {r[3]:4d} {r[4]:8.2f} {r[5]:8.2f} {r[6]:8.2f}")
    bare = {r[0]: r for r in rows if r[1].startswith("bare")}
    print("\noverhead ratios (troth / bare):")
    for r in rows:
        if not r[1].startswith("bare"):
            b = bare[r[0]]
            print(f"  {r[1]:26} p50 {r[4] / b[4]:5.2f}x   p95 {r[5] / b[5]:5.2f}x"
                  f"   p99 {r[6] / b[6]:5.2f}x")
    print(json.dumps({"rows": rows}), file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--rate", type=float, default=40.0, help="requests/s to each target")
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--port", type=int, default=8761)
    ap.add_argument("--serve-troth")
    ap.add_argument("--serve-bare")
    args = ap.parse_args()
    if args.serve_troth:
        return serve_troth(args.serve_troth, args.port)
    if args.serve_bare:
        return serve_bare(args.serve_bare, args.port)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        generate(db, args.people)
        print(f"generated {args.people:,} people in bulk in {time.perf_counter() - t0:.1f}s")
        toks = tokens(db)
        procs = [start("troth", db, args.port), start("bare", db, args.port + 1)]
        try:
            asyncio.run(drive(args, toks, args.people))
        finally:
            for p in procs:
                p.terminate()
                p.wait(10)


if __name__ == "__main__":
    main()
