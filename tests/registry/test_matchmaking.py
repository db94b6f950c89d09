"""Matchmaking on the registry's records (SQLite and PostgreSQL): the opt-in record, the
population read, and `troth match city` writing proposed introductions."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from typer.testing import CliRunner

from tests.store_access import reader
from troth.cli import match_registry as cli_registry
from troth.cli.match import app
from troth.domain import commands as c
from troth.domain.errors import Refused
from troth.domain.matchmaking import SetMatchmakingOptIn
from troth.domain.people import Designation, Scent
from troth.match.city import introductions, match_city, strike_pairs
from troth.match.topk import TopK, TopKSettings
from troth.registry.matchmaking import match_registry, reads
from troth.store.tables import courtship as tc

TODAY = date(2026, 11, 25)  # the FixedClock's day
OPTED = date(2026, 1, 10)
DIMS = 4


def _unit(rng: np.random.Generator) -> tuple[float, ...]:
    v = rng.standard_normal(DIMS)
    return tuple(float(x) for x in v / np.linalg.norm(v))


def _world(registry: Any, alphas: int = 10, omegas: int = 10) -> dict[str, Any]:
    """Alphas and Omegas with random scents, opted in; a declined pair whose scents draw
    each other fully (each one's perception is the other's scent); a live (proposed)
    courtship; and people who must be left out (not opted in, a minor, a Beta)."""
    rng = np.random.default_rng(7)
    w: dict[str, Any] = {}
    with registry.bulk() as bulk:

        def add(name: str, d: str, scent: Scent | None = None, born: date = date(1995, 5, 5)
                ) -> int:
            pid: int = bulk.execute(c.RegisterPerson(
                name, born, scent=scent or Scent(_unit(rng), _unit(rng)), district="D01"))
            bulk.execute(c.RecordPresentation(pid, d, date(born.year + 14, 3, 1)))
            return pid

        w["alphas"] = [add(f"Alpha {i}", "alpha") for i in range(alphas)]
        w["omegas"] = [add(f"Omega {i}", "omega") for i in range(omegas)]
        a_gives, o_gives = _unit(rng), _unit(rng)
        w["declined"] = (add("Alpha Declined", "alpha", Scent(a_gives, o_gives)),
                         add("Omega Declining", "omega", Scent(o_gives, a_gives)))
        w["not_opted"] = [add("Alpha Abstaining", "alpha"), add("Omega Abstaining", "omega")]
        w["minor"] = add("Omega Young", "omega", born=date(2010, 1, 1))
        w["beta"] = add("Beta Steward", "beta")
        for pid in (*w["alphas"], *w["omegas"], *w["declined"]):
            bulk.execute(SetMatchmakingOptIn(pid, True, OPTED))
        bulk.commit()
    alpha, omega = w["declined"]
    court = registry.execute(c.ProposeIntroduction(alpha, omega, None, date(2026, 3, 1)))
    registry.execute(c.RecordConsent(court, omega, False, date(2026, 3, 5)))
    w["live"] = (w["alphas"][0], w["omegas"][0])
    registry.execute(c.ProposeIntroduction(*w["live"], None, date(2026, 4, 1)))
    return w


def _courtships(registry: Any) -> list[Any]:
    with reader(registry) as conn:
        return list(conn.execute(select(tc.courtships).order_by(tc.courtships.c.id)).all())


def _pairs(rows: list[Any]) -> list[tuple[int, int]]:
    return [(r.alpha_id, r.omega_id) for r in rows]


def test_city_proposes_introductions_only_between_eligible_opted_in_pairs(registry: Any) -> None:
    w = _world(registry)
    before = _courtships(registry)
    run = match_registry(registry, TODAY)
    assert run.written is not None and not run.written.refused
    new = [r for r in _courtships(registry) if r.id not in {b.id for b in before}]
    assert sorted(r.id for r in new) == sorted(run.written.courtship_ids)
    assert len(new) == run.result.pairs > 0
    eligible_alphas = {*w["alphas"], w["declined"][0]}
    eligible_omegas = {*w["omegas"], w["declined"][1]}
    left_out = {*w["not_opted"], w["minor"], w["beta"]}
    for r in new:
        assert r.alpha_id in eligible_alphas and r.omega_id in eligible_omegas
        assert not {r.alpha_id, r.omega_id} & left_out
        assert r.status == "proposed" and r.sponsor_id is None  # awaiting the Omega
    assert len(set(_pairs(new))) == len(new)
    assert len({a for a, _ in _pairs(new)}) == len(new) == len({o for _, o in _pairs(new)})
    assert w["declined"] not in _pairs(new) and w["live"] not in _pairs(new)


def test_the_declined_pair_would_be_matched_were_the_refusal_not_respected(registry: Any) -> None:
    w = _world(registry)
    source = reads(registry).population(TODAY).population
    plain = match_city(source, on=TODAY, settings=TopKSettings(rate=1e-4))
    cols = introductions(plain)
    assert w["declined"] in set(zip(cols["alpha_id"].tolist(), cols["omega_id"].tolist(),
                                    strict=True))
    match_registry(registry, TODAY)
    between = [r for r in _courtships(registry) if (r.alpha_id, r.omega_id) == w["declined"]]
    assert [r.status for r in between] == ["declined"]


def test_a_dry_run_writes_nothing(registry: Any) -> None:
    _world(registry)
    head = registry.queries.people.checkpoint()
    count = len(_courtships(registry))
    run = match_registry(registry, TODAY, dry_run=True, proposers=Designation.OMEGA)
    assert run.written is None and run.result.pairs > 0
    assert registry.queries.people.checkpoint() == head and len(_courtships(registry)) == count


def test_a_second_run_leaves_out_people_whose_introduction_is_pending(registry: Any) -> None:
    w = _world(registry)
    first = match_registry(registry, TODAY)
    assert first.courting_left_out == 2 and w["live"][0] not in first.result.proposer_ids
    second = match_registry(registry, TODAY)
    assert second.written is not None and second.written.courtship_ids == []
    assert second.courting_left_out == 2 + 2 * first.result.pairs
    again = match_registry(registry, TODAY, dry_run=True, include_courting=True)
    cols = introductions(again.result)
    offered = set(zip(cols["alpha_id"].tolist(), cols["omega_id"].tolist(), strict=True))
    earlier = set(_pairs(_courtships(registry)))
    assert again.result.pairs > 0 and not offered & earlier


def test_the_excluded_pairs_name_the_refusal_and_the_live_courtship(registry: Any) -> None:
    w = _world(registry, alphas=3, omegas=3)
    excluded = reads(registry).excluded_pairs()
    found = dict(zip(zip(excluded.alpha_ids.tolist(), excluded.omega_ids.tolist(),
                         strict=True), excluded.reasons.tolist(), strict=True))
    assert found == {w["declined"]: "declined", w["live"]: "live_courtship"}
    assert excluded.of(w["declined"][1]) == (w["declined"][0],)


def test_opting_in_is_refused_for_a_minor_a_beta_and_a_person_without_scent(
        registry: Any) -> None:
    w = _world(registry, alphas=1, omegas=1)
    bare = registry.execute(c.RegisterPerson("Alpha Unscented", date(1990, 1, 1)))
    registry.execute(c.RecordPresentation(bare, "alpha", date(2004, 3, 1)))
    for pid, rule in ((w["minor"], "matchmaking_adults_only"),
                      (w["beta"], "matchmaking_alpha_or_omega"), (bare, "scent_recorded")):
        with pytest.raises(Refused) as refused:
            registry.execute(SetMatchmakingOptIn(pid, True, TODAY))
        assert refused.value.rule == rule
        registry.execute(SetMatchmakingOptIn(pid, False, TODAY))  # opting out: always
    with pytest.raises(Refused, match="after today"):
        registry.execute(SetMatchmakingOptIn(w["alphas"][0], True, date(2027, 1, 1)))


def test_an_opt_out_takes_effect_from_its_date(registry: Any) -> None:
    w = _world(registry, alphas=2, omegas=2)
    alpha = w["alphas"][1]
    registry.execute(SetMatchmakingOptIn(alpha, False, date(2026, 6, 1)))
    m = reads(registry)
    assert m.opted_in(alpha, date(2026, 5, 31)) and not m.opted_in(alpha, date(2026, 6, 1))
    assert not m.opted_in(alpha, date(2026, 1, 9))  # before the first choice
    run = match_registry(registry, TODAY)
    assert alpha not in run.result.proposer_ids.tolist()
    earlier = match_registry(registry, date(2026, 5, 1), dry_run=True)
    assert alpha in earlier.result.proposer_ids.tolist()


def test_the_city_and_opt_in_commands_work_on_the_registry(registry: Any,
                                                          monkeypatch: Any) -> None:
    w = _world(registry, alphas=4, omegas=4)
    monkeypatch.setattr(cli_registry, "registry", lambda: registry)
    runner = CliRunner()
    out = runner.invoke(app, ["opt-in", str(w["not_opted"][0])])
    assert out.exit_code == 0, out.output
    minor = runner.invoke(app, ["opt-in", str(w["minor"])])
    assert minor.exit_code == 2 and "matchmaking_adults_only" in minor.output
    dry = runner.invoke(app, ["city", "--dry-run", "--json"])
    assert dry.exit_code == 0, dry.output
    assert json.loads(dry.output)["written"] is None
    done = runner.invoke(app, ["city", "--proposer", "omega", "--json"])
    data = json.loads(done.output)
    assert data["written"]["introductions_proposed"] == data["pairs"] > 0
    # 4 + the declined pair's, less the live courtship's two, plus the Alpha who opted in
    assert data["eligible"] == {"omega": 4, "alpha": 5}
    listed = runner.invoke(app, ["candidates", str(w["declined"][1]), "--json"])
    ids = [row["id"] for row in json.loads(listed.output)]
    assert w["declined"][0] not in ids and set(ids) <= {*w["alphas"], *w["not_opted"]}


@given(st.integers(1, 6), st.integers(1, 6), st.integers(1, 6), st.data())
@settings(max_examples=60, deadline=None)
def test_striking_pairs_removes_exactly_those_pairs_from_the_lists(
        n: int, m: int, k: int, data: st.DataObject) -> None:
    rng = np.random.default_rng(data.draw(st.integers(0, 2**31)))
    k = min(k, m)
    ids = np.stack([rng.permutation(m)[:k] for _ in range(n)]).astype(np.int64)
    top = TopK(ids, rng.random((n, k)), rng.random((n, k)), rng.random((n, k)))
    q_ids = np.arange(100, 100 + n, dtype=np.int64)
    b_ids = np.arange(500, 500 + m, dtype=np.int64)
    banned = data.draw(st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, m - 1))))
    a = np.array([q_ids[i] for i, _ in banned], dtype=np.int64)
    b = np.array([b_ids[j] for _, j in banned], dtype=np.int64)
    struck = strike_pairs(top, q_ids, b_ids, a, b)
    for i in range(n):
        for col in range(k):
            was, now = int(ids[i, col]), int(struck.ids[i, col])
            assert now == (-1 if (i, was) in banned else was)
    assert np.array_equal(struck.own, top.own)
