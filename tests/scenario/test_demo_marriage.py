"""The story's Beta couple: Han Solo and Leia Organa are married in the demo world, with a
certificate the registry verifies, before their son Ben was born."""

from __future__ import annotations

from datetime import date
from typing import Any

from troth.demo.story import HAN_AND_LEIA_MARRIED
from troth.demo.world import load_world


def test_the_demo_has_han_and_leia_married_before_ben_was_born(registry: Any) -> None:
    registry.clock.set(date(2026, 11, 25))
    ids = load_world(registry, present=False)
    (found,) = registry.queries.marriages.of_person(ids["han"])
    assert set(found.spouses()) == {ids["han"], ids["leia"]}
    assert (found.status, found.solemnised_on, found.officiant_id) == (
        "solemnised", HAN_AND_LEIA_MARRIED, ids["tekka"])
    assert registry.queries.people.person(ids["ben"]).born > HAN_AND_LEIA_MARRIED
    check = registry.queries.marriages.verify_certificate(found.certificate_code)
    assert check.valid and set(check.names) == {"Han Solo", "Leia Organa"}, check.message
    snap = registry.queries.people.snapshot(ids["leia"], date(2026, 1, 1),
                                            recorded_by=date(2026, 11, 25))
    assert snap.married_to == ids["han"]
    words = [h.text for h in registry.queries.people.history(ids["han"])]
    assert any("Han Solo" in w and "consented to marry Leia Organa" in w for w in words)
