"""Find likely duplicate pairs across a whole registry with Splink on DuckDB.

The model is either the stored one (model.json, trained on a generated population of
100,000 people with planted duplicates: benchmarks/duplicates.py) or trained on the records
given: u by random sampling among the registry's own pairs, the prior from the pairs that agree
on name and birth date; the m probabilities are registration's (see model.py).
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from troth.dedupe import model
from troth.dedupe.columns import Columns

STORED = Path(__file__).with_name("model.json")
MIN_TO_TRAIN = 2000  # fewer records than this: the stored model is used


@dataclass(frozen=True)
class Pair:
    left: int
    right: int
    probability: float
    reasons: tuple[str, ...]

    def why(self) -> str:
        return f"p={self.probability:.2f}: " + ", ".join(self.reasons)


def stored_model() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(STORED.read_text(encoding="utf-8"))
    return loaded


def _table(cols: Columns) -> Any:
    import pyarrow as pa

    schema = pa.schema([("unique_id", pa.int64()), ("given", pa.string()),
                        ("family", pa.string()), ("names", pa.list_(pa.string())),
                        ("others", pa.list_(pa.string())), ("born", pa.string()),
                        ("born_swapped", pa.string()), ("parents", pa.list_(pa.int64())),
                        ("district", pa.string()), ("designation", pa.string())])
    return pa.table(cols.data, schema=schema)


def _linker(cols: Columns, settings: dict[str, Any]) -> Any:
    import duckdb
    from splink import DuckDBAPI, Linker

    logging.getLogger("splink").setLevel(logging.WARNING)
    con = duckdb.connect()
    arrow = _table(cols)  # noqa: F841 - read by name below
    con.execute("CREATE TABLE people AS SELECT * FROM arrow")
    db = DuckDBAPI(con)
    return Linker(db.register("people"), settings, log_level=logging.WARNING)


def train(linker: Any, progress: Callable[[str], None]) -> None:
    t = linker.training
    progress("estimating the prior")
    t.estimate_probability_two_random_records_match(model.DETERMINISTIC, recall=0.7)
    progress("estimating u (random pairs)")
    t.estimate_u_using_random_sampling(max_pairs=2e6, seed=15)


def scan(cols: Columns, *, min_p: float = 0.9, retrain: bool = False,
         progress: Callable[[str], None] = lambda _: None,
         save_to: Path | None = None) -> list[Pair]:
    """The pairs at or above `min_p`, most likely first."""
    trained = retrain and len(cols) >= MIN_TO_TRAIN
    progress(f"loading {len(cols):,} records")
    linker = _linker(cols, model.settings() if trained else stored_model())
    if trained:
        train(linker, progress)
    if save_to is not None:
        linker.misc.save_model_to_json(str(save_to), overwrite=True)
    progress("comparing the blocked pairs")
    found = linker.inference.predict(threshold_match_probability=min_p)
    rel = found.as_duckdbpyrelation()
    names = rel.columns
    weights = level_weights(linker.misc.save_model_to_json())
    per = [(names.index(f"mw_{c}"), levels) for c, levels in weights.items()
           if f"mw_{c}" in names]
    li, ri, pi = (names.index(n) for n in ("unique_id_l", "unique_id_r", "match_probability"))
    pairs = []
    for row in rel.fetchall():
        said = [(row[i], _closest(levels, row[i])) for i, levels in per if row[i]]
        said.sort(key=lambda x: -x[0])
        left, right = sorted((int(row[li]), int(row[ri])))
        pairs.append(Pair(left, right, float(row[pi]),
                          tuple(lab for w, lab in said if abs(w) >= 1 and lab not in _QUIET)))
    pairs.sort(key=lambda p: (-p.probability, p.left, p.right))
    return pairs


_QUIET = {"unknown"}


def level_weights(settings: dict[str, Any]) -> dict[str, list[tuple[float, str]]]:
    """Per comparison, each level's match weight log2(m/u) and label (a trained model)."""
    out: dict[str, list[tuple[float, str]]] = {}
    for comp in settings["comparisons"]:
        levels = []
        for lv in comp["comparison_levels"]:
            m, u = lv.get("m_probability"), lv.get("u_probability")
            if not lv.get("is_null_level") and m and u:
                levels.append((math.log2(m / u), str(lv["label_for_charts"])))
        out[comp["output_column_name"]] = levels
    return out


def _closest(levels: list[tuple[float, str]], w: float) -> str:
    return min(levels, key=lambda lv: abs(lv[0] - w))[1] if levels else "unknown"
