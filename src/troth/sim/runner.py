"""The coordinator: districts advance in parallel between exchange days.

Districts are fixed by the scenario, not by the number of workers: a worker only hosts
some of them. Between two exchange days each district runs alone; on the exchange day the
coordinator gathers every district's seekers (in district order), makes the day's
introductions, plans the courtships, and sends each district what concerns its people.
Because every random draw is keyed by (seed, rule, person, day) and every exchange is
gathered in district order, the output is byte-identical whether one process hosts all
districts, several processes share them, or a Ray cluster does.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from troth.sim import events as ev
from troth.sim.backends import make_backend
from troth.sim.courtship import Outcomes, Rows, Seekers, introduce, pair_keys, plan
from troth.sim.district import Inbox, Outbox
from troth.sim.population import I64
from troth.sim.worker import RunSpec, WorkerResult

Progress = Callable[[int, int], None]


@dataclass
class Summary:
    manifest: dict[str, Any]
    seconds: float
    out_dir: Path
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def person_days_per_second(self) -> float:
        return float(self.manifest["person_days"]) / max(self.seconds, 1e-9)


def simulate(spec: RunSpec, out_dir: Path, workers: int = 1, ray_address: str | None = None,
             progress: Progress | None = None) -> Summary:
    """Run the whole simulation and write `out_dir/events/...` and `out_dir/manifest.json`."""
    began = time.perf_counter()
    s = spec.scenario
    n_districts, step, horizon = s.simulation.districts, s.simulation.exchange_days, spec.horizon
    out_dir.mkdir(parents=True, exist_ok=True)
    backend = make_backend(spec, workers, ray_address)
    try:
        inboxes = {d: Inbox() for d in range(n_districts)}
        next_cid = 0
        refused: I64 = np.empty(0, np.int64)  # pairs whose Omega declined (pair keys)
        for start in range(0, horizon, step):
            end = min(start + step, horizon)
            outs = backend.advance(start, end, inboxes)
            inboxes = {d: Inbox() for d in range(n_districts)}
            _route_freed(inboxes, [outs[d] for d in range(n_districts)], n_districts)
            if end < horizon:
                pool = Seekers.concat([outs[d].seekers for d in range(n_districts)])
                next_cid, refused = _exchange(spec, end, pool, next_cid, inboxes, refused)
            if progress is not None:
                progress(end, horizon)
        results = backend.finish(str(out_dir))
    finally:
        backend.close()
    manifest = _manifest(spec, out_dir, results, next_cid)
    return Summary(manifest, time.perf_counter() - began, out_dir)


def _exchange(spec: RunSpec, day: int, pool: Seekers, next_cid: int,
              inboxes: dict[int, Inbox], refused: I64) -> tuple[int, I64]:
    """The day's introductions and their planned courses; returns the next courtship id
    and the pairs refused so far (an Omega's refusal ends the matter for that pair)."""
    s = spec.scenario
    alpha, omega, att_ao, att_oa = introduce(spec.seed, s, day, pool, refused)
    if alpha.size == 0:
        return next_cid, refused
    order = np.argsort(pool.ids)
    sorted_ids, sorted_death = pool.ids[order], pool.death[order]
    death_a = sorted_death[np.searchsorted(sorted_ids, alpha)]
    death_o = sorted_death[np.searchsorted(sorted_ids, omega)]
    outcomes, rows = plan(spec.seed, s, day, next_cid, alpha, omega, att_ao, att_oa,
                          death_a, death_o)
    _route_plans(inboxes, outcomes, rows, next_cid, s.simulation.districts)
    return next_cid + alpha.size, _add_refusals(refused, rows, next_cid, alpha, omega)


def _add_refusals(refused: I64, rows: Rows, first_cid: int, alpha: I64, omega: I64) -> I64:
    if "omega_declined" not in rows:
        return refused
    _, cols = rows["omega_declined"]
    at = (cols["courtship_id"] - first_cid)[cols["stage"] == ev.code(ev.STAGES, "courtship")]
    merged = np.concatenate([refused, pair_keys(alpha[at], omega[at])])
    merged.sort(kind="stable")  # two sorted runs: a linear merge
    return merged


def _route_plans(inboxes: dict[int, Inbox], out: Outcomes, rows: Rows, first_cid: int,
                 n_districts: int) -> None:
    home = out.omega % n_districts
    away = out.alpha % n_districts
    for d, inbox in inboxes.items():
        mine = (home == d) | (away == d)
        if mine.any():
            inbox.outcomes.append(Outcomes(*(getattr(out, f)[mine] for f in _OUTCOME_FIELDS)))
        routed: Rows = {}
        for kind, (when, cols) in rows.items():
            cid = cols["courtship_id"] if "courtship_id" in cols else cols["bond_id"]
            keep = home[cid - first_cid] == d
            if keep.any():
                routed[kind] = (when[keep], {k: v[keep] for k, v in cols.items()})
        if routed:
            inbox.rows.append(routed)


_OUTCOME_FIELDS = ("courtship_id", "alpha", "omega", "busy_until", "bond_day", "alpha_death",
                   "omega_death")


def _route_freed(inboxes: dict[int, Inbox], outs: list[Outbox], n_districts: int) -> None:
    ids = np.concatenate([o.freed_ids for o in outs])
    when = np.concatenate([o.freed_days for o in outs])
    where: I64 = ids % n_districts
    for d, inbox in inboxes.items():
        mine = where == d
        inbox.freed_ids, inbox.freed_days = ids[mine], when[mine]


def _manifest(spec: RunSpec, out_dir: Path, results: list[WorkerResult],
              courtships: int) -> dict[str, Any]:
    files: dict[str, tuple[str, int]] = {}
    for r in results:
        files.update(r.files)
        for rel, blob in r.blobs.items():
            path = out_dir / "events" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(blob)
            files[rel] = (hashlib.sha256(blob).hexdigest(), _rows_in(path))
    counts = {kind: 0 for kind in ev.KINDS}
    for rel, (_, rows) in files.items():
        counts[rel.split("/")[0]] += rows
    listing = "".join(f"{rel}:{files[rel][0]}\n" for rel in sorted(files))
    manifest: dict[str, Any] = {
        "format": "troth-sim", "schema": ev.SCHEMA_VERSION, "seed": spec.seed,
        "people": spec.people, "years": spec.years, "days": spec.horizon,
        "start_date": spec.scenario.simulation.start_date,
        "districts": spec.scenario.simulation.districts,
        "kinds": {kind: {"rank": ev.RANK[kind], "rows": counts[kind]} for kind in ev.KINDS},
        "files": {rel: {"sha256": files[rel][0], "rows": files[rel][1]}
                  for rel in sorted(files)},
        "courtships": courtships,
        "alive_at_end": sum(r.alive for r in results),
        "person_days": sum(r.person_days for r in results),
        "fingerprint": hashlib.sha256(listing.encode()).hexdigest(),
        "scenario": spec.scenario.to_dict(),
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def _rows_in(path: Path) -> int:
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).metadata.num_rows)
