"""Histograms of the attraction model's scores for docs/matching.md (PNG in docs/img/).

    python benchmarks/matching_plots.py            # writes docs/img/matching-*.png

Random isotropic signatures (d = 16) and the default true-match rate (1 in 10,000 pairs).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from troth.match import compat

OUT = Path(__file__).resolve().parents[1] / "docs" / "img"
DIMS, PAIRS = 16, 2_000_000


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    pa, ga, pb, gb = (rng.standard_normal((PAIRS, DIMS), dtype=np.float32) for _ in range(4))
    ab, ba = compat.affinity(pa, gb), compat.affinity(pb, ga)
    tau = compat.threshold(DIMS)
    att = compat.attraction_of_affinity(ab, DIMS)
    mutual = np.exp(compat.log_mutual_of_affinities(ab, ba, DIMS))

    fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
    axes[0].hist(ab, bins=200, color="#4a6fa5")
    axes[0].axvline(tau, color="#b03a2e", ls="--", label=f"threshold tau = {tau:.3f}")
    axes[0].set(title="Affinity: cos(perception, scent)", xlabel="affinity", ylabel="pairs")
    axes[0].legend()
    bins = np.logspace(-15, 0, 150)
    axes[1].hist(att, bins=bins, color="#4a6fa5")
    axes[1].axvline(0.5, color="#b03a2e", ls="--", label="overwhelming (>= 0.5)")
    axes[1].set(xscale="log", yscale="log", title="Attraction, one direction",
                xlabel="attraction (log scale)", ylabel="pairs (log scale)")  # fmt: skip
    axes[1].legend()
    axes[2].hist(mutual, bins=bins, color="#4a6fa5")
    true = (ab >= tau) & (ba >= tau)
    axes[2].hist(mutual[true], bins=bins, color="#b03a2e", label=f"true matches ({true.sum()})")
    axes[2].set(xscale="log", yscale="log", title="Mutual compatibility (geometric mean)",
                xlabel="mutual compatibility (log scale)", ylabel="pairs (log scale)")  # fmt: skip
    axes[2].legend()
    fig.suptitle(f"{PAIRS:,} random pairs, d = {DIMS}, true-match rate 1e-4")
    fig.tight_layout()
    fig.savefig(OUT / "matching-scores.png", dpi=90)

    fig, ax = plt.subplots(figsize=(6.5, 5))
    sample = slice(0, 60_000)
    ax.scatter(ab[sample], ba[sample], s=1, alpha=0.3, color="#4a6fa5")
    ax.axvline(tau, color="#b03a2e", ls="--")
    ax.axhline(tau, color="#b03a2e", ls="--")
    ax.set(title="The two directions of a pair are independent",
           xlabel="a's affinity to b", ylabel="b's affinity to a")  # fmt: skip
    ax.text(tau + 0.01, tau + 0.01, "true matches", color="#b03a2e")
    fig.tight_layout()
    fig.savefig(OUT / "matching-directions.png", dpi=90)
    print(f"wrote {OUT / 'matching-scores.png'} and {OUT / 'matching-directions.png'}")


if __name__ == "__main__":
    main()
