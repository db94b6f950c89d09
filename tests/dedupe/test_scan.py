"""The registry-wide scan on a generated population with planted duplicates: trained on
the population, and with the stored model, it finds the plant and little else."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from troth.dedupe import plant
from troth.dedupe.columns import Columns
from troth.dedupe.scan import scan
from troth.domain.linkage import fold, jaro_winkler


@pytest.fixture(scope="module")
def population() -> plant.Population:
    return plant.generate(4000, share=0.03, seed=3)


def _quality(pop: plant.Population, retrain: bool) -> tuple[float, float, list[str]]:
    cols = Columns()
    cols.add(pop.records)
    stages: list[str] = []
    pairs = scan(cols, min_p=0.9, retrain=retrain, progress=stages.append)
    found, truth = {(p.left, p.right) for p in pairs}, set(pop.planted)
    assert all(p.reasons and 0.9 <= p.probability <= 1.0 for p in pairs)
    hit = len(found & truth)
    return hit / max(len(found), 1), hit / len(truth), stages


@pytest.mark.parametrize("retrain", [True, False])
def test_the_scan_finds_the_planted_duplicates(population: plant.Population,
                                               retrain: bool) -> None:
    precision, recall, stages = _quality(population, retrain)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)
    assert ("estimating u (random pairs)" in stages) == retrain


def test_the_plant_has_every_kind_and_twins(population: plant.Population) -> None:
    kinds = Counter(population.planted.values())
    assert set(kinds) == set(plant.KINDS)
    twins = Counter((r.parents, r.born) for r in population.records if r.parents)
    assert any(n > 1 for n in twins.values())  # genuine people who look alike


@pytest.mark.parametrize("word", ["Wiśniewski", "Yusuf", "Schmidt", "Ng", "Rey"])
def test_variations_change_a_name_but_keep_it_alike(word: str) -> None:
    rng = random.Random(word)
    for vary in (plant.typo, plant.transliterate):
        varied = vary(rng, word)
        assert varied != word
        assert jaro_winkler(fold(varied), fold(word)) >= 0.5 or fold(varied) == fold(word)
