"""Stated preferences in city matching: placed ahead of the computed lists, acceptable from the
stating side only, and the matching stable with respect to the final lists."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from tests.match.test_stable import all_stable_matchings, blocking_pairs
from troth.domain.people import Designation
from troth.match import compat
from troth.match.city import eligible_rows, introductions, match_city, own_order
from troth.match.population import Population, generate
from troth.match.report import summary
from troth.match.stated import ahead
from troth.match.topk import Side, TopKSettings, topk

ON = date(2025, 1, 1)
IntArray = NDArray[np.int64]


def computed_lists(
    pop: Population, k: int, proposers: Designation = Designation.ALPHA
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Ids of both sides and their computed lists (top k by mutual compatibility, ordered
    by own attraction), as the engine builds them before any stated preference."""
    receivers = Designation.OMEGA if proposers is Designation.ALPHA else Designation.ALPHA
    p_rows, r_rows = eligible_rows(pop, proposers, ON), eligible_rows(pop, receivers, ON)
    p = Side.from_vectors(pop.draws[p_rows], pop.gives[p_rows])
    r = Side.from_vectors(pop.draws[r_rows], pop.gives[r_rows])
    settings = TopKSettings(k=k, method="exact")
    return (
        pop.ids[p_rows],
        pop.ids[r_rows],
        own_order(topk(p, r, settings)),
        own_order(topk(r, p, settings)),
    )


def unlisted_pair(p_prefs: IntArray, r_prefs: IntArray) -> tuple[int, int]:
    """A proposer and a receiver (indices) who do not list each other."""
    for i in range(len(p_prefs)):
        for j in range(len(r_prefs)):
            if j not in p_prefs[i] and i not in r_prefs[j]:
                return i, j
    raise AssertionError("every pair is listed")


def test_stated_entries_come_first_in_order_then_the_computed_ones_without_repeats() -> None:
    stated = np.array([[4, 1, -1], [-1, -1, -1], [-1, 2, -1]])
    computed = np.array([[1, 2, 3], [0, 1, -1], [2, 0, 5]])
    assert ahead(stated, computed).tolist() == [
        [4, 1, 2, 3, -1, -1],
        [0, 1, -1, -1, -1, -1],
        [2, 0, 5, -1, -1, -1],
    ]
    assert ahead(stated[:, :0], computed) is computed


def test_a_stated_preference_alone_does_not_put_the_stating_person_on_the_others_list() -> None:
    pop = generate(60, 60, seed=21)
    p_ids, r_ids, p_prefs, r_prefs = computed_lists(pop, 3)
    a, b = unlisted_pair(p_prefs, r_prefs)
    result = match_city(
        pop,
        on=ON,
        settings=TopKSettings(k=3, method="exact"),
        stated={int(p_ids[a]): [int(r_ids[b])]},
    )
    assert result.partner[a] != b
    assert result.stated is not None
    assert (result.stated.rows, result.stated.used, result.stated.listed_back) == (1, 1, 0)
    assert result.stated.pairs == 0


@pytest.mark.parametrize("proposers", [Designation.ALPHA, Designation.OMEGA])
def test_two_people_who_state_each_other_first_are_matched(proposers: Designation) -> None:
    pop = generate(60, 60, seed=22)
    p_ids, r_ids, p_prefs, r_prefs = computed_lists(pop, 3, proposers)
    a, b = unlisted_pair(p_prefs, r_prefs)
    settings = TopKSettings(k=3, method="exact")
    plain = match_city(pop, on=ON, settings=settings, proposers=proposers)
    assert plain.partner[a] != b
    result = match_city(
        pop,
        on=ON,
        settings=settings,
        proposers=proposers,
        stated={int(p_ids[a]): [int(r_ids[b])], int(r_ids[b]): [int(p_ids[a])]},
    )
    assert result.partner[a] == b
    assert (result.proposer_rank[a], result.receiver_rank[a]) == (1, 1)
    assert result.stated is not None and result.stated.by[a] == 3
    assert result.stated.listed_back == 2 and result.stated.pairs == 1
    row = introductions(result)["stated_by"].tolist().index("both")
    mine, theirs = pop.row_of(int(p_ids[a])), pop.row_of(int(r_ids[b]))
    expected = compat.mutual_compatibility(
        pop.draws[mine], pop.gives[mine], pop.draws[theirs], pop.gives[theirs]
    )
    assert introductions(result)["mutual_compatibility"][row] == pytest.approx(float(expected))


