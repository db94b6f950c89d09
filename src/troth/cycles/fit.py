"""Learn the population priors from a cohort by empirical Bayes (EM over the person grids).

E-step: each person's grid posterior per regime under the current priors, with the missed
rate shared between their regimes. M-step: the priors' means and spreads from the
posterior moments; the Beta prior of the missed rate by maximising its expected log
density; the transition wait (bond to first heat) as a log-normal, reading a long first
gap as possibly spanning one or two unrecorded bonded heats.

Run `python -m troth.cycles.fit` to regenerate default_priors.json (see docs/heats.md).
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy import optimize, stats

from troth.cycles.posterior import CyclePosterior, cycle_posterior, span_weights
from troth.cycles.priors import DEFAULT_PRIORS_PATH, M_GRID, CyclePrior, Priors, TransitionPrior
from troth.cycles.records import History

__all__ = ["PersonData", "fit_priors", "person_data"]

FloatArray = NDArray[np.float64]
FIT_GRID = {"n_mu": 101, "n_sigma": 16}


@dataclass(frozen=True)
class PersonData:
    unbonded: FloatArray
    bonded: FloatArray
    first_gap: float | None  # days from the bond to the first recorded heat after it


def _gaps(heats: list[tuple[int, bool]]) -> FloatArray:
    return np.array([b - a for (a, ea), (b, eb) in itertools.pairwise(heats)
                     if not (ea or eb)], dtype=np.float64)


def person_data(h: History) -> PersonData:
    bond = None if h.bond_date is None else h.bond_date.toordinal()
    days = [(r.start.toordinal(), r.excluded) for r in h.heats]
    pre = [d for d in days if bond is None or d[0] < bond]
    post = [d for d in days if bond is not None and d[0] >= bond]
    first = None if bond is None or not post else float(post[0][0] - bond)
    return PersonData(_gaps(pre), _gaps(post), first)


def _initial(data: list[PersonData]) -> Priors:
    def guess(xs: FloatArray) -> CyclePrior:
        med = float(np.median(xs))
        core = xs[xs < 1.5 * med]
        return CyclePrior(float(core.mean()), max(float(core.std()), 1.0),
                          float(np.log(max(core.std(), 1.0))), 0.5)

    u = np.concatenate([d.unbonded for d in data])
    b = np.concatenate([d.bonded for d in data])
    g = np.log([d.first_gap for d in data if d.first_gap])
    return Priors(guess(u), guess(b), TransitionPrior(float(g.mean()), float(g.std())), 1.0, 9.0)


def _reweighted(post: CyclePosterior, m_post: FloatArray) -> FloatArray:
    """p(mu, sigma | all data): the regime's conditional on m, averaged over p(m | all)."""
    cond = post.weights / np.maximum(post.weights.sum(axis=0, keepdims=True), 1e-300)
    return np.asarray((cond * m_post[None, :]).sum(axis=1), dtype=np.float64)


def _moments(post: CyclePosterior, w: FloatArray) -> FloatArray:
    ls = np.log(post.sigma)
    return np.array([w @ post.mu, w @ post.mu**2, w @ ls, w @ ls**2])


def _cycle_prior(mom: list[FloatArray]) -> CyclePrior:
    a = np.mean(mom, axis=0)
    return CyclePrior(float(a[0]), float(np.sqrt(max(a[1] - a[0] ** 2, 0.04))), float(a[2]),
                      float(np.sqrt(max(a[3] - a[2] ** 2, 0.0025))))


def _beta(counts: FloatArray) -> tuple[float, float]:
    def loss(v: FloatArray) -> float:
        w = stats.beta.pdf(M_GRID, np.exp(v[0]), np.exp(v[1])) * np.gradient(M_GRID)
        return -float(counts @ np.log(w / w.sum() + 1e-300))

    res = optimize.minimize(loss, np.log([1.0, 9.0]), method="Nelder-Mead")
    return float(np.exp(res.x[0])), float(np.exp(res.x[1]))


def _transition(gaps: list[tuple[float, float, float]], t: TransitionPrior) -> TransitionPrior:
    """Weighted log-normal fit; each gap may span k-1 unrecorded bonded heats (k=1,2,3)."""
    vals, wts = [], []
    for g, mu_b, m in gaps:
        k = np.arange(3)
        d = g - k * mu_b
        ok = d > 1.0
        dens = np.where(ok, stats.lognorm.pdf(np.where(ok, d, 1.0), t.log_sd,
                                              scale=np.exp(t.log_mean)), 0.0)
        r = span_weights(np.array([m]))[:, 0] * dens
        if r.sum() > 0:
            vals.extend(np.log(d[ok]))
            wts.extend(r[ok] / r.sum())
    mean = float(np.average(vals, weights=wts))
    sd = float(np.sqrt(np.average((np.array(vals) - mean) ** 2, weights=wts)))
    return TransitionPrior(mean, max(sd, 0.05))


def _em_step(data: list[PersonData], p: Priors) -> Priors:
    log_m = np.log(p.missed_weights())
    mom_u, mom_b, counts, gaps = [], [], np.zeros(M_GRID.size), []
    for d in data:
        pu = cycle_posterior(d.unbonded, p.unbonded, log_m, **FIT_GRID)
        pb = cycle_posterior(d.bonded, p.bonded, log_m, **FIT_GRID)
        lm = log_m + pu.log_evidence_m + pb.log_evidence_m
        m_post = np.exp(lm - lm.max())
        m_post /= m_post.sum()
        counts += m_post
        wb = _reweighted(pb, m_post)
        if d.unbonded.size:
            mom_u.append(_moments(pu, _reweighted(pu, m_post)))
        if d.bonded.size:
            mom_b.append(_moments(pb, wb))
        if d.first_gap is not None:
            gaps.append((d.first_gap, float(wb @ pb.mu), float(m_post @ M_GRID)))
    a, b = _beta(counts)
    return replace(p, unbonded=_cycle_prior(mom_u), bonded=_cycle_prior(mom_b),
                   transition=_transition(gaps, p.transition), missed_a=a, missed_b=b)


def fit_priors(histories: list[History], *, iterations: int = 10,
               progress: Callable[[int, Priors], None] | None = None) -> Priors:
    """Learn priors from the histories of a cohort (people with no heats are left out)."""
    data = [person_data(h) for h in histories if h.heats]
    priors = _initial(data)
    for i in range(iterations):
        priors = _em_step(data, priors)
        if progress is not None:
            progress(i, priors)
    return priors


def main() -> None:
    from troth.cycles.cohort import CohortSpec, generate_cohort

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--persons", type=int, default=400)
    ap.add_argument("--seed", type=int, default=20260101)
    ap.add_argument("--iterations", type=int, default=10)
    ap.add_argument("--out", type=Path, default=DEFAULT_PRIORS_PATH)
    args = ap.parse_args()
    cohort = generate_cohort(CohortSpec(persons=args.persons), seed=args.seed)
    learnt = fit_priors([c.history for c in cohort], iterations=args.iterations,
                        progress=lambda i, p: print(f"iteration {i + 1}: {p}", flush=True))
    cmd = (f"python -m troth.cycles.fit --persons {args.persons} --seed {args.seed}"
           f" --iterations {args.iterations}")
    args.out.write_text(replace(learnt, learnt_by=cmd).to_json(), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
