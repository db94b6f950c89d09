"""Scent vectors of simulated people, and directional attraction between them.

A simulated person's scent is a pure function of (seed, person id): `gives` and `draws`
are standard normal vectors of the scenario's dimension, so no district stores them and
any process can recompute them.

Attraction is directional: how strongly a perceiver is drawn to a source is the matching
module's affinity (`troth.match.compat.affinity`: the cosine of the perceiver's `draws`
vector with the source's `gives` vector, in [-1, 1]), so the simulator and the matching
engine score pairs by one model. For random vectors most pairs are near 0 (indifferent)
or negative (repelled); a pair near 1 both ways is rare, the registry's "true match".
The sponsor's choice and the Omega's consent in the scenario are linear in this affinity.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from troth.match.compat import affinity
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
    return affinity(perceiver_draws, source_gives)
