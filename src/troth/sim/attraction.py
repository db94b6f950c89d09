"""Scent vectors of simulated people, and directional attraction between them.

A simulated person's scent is a pure function of (seed, person id): `gives` and `draws`
are standard normal vectors of the scenario's dimension, so no district stores them and
any process can recompute them.

Attraction is directional: how strongly a perceiver is drawn to a source is the cosine
of the perceiver's `draws` vector with the source's `gives` vector, in [-1, 1]. For
random vectors most pairs are near 0 (indifferent) or negative (repelled); a pair near 1
both ways is rare, the registry's "true match".

STAND-IN: this is the simulator's own documented stand-in for the matching module's
compatibility function (`troth.match.compat`), which was being written at the same time.
It has the same inputs (perception/draws and scent/gives vectors) and direction; when
that module lands, `directional_attraction` should call it so that both agree.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from troth.sim.rng import I64, Rule, normal

F32 = npt.NDArray[np.float32]
F64 = npt.NDArray[np.float64]


def scent_vectors(seed: int, ids: I64, dimensions: int) -> tuple[F64, F64]:
    """(gives, draws), each of shape (len(ids), dimensions)."""
    draw = np.arange(2 * dimensions, dtype=np.int64)[None, :]
    z = normal(seed, Rule.SCENT, ids[:, None], 0, draw)
    return z[:, :dimensions], z[:, dimensions:]


def directional_attraction(perceiver_draws: F64, source_gives: F64) -> F64:
    """Row-wise attraction of each perceiver to the matching source, in [-1, 1]."""
    dot = np.einsum("ij,ij->i", perceiver_draws, source_gives)
    norms = np.linalg.norm(perceiver_draws, axis=1) * np.linalg.norm(source_gives, axis=1)
    out: F64 = dot / np.maximum(norms, 1e-12)
    return out
