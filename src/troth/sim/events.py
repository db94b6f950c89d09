"""The event log: the facts the registry records, one Parquet file per kind and district.

Every kind has the columns `date` (the day the fact happened), `district` and `seq` (the
order in which the district produced it), then its own columns (`KINDS`). To replay a
history, sort all files by (date, rank, district, seq), where `rank` is the kind's place
in `KINDS`: within a day, that order puts each fact after those it depends on (a courtship
ended by a death before the death; a new guardian after the death that made one needed).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq

from troth.sim import names as _names
from troth.sim.population import NEVER

SCHEMA_VERSION = "1"
EPOCH_1970 = 719163  # date(1970, 1, 1).toordinal()

STAGES = ("courtship", "bonding")
VISIT_KINDS = ("introduction", "dinner", "tea", "walk", "film")
MISS_REASONS = ("absent", "late", "unwilling")
PARTIES = ("alpha", "omega")
END_REASONS = ("withdrawn", "declined", "died", "lapsed")
OUTCOMES = ("birth", "loss", "maternal_death")
INCIDENTS = ("payment_demanded",)
GROUNDS = ("no_heats", "other")
G_END = ("bonded", "guardian_died", "ward_died", "ward_petitioned")
G_START = ("orphaned", "transferred")
DESIGNATIONS = ("alpha", "beta", "omega")
# Names with realistic frequencies (troth.sim.names): a column stores codes into these.
GIVEN = _names.GIVEN
FAMILY = _names.FAMILY

# A column type is "id" (int64, -1 = null), "date" (NEVER = null), "int", "float", "bool",
# or a tuple of names (an enumeration stored as codes, -1 = null).
Col = tuple[str, Any]

KINDS: dict[str, tuple[Col, ...]] = {
    "registered": (("person_id", "id"), ("born_on", "date"), ("designation", DESIGNATIONS),
                   ("presented_on", "date"), ("given_name", GIVEN), ("family_name", FAMILY)),
    "born": (("person_id", "id"), ("parent1_id", "id"), ("parent2_id", "id"),
             ("given_name", GIVEN), ("family_name", FAMILY)),
    "presented": (("person_id", "id"), ("designation", DESIGNATIONS)),
    "married": (("person1_id", "id"), ("person2_id", "id")),
    "introduction_proposed": (("courtship_id", "id"), ("alpha_id", "id"), ("omega_id", "id"),
                              ("sponsor_id", "id"), ("alpha_attraction", "float"),
                              ("omega_attraction", "float")),
    "omega_consented": (("courtship_id", "id"), ("omega_id", "id"), ("stage", STAGES)),
    "omega_declined": (("courtship_id", "id"), ("omega_id", "id"), ("stage", STAGES)),
    "visit_held": (("courtship_id", "id"), ("visit_number", "int"), ("held_number", "int"),
                   ("visit_kind", VISIT_KINDS), ("handlers", "int"),
                   ("at_omega_residence", "bool")),
    "visit_missed": (("courtship_id", "id"), ("visit_number", "int"),
                     ("visit_kind", VISIT_KINDS), ("reason", MISS_REASONS),
                     ("at_omega_residence", "bool")),
    "waiver_granted": (("courtship_id", "id"), ("visits_held", "int")),
    "bonded": (("bond_id", "id"), ("alpha_id", "id"), ("omega_id", "id"),
               ("visits_held", "int"), ("waived", "bool")),
    "courtship_ended": (("courtship_id", "id"), ("alpha_id", "id"), ("omega_id", "id"),
                        ("party", PARTIES), ("reason", END_REASONS)),
    "heat_recorded": (("person_id", "id"), ("duration_days", "int")),
    "pregnancy_recorded": (("pregnancy_id", "id"), ("person_id", "id"),
                           ("conceived_on", "date")),
    "pregnancy_ended": (("pregnancy_id", "id"), ("person_id", "id"), ("outcome", OUTCOMES),
                        ("child_id", "id")),
    "incident_recorded": (("incident_id", "id"), ("incident", INCIDENTS),
                          ("person_id", "id"), ("ward_id", "id"), ("guardianship_id", "id")),
    "annulment_petitioned": (("bond_id", "id"), ("petitioner_id", "id"), ("alpha_id", "id"),
                             ("omega_id", "id"), ("ground", GROUNDS)),
    "annulment_decided": (("bond_id", "id"), ("alpha_id", "id"), ("omega_id", "id"),
                          ("granted", "bool")),
    "guardian_ended": (("guardianship_id", "id"), ("ward_id", "id"), ("guardian_id", "id"),
                       ("reason", G_END)),
    "died": (("person_id", "id"), ("age_years", "int")),
    "guardian_appointed": (("guardianship_id", "id"), ("ward_id", "id"),
                           ("guardian_id", "id"), ("reason", G_START)),
}
RANK = {kind: rank for rank, kind in enumerate(KINDS)}


def code(vocab: tuple[str, ...], name: str) -> int:
    return vocab.index(name)


@dataclass
class _Chunk:
    day: npt.NDArray[np.int64]
    seq: npt.NDArray[np.int64]
    cols: dict[str, npt.NDArray[Any]]


class EventLog:
    """Per-kind column chunks of one district, written to Parquet at the end."""

    def __init__(self, district: int, start_ordinal: int) -> None:
        self.district = district
        self.start_ordinal = start_ordinal
        self.counter = 0
        self.chunks: dict[str, list[_Chunk]] = {kind: [] for kind in KINDS}

    def emit(self, kind: str, day: Any, **cols: Any) -> None:
        spec = KINDS[kind]
        names = {name for name, _ in spec}
        if set(cols) != names:
            raise ValueError(f"{kind}: columns {sorted(cols)} are not {sorted(names)}")
        days = np.atleast_1d(np.asarray(day, dtype=np.int64))
        n = days.size
        if n == 0:
            return
        arrays = {k: np.broadcast_to(np.asarray(v), (n,)).copy() for k, v in cols.items()}
        seq = np.arange(self.counter, self.counter + n, dtype=np.int64)
        self.counter += n
        self.chunks[kind].append(_Chunk(days.copy(), seq, arrays))

    def count(self, kind: str) -> int:
        return sum(c.day.size for c in self.chunks[kind])

    def table(self, kind: str) -> pa.Table:
        chunks = self.chunks[kind]
        spec = KINDS[kind]
        day = np.concatenate([c.day for c in chunks]) if chunks else np.empty(0, np.int64)
        seq = np.concatenate([c.seq for c in chunks]) if chunks else np.empty(0, np.int64)
        order = np.lexsort((seq, day))
        columns: dict[str, pa.Array] = {
            "date": _dates(day[order], self.start_ordinal),
            "district": pa.array(np.full(day.size, self.district, np.int16)),
            "seq": pa.array(seq[order]),
        }
        for name, typ in spec:
            raw = (np.concatenate([c.cols[name] for c in chunks]) if chunks
                   else np.empty(0, np.int64))
            columns[name] = _column(raw[order], typ, self.start_ordinal)
        schema_meta = {"troth.kind": kind, "troth.rank": str(RANK[kind]),
                       "troth.schema": SCHEMA_VERSION}
        return pa.table(columns).replace_schema_metadata(schema_meta)

    def to_bytes(self) -> dict[str, bytes]:
        """One Parquet file's bytes per kind, keyed by its path relative to events/."""
        out: dict[str, bytes] = {}
        for kind in KINDS:
            sink = pa.BufferOutputStream()
            pq.write_table(self.table(kind), sink, compression="zstd", write_statistics=True)
            out[f"{kind}/district-{self.district:03d}.parquet"] = sink.getvalue().to_pybytes()
        return out

    def write(self, folder: Path) -> dict[str, tuple[str, int]]:
        """Write one file per kind; return {relative path: (sha256, rows)}."""
        written: dict[str, tuple[str, int]] = {}
        for rel, blob in self.to_bytes().items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(blob)
            written[rel] = (hashlib.sha256(blob).hexdigest(), self.count(rel.split("/")[0]))
        return written


def _dates(day: npt.NDArray[np.int64], start_ordinal: int) -> pa.Array:
    mask = day >= NEVER
    values = np.where(mask, 0, day + (start_ordinal - EPOCH_1970)).astype(np.int32)
    return pa.array(values, type=pa.date32(), mask=mask)


def _column(raw: npt.NDArray[Any], typ: Any, start_ordinal: int) -> pa.Array:
    if isinstance(typ, tuple):
        codes = raw.astype(np.int32)
        indices = pa.array(codes, mask=codes < 0)
        return pa.DictionaryArray.from_arrays(indices, pa.array(list(typ), pa.string()))
    if typ == "id":
        ids = raw.astype(np.int64)
        return pa.array(ids, mask=ids < 0)
    if typ == "date":
        return _dates(raw.astype(np.int64), start_ordinal)
    if typ == "int":
        return pa.array(raw.astype(np.int32))
    if typ == "float":
        return pa.array(raw.astype(np.float32))
    if typ == "bool":
        return pa.array(raw.astype(np.bool_))
    raise ValueError(f"unknown column type {typ!r}")
