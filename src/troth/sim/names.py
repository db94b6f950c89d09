"""Names with realistic frequencies, shared by the simulator and the benchmarks.

names.tsv (written by scripts/gen_names.py from Faker's locales) lists given and family
names with their share of the population: a draw is a counter-based uniform number mapped
through the cumulative shares, so a person's name depends on the seed and the person only.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

_FILE = Path(__file__).with_name("names.tsv")


@cache
def _table() -> dict[str, tuple[tuple[str, ...], npt.NDArray[np.float64]]]:
    rows: dict[str, tuple[list[str], list[float]]] = {"given": ([], []), "family": ([], [])}
    lines = _FILE.read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        kind, name, weight = line.split("\t")
        rows[kind][0].append(name)
        rows[kind][1].append(float(weight))
    out = {}
    for kind, (names, weights) in rows.items():
        cum = np.cumsum(np.asarray(weights, dtype=np.float64))
        out[kind] = (tuple(names), cum / cum[-1])
    return out


def names(kind: str) -> tuple[str, ...]:
    """Every name of a kind ("given" or "family"), most frequent first."""
    return _table()[kind][0]


@cache
def cumulative(kind: str) -> list[float]:
    """The cumulative shares of `names(kind)`, ending at 1."""
    return [float(x) for x in _table()[kind][1]]


def draw(kind: str, u: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """Codes into `names(kind)` for uniform numbers in [0, 1), by frequency."""
    cum = _table()[kind][1]
    idx = np.searchsorted(cum, np.asarray(u, dtype=np.float64), side="right")
    return np.minimum(idx, len(cum) - 1).astype(np.int64)


GIVEN = names("given")
FAMILY = names("family")

__all__ = ["FAMILY", "GIVEN", "cumulative", "draw", "names"]