def test_a_stated_preference_answered_by_a_computed_first_choice_changes_the_outcome() -> None:
    pop = generate(80, 80, seed=23)
    p_ids, r_ids, p_prefs, r_prefs = computed_lists(pop, 3)
    b = next(j for j in range(len(r_prefs)) if j not in p_prefs[r_prefs[j][0]])
    a = int(r_prefs[b][0])  # b's own first choice, who does not list b
    settings = TopKSettings(k=3, method="exact")
    plain = match_city(pop, on=ON, settings=settings)
    result = match_city(pop, on=ON, settings=settings, stated={int(p_ids[a]): [int(r_ids[b])]})
    assert plain.partner[a] != b and result.partner[a] == b
    assert result.stated is not None and result.stated.by[a] == 1
    data = summary(result)["stated_preferences"]
    assert data["pairs_from_stated"] == 1 and data["pairs_stated_by"]["alpha"] == 1
    assert data["used"] == data["listed_back"] == 1


def test_people_not_taking_part_are_skipped_and_counted_by_reason() -> None:
    pop = generate(6, 6, 1, seed=24)
    pop.opted_in[:] = True
    pop.born[:] = np.datetime64("1990-01-01")
    alphas, omegas = pop.ids[:6].tolist(), pop.ids[6:12].tolist()
    pop.bonded[1] = True  # alpha 2
    pop.born[7] = np.datetime64("2010-01-01")  # omega 8, a minor
    pop.opted_in[8] = False  # omega 9
    stated = {
        alphas[0]: [omegas[0], omegas[1], omegas[2]],
        alphas[1]: [omegas[0]],
        omegas[3]: [alphas[1]],
    }
    result = match_city(pop, on=ON, settings=TopKSettings(k=2, method="exact"), stated=stated)
    assert result.stated is not None
    assert result.stated.skipped == {
        "person_bonded": 1,
        "preferred_under_age": 1,
        "preferred_not_opted_in": 1,
        "preferred_bonded": 1,
    }
    assert result.stated.used == 1 and result.stated.rows == 5


def test_a_stated_pair_that_must_never_be_proposed_is_struck_and_counted() -> None:
    pop = generate(30, 30, seed=25)
    p_ids, r_ids, _, _ = computed_lists(pop, 3)
    a, b = int(p_ids[0]), int(r_ids[0])
    result = match_city(
        pop,
        on=ON,
        settings=TopKSettings(k=3, method="exact"),
        stated={a: [b], b: [a]},
        exclude=(np.array([a]), np.array([b])),
    )
    assert result.partner[0] != 0
    assert result.stated is not None and result.stated.skipped == {"excluded_pair": 2}
    assert result.stated.used == 0


@st.composite
def small_cities(draw: st.DrawFn) -> tuple[Population, dict[int, list[int]], int]:
    """Up to four Alphas and four Omegas, some not taking part, random signatures, and
    random stated preferences (to people taking part or not)."""
    n_a, n_o = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    n = n_a + n_o
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    vectors = rng.standard_normal((2, n, 4)).astype(np.float32)
    out = draw(
        st.lists(st.sampled_from(["", "", "", "bonded", "minor", "out"]), min_size=n, max_size=n)
    )
    designation = np.array(["alpha"] * n_a + ["omega"] * n_o)
    pop = Population(
        ids=np.arange(10, 10 + n, dtype=np.int64),
        designation=designation,
        born=np.array(
            ["2010-06-01" if o == "minor" else "1990-06-01" for o in out], dtype="datetime64[D]"
        ),
        district=np.full(n, "D01"),
        gives=vectors[0],
        draws=vectors[1],
        opted_in=np.array([o != "out" for o in out]),
        bonded=np.array([o == "bonded" for o in out]),
    )
    stated: dict[int, list[int]] = {}
    for row in range(n):
        others = pop.ids[designation != designation[row]].tolist()
        chosen = draw(st.lists(st.sampled_from(others), unique=True, max_size=len(others)))
        if chosen:
            stated[int(pop.ids[row])] = chosen
    return pop, stated, draw(st.integers(1, 3))


