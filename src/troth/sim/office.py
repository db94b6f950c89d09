"""The registry office deciding the welfare reviews that simulated incidents open.

Each review is decided after a delay drawn from a lognormal distribution (median
`review_median_days`, log-spread `review_sigma`, capped at `review_max_days`, at least
one day), keyed by the seed and the incident, so the same history always gets the same
decisions. The outcome follows the guardian's history: a first payment demand keeps the
guardian with a warning; a repeated demand transfers the guardianship to another eligible
guardian, or revokes it when there is none (if it is still in force on the day of the
decision; otherwise the guardian is kept on record with the reasons). The import applies
each decision on its date, when that date is on or before its today; later ones stay
open, as a working office always has a few recent reviews.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from troth.sim.rng import Rule, normal
from troth.sim.scenario import Guardianship


@dataclass(frozen=True)
class Review:
    """A review to decide: the simulated incident and its parties."""

    on: date  # the day of the decision
    incident_id: int  # the registry's incident
    sim_incident: int
    guardian: int  # sim id
    ward: int  # sim id
    guardianship: int  # sim id
    repeated: bool  # the guardian had demanded payment before


def delays(seed: int, incidents: np.ndarray, g: Guardianship) -> np.ndarray:
    """Days from each incident to its decision (1 .. review_max_days)."""
    z = normal(seed, Rule.REVIEW, np.asarray(incidents, np.int64), 0)
    raw = np.exp(math.log(g.review_median_days) + g.review_sigma * z)
    out: np.ndarray = np.clip(np.rint(raw), 1, g.review_max_days).astype(np.int64)
    return out


def decision_day(seed: int, incident: int, reported: date, g: Guardianship) -> date:
    return reported + timedelta(days=int(delays(seed, np.array([incident]), g)[0]))


def outcome(review: Review, in_force: bool, successor: bool = False) -> tuple[str, str]:
    """(kept | transferred | revoked, reasons) for the review."""
    if not review.repeated:
        return "kept", ("a first payment demand: the guardian is kept with a written warning"
                        " that no step may ever be conditional on a payment")
    if in_force and successor:
        return "transferred", ("a repeated payment demand by the same guardian: the"
                               " guardianship is transferred to another eligible guardian")
    if in_force:
        return "revoked", ("a repeated payment demand by the same guardian: the"
                           " guardianship is revoked")
    return "kept", ("a repeated payment demand, but the guardianship had already ended;"
                    " the guardian is kept on record with the finding")


__all__ = ["Review", "decision_day", "delays", "outcome"]
