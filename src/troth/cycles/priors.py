"""Population priors per regime, learnt by `python -m troth.cycles.fit` and shipped as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from troth.domain.errors import InvalidInput

__all__ = [
    "DEFAULT_PRIORS_PATH",
    "M_GRID",
    "CyclePrior",
    "Priors",
    "Regime",
    "TransitionPrior",
    "default_priors",
    "load_priors",
]

DEFAULT_PRIORS_PATH = Path(__file__).with_name("default_priors.json")
# The per-person missed-record rate lives on this fixed grid (share of heats not recorded).
M_GRID: NDArray[np.float64] = np.array([0.005, 0.03, 0.07, 0.12, 0.18, 0.25, 0.35, 0.5])


class Regime(StrEnum):
    UNBONDED = "unbonded"
    TRANSITION = "transition"  # from the bond date to the first heat after it
    BONDED = "bonded"


@dataclass(frozen=True)
class CyclePrior:
    """Person mean interval ~ N(mean, mean_spread²); person log-sd ~ N(log_sd, log_sd_spread²)."""

    mean: float
    mean_spread: float
    log_sd: float
    log_sd_spread: float

    def __post_init__(self) -> None:
        if not (self.mean > 0 and self.mean_spread > 0 and self.log_sd_spread > 0):
            raise InvalidInput("a cycle prior needs a positive mean and positive spreads",
                               rule="priors")


@dataclass(frozen=True)
class TransitionPrior:
    """Days from the bond to the first heat after it ~ LogNormal(log_mean, log_sd)."""

    log_mean: float
    log_sd: float


@dataclass(frozen=True)
class Priors:
    unbonded: CyclePrior
    bonded: CyclePrior
    transition: TransitionPrior
    missed_a: float  # Beta(a, b) prior on the share of heats that go unrecorded
    missed_b: float
    silence_threshold: float = 0.005  # below this, a silence is reported, not forecast
    onset_window_days: int = 365  # after presentation, "no heat expected yet" lasts this long
    learnt_by: str = ""

    def cycle(self, regime: Regime) -> CyclePrior:
        return self.bonded if regime is not Regime.UNBONDED else self.unbonded

    def missed_weights(self) -> NDArray[np.float64]:
        """Prior weights of M_GRID from the Beta prior (normalised)."""
        dens = stats.beta.pdf(M_GRID, self.missed_a, self.missed_b)
        w = np.asarray(dens, dtype=np.float64) * np.gradient(M_GRID)
        return np.asarray(w / w.sum(), dtype=np.float64)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"

    @staticmethod
    def from_mapping(data: dict[str, Any]) -> Priors:
        try:
            return Priors(
                unbonded=CyclePrior(**data["unbonded"]),
                bonded=CyclePrior(**data["bonded"]),
                transition=TransitionPrior(**data["transition"]),
                missed_a=float(data["missed_a"]),
                missed_b=float(data["missed_b"]),
                silence_threshold=float(data.get("silence_threshold", 0.005)),
                onset_window_days=int(data.get("onset_window_days", 365)),
                learnt_by=str(data.get("learnt_by", "")),
            )
        except (KeyError, TypeError) as exc:
            raise InvalidInput(f"the priors file is missing or mistypes {exc}",
                               rule="priors") from None


def load_priors(path: Path) -> Priors:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"cannot read priors from {path}: {exc}", rule="priors") from None
    return Priors.from_mapping(data)


@cache
def default_priors() -> Priors:
    """The shipped priors (learnt from a generated cohort until registry data exists)."""
    return load_priors(DEFAULT_PRIORS_PATH)