def final_lists(
    ids: IntArray, other_ids: IntArray, computed: IntArray, stated: dict[int, list[int]]
) -> IntArray:
    """Each person's list by the documented rule, built entry by entry."""
    index = {int(x): j for j, x in enumerate(other_ids)}
    rows = []
    for i, person in enumerate(ids.tolist()):
        mine = [index[o] for o in stated.get(person, []) if o in index]
        rows.append(mine + [int(j) for j in computed[i] if j >= 0 and j not in mine])
    width = max([1, *(len(r) for r in rows)])
    return np.array([r + [-1] * (width - len(r)) for r in rows], dtype=np.int64).reshape(
        len(rows), width
    )


@settings(max_examples=150, deadline=None)
@given(small_cities(), st.sampled_from([Designation.ALPHA, Designation.OMEGA]))
def test_the_matching_is_stable_on_the_final_lists_and_honours_first_choices_it_must(
    city: tuple[Population, dict[int, list[int]], int], proposers: Designation
) -> None:
    pop, stated, k = city
    p_ids, r_ids, p_comp, r_comp = computed_lists(pop, k, proposers)
    props = final_lists(p_ids, r_ids, p_comp, stated)
    recvs = final_lists(r_ids, p_ids, r_comp, stated)
    result = match_city(
        pop, on=ON, settings=TopKSettings(k=k, method="exact"), proposers=proposers, stated=stated
    )
    match = result.partner
    assert blocking_pairs(props, recvs, match) == []
    for p, r in enumerate(match.tolist()):
        if r >= 0:
            assert result.proposer_rank[p] == props[p].tolist().index(r) + 1
            assert result.receiver_rank[p] == recvs[r].tolist().index(p) + 1
    stable = all_stable_matchings(props, recvs)
    for p, person in enumerate(p_ids.tolist()):
        first = props[p][0]
        if not stated.get(person) or first < 0 or r_ids[first] != stated[person][0]:
            continue  # no stated first choice taking part
        if p in recvs[first] and any(other[p] == first for other in stable):
            assert match[p] == first  # proposer-optimal: possible, so given
            event("a proposer's stated first choice was bound to be honoured")
    for r, person in enumerate(r_ids.tolist()):
        first = recvs[r][0]
        stated_first = bool(stated.get(person)) and first >= 0
        if stated_first and p_ids[first] == stated[person][0] and props[first][0] == r:
            assert match[first] == r  # each the other's first choice
            event("a receiver's stated first choice was mutual")
    assert result.stated is not None
    taking_part = set(p_ids.tolist()) | set(r_ids.tolist())
    in_lists = sum(o in taking_part for p, os in stated.items() if p in taking_part for o in os)
    assert result.stated.used == in_lists
    event(f"stated pairs matched: {min(result.stated.pairs, 2)}")
    _check_stated_by(result, stated, p_ids, r_ids)


def _check_stated_by(
    result: Any, stated: dict[int, list[int]], p_ids: IntArray, r_ids: IntArray
) -> None:
    for p, r in enumerate(result.partner.tolist()):
        if r < 0:
            assert result.stated.by[p] == 0
            continue
        mine = int(r_ids[r]) in stated.get(int(p_ids[p]), [])
        theirs = int(p_ids[p]) in stated.get(int(r_ids[r]), [])
        assert result.stated.by[p] == int(mine) + 2 * int(theirs)
